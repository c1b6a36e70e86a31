// SUB: subscriptions through ZLINK_SUBSCRIBE / ZLINK_UNSUBSCRIBE, received messages filtered
// locally as well (a publisher may still send a topic while an unsubscription travels).
#pragma once

#include "xsub.hpp"

namespace zlink {

class sub_socket final : public xsub_socket {
public:
    explicit sub_socket(ctx& c);

protected:
    int xsend(msg&) override { return ENOTSUP; }
    int xsetsockopt(int option, const void* value, std::size_t len) override;
};

} // namespace zlink
