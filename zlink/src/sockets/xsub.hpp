// XSUB: a subscriber whose subscriptions are messages the application sends ("\x01topic"
// subscribes, "\x00topic" cancels). Subscriptions are remembered and re-sent to every new or
// re-established connection. SUB (sub.hpp) adds the socket-option interface and local filtering.
#pragma once

#include <string_view>

#include "../core/socket_base.hpp"
#include "fair_queue.hpp"
#include "topic_set.hpp"

namespace zlink {

class xsub_socket : public socket_base {
public:
    explicit xsub_socket(ctx& c, int type = 10);

protected:
    int xsend(msg& m) override;
    int xrecv(msg& m) override;
    bool xarm_send() override { return true; }
    bool xarm_recv() override { return fq_.arm(); }
    bool xhas_in() override;
    bool xhas_out() override { return true; }
    bool xattach(peer* p) override;
    void xdetach(peer* p) override;
    void xreconnected(peer* p) override;

    // subscribe(topic, on): updates the set; tells every peer when the topic appears/vanishes.
    void subscribe(std::string_view topic, bool on);
    // Whether received messages are matched against the subscriptions here too (SUB).
    bool filter_ = false;

private:
    bool send_control(peer* p, std::string_view topic, bool on);
    bool next(msg& m);

    fair_queue fq_;
    topic_set subs_;
    bool in_body_ = false;  // delivering the later parts of a message
    bool out_body_ = false; // forwarding the later parts of an upstream message
};

} // namespace zlink
