// peer: one connection as a socket sees it: the pipe it reads, the pipe it writes, and the
// peer's routing id. Whoever destroys a peer releases its pipe ends, so the other side learns.
#pragma once

#include <cstdint>
#include <string>

#include "pipe.hpp"

namespace zlink {

struct peer {
    pipe_ptr in;            // messages from the peer
    pipe_ptr out;           // messages to the peer
    std::string routing_id; // the peer's id (ROUTER addresses it by this)
    std::uint64_t uid = 0;  // socket-local identity, stable for the peer's lifetime
    std::uint64_t origin = 0; // the endpoint (bind/connect) that produced this peer
    bool gone = false;      // the connection ended; only unread input remains
    bool inproc = false;    // the other end is a socket in this process (it flushes per message)

    peer() = default;
    peer(const peer&) = delete;
    peer& operator=(const peer&) = delete;
    ~peer()
    {
        if (in)
            in->close_reader();
        if (out)
            out->close_writer();
    }
};

} // namespace zlink
