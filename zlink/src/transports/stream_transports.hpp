// stream_transports: bind/connect entry points of the stream transports (tcp, ipc), which
// run a ZMP stream engine per connection on an I/O thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "endpoint.hpp"

namespace zlink {

class socket_base;
class endpoint_handle;

int tcp_bind(socket_base& s, const endpoint& ep, std::uint64_t origin,
             std::shared_ptr<endpoint_handle>& handle, std::string& resolved);
int tcp_connect(socket_base& s, const endpoint& ep, std::uint64_t origin,
                std::shared_ptr<endpoint_handle>& handle);
int ipc_bind(socket_base& s, const endpoint& ep, std::uint64_t origin,
             std::shared_ptr<endpoint_handle>& handle, std::string& resolved);
int ipc_connect(socket_base& s, const endpoint& ep, std::uint64_t origin,
                std::shared_ptr<endpoint_handle>& handle);

} // namespace zlink
