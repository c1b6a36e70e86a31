// ROUTER: routing-id prefixing on receive, routing-id lookup on send.
#include "router.hpp"

#include "zlink.h"

namespace zlink {

router_socket::router_socket(ctx& c) : socket_base(c, ZLINK_ROUTER) { prefetch_.init(); }

router_socket::~router_socket() { prefetch_.close(); }

int router_socket::xrecv(msg& m)
{
    if (prefetched_) {
        m.move_from(prefetch_);
        prefetched_ = false;
        in_body_in_ = m.has_more();
        return 0;
    }
    peer* from;
    peer* ended;
    for (std::size_t round = peers_.size() + 1; round > 0; --round) {
        if (fq_.recv(m, from, ended)) {
            if (in_body_in_) {
                in_body_in_ = m.has_more();
                return 0;
            }
            // First part of a message: deliver the sender's id first, the body next.
            prefetch_.move_from(m);
            prefetched_ = true;
            if (!m.init_buffer(from->routing_id.data(), from->routing_id.size()))
                return ENOMEM;
            m.set_more(true);
            return 0;
        }
        if (ended == nullptr)
            break;
        remove(ended);
    }
    return EAGAIN;
}

int router_socket::send_routing_part(msg& m)
{
    blocked_on_ = nullptr;
    target_ = nullptr;
    const std::string id(reinterpret_cast<const char*>(m.data()), m.size());
    auto it = by_id_.find(id);
    peer* p = it == by_id_.end() ? nullptr : it->second;
    if (p != nullptr && (p->gone || p->out->reader_closed()))
        p = nullptr;
    if (p == nullptr) {
        if (mandatory_)
            return EHOSTUNREACH;
    } else if (p->out->full()) {
        if (mandatory_) {
            blocked_on_ = p;
            return EAGAIN;
        }
        p = nullptr; // libzmq semantics: a full peer silently loses the message
    }
    target_ = p;
    in_body_out_ = m.has_more();
    m.close();
    return 0;
}

int router_socket::xsend(msg& m)
{
    if (!in_body_out_)
        return send_routing_part(m);
    in_body_out_ = m.has_more();
    if (target_ == nullptr) {
        m.close();
        return 0;
    }
    const bool last = !m.has_more();
    target_->out->write(m);
    if (last) {
        target_->out->flush();
        target_ = nullptr;
    }
    return 0;
}

bool router_socket::xarm_send()
{
    if (blocked_on_ == nullptr)
        return true;
    return blocked_on_->out->arm_writer();
}

bool router_socket::xattach(peer* p)
{
    // A second connection announcing an id already in use is refused, the first one keeps it.
    if (!by_id_.emplace(p->routing_id, p).second)
        return false;
    fq_.add(p);
    return true;
}

void router_socket::xdetach(peer* p)
{
    fq_.remove(p);
    auto it = by_id_.find(p->routing_id);
    if (it != by_id_.end() && it->second == p)
        by_id_.erase(it);
    if (target_ == p)
        target_ = nullptr;
    if (blocked_on_ == p)
        blocked_on_ = nullptr;
}

int router_socket::xsetsockopt(int option, const void* value, std::size_t len)
{
    if (option != ZLINK_ROUTER_MANDATORY)
        return -2;
    int v;
    if (set_int(value, len, v) != 0 || (v != 0 && v != 1))
        return EINVAL;
    mandatory_ = v;
    return 0;
}

int router_socket::xgetsockopt(int option, void* value, std::size_t* len)
{
    if (option != ZLINK_ROUTER_MANDATORY)
        return -2;
    return get_int(mandatory_, value, len);
}

} // namespace zlink
