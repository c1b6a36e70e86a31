// DEALER: round-robins outgoing messages over its peers and fair-queues incoming ones.
#pragma once

#include "../core/socket_base.hpp"
#include "fair_queue.hpp"
#include "load_balancer.hpp"

namespace zlink {

class dealer_socket final : public socket_base {
public:
    explicit dealer_socket(ctx& c);

protected:
    int xsend(msg& m) override { return lb_.send(m); }
    int xrecv(msg& m) override;
    bool xarm_send() override { return lb_.arm(); }
    bool xarm_recv() override { return fq_.arm(); }
    bool xhas_in() override { return fq_.has_in(); }
    bool xhas_out() override { return lb_.has_out(); }
    bool xattach(peer* p) override;
    void xdetach(peer* p) override;

private:
    fair_queue fq_;
    load_balancer lb_;
};

} // namespace zlink
