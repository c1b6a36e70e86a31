// inbound_limits: what one peer may make its connection hold: the parts of an inbound message
// that is not complete yet, and (towards a publisher) that peer's subscriptions. The values
// and the reasons for them are in zlink/README.md ("Limits on what a peer can make us hold").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "zmp_frame.hpp"

namespace zlink {

namespace limits {
// Parts of one message, whatever their size (each staged part costs a message slot).
inline constexpr std::size_t max_message_parts = 65536;
// Bytes of the parts of one message received before its last part, when ZLINK_MAXMSGSIZE is
// unset (when it is set it bounds the whole message instead).
inline constexpr std::uint64_t max_incomplete_bytes = std::uint64_t{256} << 20;
// Distinct topics one connection may subscribe to, and their total length.
inline constexpr std::size_t max_subscriptions = 10000;
inline constexpr std::size_t max_subscription_bytes = std::size_t{1} << 20;
// Payload bytes a connection may have queued for its socket and not yet read by it. With
// large messages RCVHWM alone lets one connection hold RCVHWM x size (256 MiB at 256 KiB,
// every byte of it written by the kernel, so resident). Reaching it pauses reading exactly
// like RCVHWM does: back-pressure, not an error. A larger message still goes through alone.
inline constexpr std::uint64_t max_queued_inbound_bytes = std::uint64_t{8} << 20;
} // namespace limits

// A broken bound: the ZMP code to send and a reason naming the bound.
struct limit_violation {
    zmp::error_code code = zmp::error_code::none;
    const char* reason = nullptr;
    explicit operator bool() const noexcept { return code != zmp::error_code::none; }
};

// message_budget: the parts and bytes of the inbound message in flight on one connection.
class message_budget {
public:
    // maxmsgsize: the receiver's ZLINK_MAXMSGSIZE (0 or negative = unset).
    explicit message_budget(std::int64_t maxmsgsize) noexcept : max_(maxmsgsize) {}

    // check(length, more): what accepting a data part of `length` bytes (with MORE set when
    // `more`) after the parts kept so far would break; no side effect.
    limit_violation check(std::uint32_t length, bool more) const noexcept;
    // kept(length): a part with MORE was accepted. done(): the message completed or was dropped.
    void kept(std::uint32_t length) noexcept
    {
        ++parts_;
        bytes_ += length;
    }
    void done() noexcept { parts_ = bytes_ = 0; }

private:
    std::int64_t max_;
    std::uint64_t parts_ = 0;
    std::uint64_t bytes_ = 0;
};

// subscription_budget: the topics one connection has subscribed to, as the publisher's table
// holds them (a repeated SUBSCRIBE adds nothing, a CANCEL of an unknown topic removes nothing).
class subscription_budget {
public:
    // check_length(length): a SUBSCRIBE/CANCEL body this long can never be accepted.
    limit_violation check_length(std::uint32_t length) const noexcept;
    // apply(topic, subscribe): records the change, or reports the bound it would break and
    // records nothing.
    limit_violation apply(std::string_view topic, bool subscribe);
    std::size_t size() const noexcept { return topics_.size(); }
    std::size_t bytes() const noexcept { return bytes_; }

private:
    std::unordered_set<std::string> topics_;
    std::size_t bytes_ = 0;
};

} // namespace zlink
