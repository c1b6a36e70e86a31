// inbound_limits: the checks behind the bounds declared in inbound_limits.hpp.
#include "inbound_limits.hpp"

namespace zlink {

limit_violation message_budget::check(std::uint32_t length, bool more) const noexcept
{
    if (parts_ + 1 > limits::max_message_parts)
        return {zmp::error_code::internal, "too many message parts"};
    const std::uint64_t total = bytes_ + length;
    if (max_ > 0) {
        if (total > static_cast<std::uint64_t>(max_))
            return {zmp::error_code::body_too_large, "message above maxmsgsize"};
    } else if (more && total > limits::max_incomplete_bytes) {
        return {zmp::error_code::body_too_large, "incomplete message too large"};
    }
    return {};
}

limit_violation subscription_budget::check_length(std::uint32_t length) const noexcept
{
    if (length > limits::max_subscription_bytes)
        return {zmp::error_code::internal, "subscription topic too long"};
    return {};
}

limit_violation subscription_budget::apply(std::string_view topic, bool subscribe)
{
    if (const limit_violation v = check_length(static_cast<std::uint32_t>(topic.size())))
        return v;
    std::string key(topic);
    if (!subscribe) {
        if (topics_.erase(key) != 0)
            bytes_ -= topic.size();
        return {};
    }
    if (topics_.contains(key))
        return {};
    if (topics_.size() >= limits::max_subscriptions)
        return {zmp::error_code::internal, "too many subscriptions"};
    if (bytes_ + topic.size() > limits::max_subscription_bytes)
        return {zmp::error_code::internal, "subscription topics too long in total"};
    topics_.insert(std::move(key));
    bytes_ += topic.size();
    return {};
}

} // namespace zlink
