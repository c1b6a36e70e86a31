// mailbox: commands posted to a socket from other threads (I/O threads attaching or
// detaching connections, inproc peers joining). Not on the per-message path, so a mutex is fine;
// the socket notices work through its signaler's pending flag without locking.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "signaler.hpp"

namespace zlink {

class socket_base;

class mailbox {
public:
    using command = std::function<void(socket_base&)>;

    explicit mailbox(std::shared_ptr<signaler> sig) : sig_(std::move(sig)) {}

    // post(cmd): queue cmd for the socket thread; dropped when the socket is closed.
    void post(command cmd);
    // take(): every queued command, in post order (socket thread).
    std::vector<command> take();
    // close(): refuse further commands; returns those still queued so the caller can drop
    // them outside the lock.
    std::vector<command> close();
    const std::shared_ptr<signaler>& sig() const noexcept { return sig_; }

private:
    std::shared_ptr<signaler> sig_;
    std::mutex mutex_;
    std::vector<command> queue_;
    bool closed_ = false;
};

using mailbox_ptr = std::shared_ptr<mailbox>;

} // namespace zlink
