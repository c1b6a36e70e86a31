// connection_pipes: the two pipes between a socket and one tcp/ipc connection, made in one
// place for the engine that owns a connection and for the connecter that keeps them across
// reconnects. Outbound (socket -> I/O thread) is bounded by SNDHWM; inbound (I/O thread ->
// socket) by RCVHWM and by limits::max_queued_inbound_bytes, so large bodies the kernel has
// already written cannot pile up to RCVHWM x size.
// Outbound carries bodies up to carried_body_max in its own slots: the socket's thread copies
// them in and frees their blocks itself, which costs less than a block freed on the I/O thread
// (a cross-thread free: remote cache lines and, in glibc, the arena's bins). Larger bodies
// are shared with the engine, not copied.
#pragma once

#include <cstddef>
#include <memory>

#include "../core/options.hpp"
#include "../core/pipe.hpp"
#include "../core/waker.hpp"
#include "inbound_limits.hpp"

namespace zlink {

inline constexpr std::size_t carried_body_max = 1024;
static_assert(carried_body_max <= pipe::max_body_room);

struct connection_pipes {
    pipe_ptr outbound; // the socket writes, the I/O side reads
    pipe_ptr inbound;  // the I/O side writes, the socket reads
};

// socket: the socket's waker (its signaler); io: the waker of the I/O-thread object.
inline connection_pipes make_connection_pipes(const options& o, const std::shared_ptr<waker>& socket,
                                              const std::shared_ptr<waker>& io)
{
    connection_pipes p{std::make_shared<pipe>(o.sndhwm, io, socket, 0, carried_body_max),
                       std::make_shared<pipe>(o.rcvhwm, socket, io, limits::max_queued_inbound_bytes)};
    p.outbound->arm_reader(); // the socket's first flush must wake the I/O side
    return p;
}

} // namespace zlink
