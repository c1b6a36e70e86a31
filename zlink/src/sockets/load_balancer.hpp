// load_balancer: the outbound strategy of DEALER (and PAIR's single peer): round-robin over
// peers that can take a message, keeping every part of a multipart message on one peer.
#pragma once

#include <cstddef>
#include <vector>

#include "../core/peer.hpp"

namespace zlink {

class load_balancer {
public:
    void add(peer* p) { peers_.push_back(p); }
    void remove(peer* p);

    // send(m): 0 (m taken), or EAGAIN when no peer can take it now.
    int send(msg& m);
    bool has_out();
    // arm(): false when some peer can take a message right now.
    bool arm();

private:
    std::vector<peer*> peers_;
    std::size_t cur_ = 0;
    bool more_ = false;
    bool dropping_ = false; // the rest of a message whose peer vanished mid-way
};

} // namespace zlink
