// XPUB: a publisher that also hands subscriptions to the application ("\x01topic" /
// "\x00topic"); without XPUB_VERBOSE only the first subscription of a topic is passed up.
// PUB (pub.hpp) is an XPUB that keeps subscriptions to itself.
#pragma once

#include <deque>
#include <string>

#include "../core/socket_base.hpp"
#include "distributor.hpp"

namespace zlink {

class xpub_socket : public socket_base {
public:
    explicit xpub_socket(ctx& c, int type = 9);

protected:
    int xsend(msg& m) override;
    int xrecv(msg& m) override;
    bool xarm_send() override { return true; }
    bool xarm_recv() override;
    bool xhas_in() override;
    bool xhas_out() override { return true; }
    bool xattach(peer* p) override;
    void xdetach(peer* p) override;
    void xactivity() override { read_upstream(); }
    int xsetsockopt(int option, const void* value, std::size_t len) override;
    int xgetsockopt(int option, void* value, std::size_t* len) override;

    // Whether subscriptions and upstream messages reach the application (false for PUB).
    bool deliver_ = true;

private:
    // read_upstream(): apply every subscription waiting in the peers' pipes, then arm them.
    void read_upstream();
    void on_upstream(distributor::target& t, msg& m);
    // retract(gone): topics a peer no longer holds leave the union (and are passed up).
    void retract(const topic_set& gone);

    distributor dist_;
    topic_set all_;                  // union over peers, to pass each topic up once
    std::deque<std::string> up_;     // messages for the application
    int verbose_ = 0;
};

} // namespace zlink
