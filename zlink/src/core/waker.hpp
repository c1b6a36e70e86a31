// waker: how one end of a pipe (or a mailbox) nudges the thread that owns the other end.
// Called only when that thread went idle, so it is off the per-message path.
#pragma once

namespace zlink {

class waker {
public:
    virtual ~waker() = default;
    // wake(): the owner has new work; safe from any thread, may coalesce repeated calls.
    virtual void wake() noexcept = 0;
};

} // namespace zlink
