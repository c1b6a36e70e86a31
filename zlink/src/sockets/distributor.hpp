// distributor: the outbound strategy of PUB/XPUB: each message goes to every peer whose
// subscriptions match its first part, filtered at the publisher; a peer at HWM loses it.
#pragma once

#include <vector>

#include "../core/peer.hpp"
#include "topic_set.hpp"

namespace zlink {

class distributor {
public:
    struct target {
        peer* p;
        topic_set subs;
    };

    void add(peer* p) { targets_.push_back({p, {}}); }
    // remove(p): forgets p; returns its subscriptions so the socket can retract them.
    topic_set remove(peer* p);
    target* find(peer* p);
    // send(m): always takes m (PUB never blocks).
    void send(msg& m);
    std::vector<target>& targets() noexcept { return targets_; }

private:
    std::vector<target> targets_;
    std::vector<peer*> matched_; // receivers of the multipart message in progress
    bool more_ = false;
};

} // namespace zlink
