// ROUTER: prepends the sending peer's routing id to each received message and routes each
// sent message by its first part; ROUTER_MANDATORY turns silent drops into EHOSTUNREACH.
#pragma once

#include <string>
#include <unordered_map>

#include "../core/socket_base.hpp"
#include "fair_queue.hpp"

namespace zlink {

class router_socket final : public socket_base {
public:
    explicit router_socket(ctx& c);
    ~router_socket() override;

protected:
    int xsend(msg& m) override;
    int xrecv(msg& m) override;
    bool xarm_send() override;
    bool xarm_recv() override { return prefetched_ ? false : fq_.arm(); }
    bool xhas_in() override { return prefetched_ || fq_.has_in(); }
    bool xhas_out() override { return true; }
    bool xattach(peer* p) override;
    void xdetach(peer* p) override;
    int xsetsockopt(int option, const void* value, std::size_t len) override;
    int xgetsockopt(int option, void* value, std::size_t* len) override;

private:
    int send_routing_part(msg& m);

    fair_queue fq_;
    std::unordered_map<std::string, peer*> by_id_;
    int mandatory_ = 0;
    bool in_body_out_ = false; // sending the body parts of a routed message
    peer* target_ = nullptr;   // where those parts go (null: dropped)
    peer* blocked_on_ = nullptr;
    bool in_body_in_ = false; // delivering the body parts of a received message
    bool prefetched_ = false; // body part held back while its routing id is delivered
    msg prefetch_;
};

} // namespace zlink
