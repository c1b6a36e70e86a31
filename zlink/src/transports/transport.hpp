// transport: bind/connect dispatch from a socket to the transport named by the endpoint.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace zlink {

class socket_base;
class endpoint_handle;

// transport_bind(s, text, origin, handle, resolved): 0 or an errno. resolved is the endpoint
// actually bound (the ephemeral port filled in); peers it produces carry `origin`.
int transport_bind(socket_base& s, const char* text, std::uint64_t origin,
                   std::shared_ptr<endpoint_handle>& handle, std::string& resolved);
// transport_connect(s, text, origin, handle): 0 or an errno; connecting continues in the
// background (and reconnects) until the handle is stopped.
int transport_connect(socket_base& s, const char* text, std::uint64_t origin,
                      std::shared_ptr<endpoint_handle>& handle);

} // namespace zlink
