// stream_common: what the tcp and ipc transports share: capturing a socket's engine context
// and turning ASIO errors into the errno values of the C API.
#pragma once

#include <cstdint>

#include "../core/asio_config.hpp"
#include "../engine/stream_engine.hpp"

namespace zlink {

class socket_base;

// capture_engine_context(s, origin, connecting): the socket state engines need, read in the
// socket's thread. A connect consumes CONNECT_ROUTING_ID.
engine_context capture_engine_context(socket_base& s, std::uint64_t origin, bool connecting);

// queues_before_connect(o): a connecting socket of this kind gets its pipes at connect time
// (IMMEDIATE=0). A ROUTER needs the peer's routing id from the handshake, so it waits.
bool queues_before_connect(const options& o);

// to_errno(ec): the errno for a failed bind/listen/connect.
int to_errno(const asio::error_code& ec);

} // namespace zlink
