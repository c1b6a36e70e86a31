// load_balancer: round-robin with HWM and multipart affinity.
#include "load_balancer.hpp"

#include <algorithm>

namespace zlink {

void load_balancer::remove(peer* p)
{
    auto it = std::find(peers_.begin(), peers_.end(), p);
    if (it == peers_.end())
        return;
    const auto idx = static_cast<std::size_t>(it - peers_.begin());
    if (idx == cur_ && more_) {
        more_ = false;
        dropping_ = true;
    }
    peers_.erase(it);
    if (idx < cur_)
        --cur_;
    if (cur_ >= peers_.size())
        cur_ = 0;
}

int load_balancer::send(msg& m)
{
    if (dropping_) {
        dropping_ = m.has_more();
        m.close();
        return 0;
    }
    if (!more_) {
        std::size_t tries = peers_.size();
        for (; tries > 0; --tries, cur_ = (cur_ + 1) % peers_.size()) {
            pipe& out = *peers_[cur_]->out;
            if (!peers_[cur_]->gone && !out.reader_closed() && !out.full())
                break;
        }
        if (tries == 0)
            return EAGAIN;
    }
    pipe& out = *peers_[cur_]->out;
    more_ = m.has_more();
    out.write(m);
    if (!more_) {
        out.flush();
        cur_ = (cur_ + 1) % peers_.size();
    }
    return 0;
}

bool load_balancer::has_out()
{
    if (more_ || dropping_)
        return true;
    return std::any_of(peers_.begin(), peers_.end(), [](peer* p) {
        return !p->gone && !p->out->reader_closed() && !p->out->full();
    });
}

bool load_balancer::arm()
{
    for (peer* p : peers_)
        if (!p->gone && !p->out->reader_closed() && !p->out->arm_writer())
            return false;
    return true;
}

} // namespace zlink
