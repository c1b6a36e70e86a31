// fair_queue: round-robin reading with multipart affinity.
#include "fair_queue.hpp"

#include <algorithm>

namespace zlink {

void fair_queue::remove(peer* p)
{
    auto it = std::find(peers_.begin(), peers_.end(), p);
    if (it == peers_.end())
        return;
    const auto idx = static_cast<std::size_t>(it - peers_.begin());
    if (idx == cur_)
        more_ = false; // its pipe never publishes half a message, so nothing is torn
    peers_.erase(it);
    if (idx < cur_)
        --cur_;
    if (cur_ >= peers_.size())
        cur_ = 0;
}

bool fair_queue::recv(msg& m, peer*& from, peer*& ended)
{
    ended = nullptr;
    for (std::size_t tries = peers_.size(); tries > 0; --tries) {
        peer* p = peers_[cur_];
        if (p->in->read(m)) {
            from = p;
            more_ = m.has_more();
            // Stay on this pipe for the rest of a multipart message; move on after it.
            if (!more_)
                cur_ = (cur_ + 1) % peers_.size();
            return true;
        }
        if (p->gone || p->in->writer_done()) {
            ended = p;
            return false;
        }
        cur_ = (cur_ + 1) % peers_.size();
    }
    return false;
}

bool fair_queue::has_in()
{
    return std::any_of(peers_.begin(), peers_.end(), [](peer* p) { return p->in->readable(); });
}

bool fair_queue::arm()
{
    for (peer* p : peers_)
        if (!p->in->arm_reader())
            return false;
    return true;
}

} // namespace zlink
