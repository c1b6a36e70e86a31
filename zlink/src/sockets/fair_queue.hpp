// fair_queue: the inbound routing strategy: read peers' pipes round-robin, one whole
// (multipart) message at a time, dropping peers whose connection ended once drained.
#pragma once

#include <cstddef>
#include <vector>

#include "../core/peer.hpp"

namespace zlink {

class fair_queue {
public:
    void add(peer* p) { peers_.push_back(p); }
    void remove(peer* p);

    // recv(m, from): the next message part into m; false when nothing is readable. from is
    // the peer it came from. `ended` receives a peer whose input is finished, if any.
    bool recv(msg& m, peer*& from, peer*& ended);
    bool has_in();
    // arm(): false when a pipe is readable right now.
    bool arm();
    // The peer of an unfinished multipart message, if any.
    peer* current_multipart() const noexcept { return more_ ? peers_[cur_] : nullptr; }

private:
    std::vector<peer*> peers_;
    std::size_t cur_ = 0;
    bool more_ = false;
};

} // namespace zlink
