// XSUB: subscription forwarding and fair-queued receiving.
#include "xsub.hpp"

#include "zlink.h"

namespace zlink {

xsub_socket::xsub_socket(ctx& c, int type) : socket_base(c, type) {}

bool xsub_socket::send_control(peer* p, std::string_view topic, bool on)
{
    if (p->gone || p->out->reader_closed())
        return false;
    msg m;
    if (!m.init_buffer(topic.data(), topic.size()))
        return false;
    m.set_flags(on ? msg::subscribe : msg::cancel);
    // Subscriptions ignore the HWM: losing one would silently change what the peer sends.
    p->out->write(m);
    p->out->flush();
    return true;
}

void xsub_socket::subscribe(std::string_view topic, bool on)
{
    const bool changed = on ? subs_.add(topic) : subs_.remove(topic);
    if (!changed)
        return;
    for (auto& p : peers_)
        send_control(p.get(), topic, on);
}

int xsub_socket::xsend(msg& m)
{
    const auto* d = m.data();
    if (!out_body_ && m.size() >= 1 && (d[0] == 0 || d[0] == 1)) {
        subscribe(std::string_view(reinterpret_cast<const char*>(d) + 1, m.size() - 1), d[0] == 1);
        m.close();
        return 0;
    }
    // Anything else travels upstream to every publisher, as libzmq's XSUB does.
    out_body_ = m.has_more();
    for (auto& p : peers_) {
        if (p->gone || p->out->reader_closed())
            continue;
        msg copy;
        copy.copy_from(m);
        p->out->write(copy);
        if (!out_body_)
            p->out->flush();
    }
    m.close();
    return 0;
}

bool xsub_socket::next(msg& m)
{
    peer* from;
    peer* ended;
    for (std::size_t round = peers_.size() + 1; round > 0; --round) {
        if (fq_.recv(m, from, ended))
            return true;
        if (ended == nullptr)
            break;
        remove(ended);
    }
    return false;
}

int xsub_socket::xrecv(msg& m)
{
    // Bounded by the messages already published to us: every round consumes one.
    for (;;) {
        if (!next(m))
            return EAGAIN;
        if (in_body_ || !filter_ || subs_.match(m.data(), m.size())) {
            in_body_ = m.has_more();
            return 0;
        }
        // Not subscribed (an unsubscription still in flight): drop the whole message; its
        // parts are published together, so they are all readable now.
        bool more = m.has_more();
        m.close();
        while (more && next(m)) {
            more = m.has_more();
            m.close();
        }
    }
}

bool xsub_socket::xhas_in()
{
    // With filtering this may report a message that recv then drops (its topic was
    // unsubscribed meanwhile); recv with DONTWAIT then says EAGAIN, as libzmq's SUB may.
    return fq_.has_in();
}

bool xsub_socket::xattach(peer* p)
{
    fq_.add(p);
    subs_.each([&](std::string_view topic) { send_control(p, topic, true); });
    return true;
}

void xsub_socket::xdetach(peer* p) { fq_.remove(p); }

void xsub_socket::xreconnected(peer* p)
{
    // The publisher behind this pipe is a new connection that knows nothing of us yet.
    subs_.each([&](std::string_view topic) { send_control(p, topic, true); });
}

} // namespace zlink
