// distributor: prefix-filtered fan-out; large bodies are shared, not copied (msg::copy_from).
#include "distributor.hpp"

#include <algorithm>

namespace zlink {

topic_set distributor::remove(peer* p)
{
    topic_set subs;
    auto it = std::find_if(targets_.begin(), targets_.end(), [p](const target& t) { return t.p == p; });
    if (it != targets_.end()) {
        subs = std::move(it->subs);
        targets_.erase(it);
    }
    std::erase(matched_, p);
    return subs;
}

distributor::target* distributor::find(peer* p)
{
    auto it = std::find_if(targets_.begin(), targets_.end(), [p](const target& t) { return t.p == p; });
    return it == targets_.end() ? nullptr : &*it;
}

void distributor::send(msg& m)
{
    if (!more_) {
        matched_.clear();
        for (target& t : targets_) {
            pipe& out = *t.p->out;
            if (!t.p->gone && t.subs.match(m.data(), m.size()) && !out.reader_closed() && !out.full())
                matched_.push_back(t.p);
        }
    }
    more_ = m.has_more();
    const std::size_t n = matched_.size();
    for (std::size_t i = 0; i < n; ++i) {
        pipe& out = *matched_[i]->out;
        if (i + 1 == n) {
            out.write(m); // the last receiver takes the original
        } else {
            msg copy;
            copy.copy_from(m);
            out.write(copy);
        }
        if (!more_)
            out.flush();
    }
    if (n == 0)
        m.close();
}

} // namespace zlink
