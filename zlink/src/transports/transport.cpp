// transport: parses the endpoint and hands it to inproc, tcp or ipc.
#include "transport.hpp"

#include <cerrno>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "endpoint.hpp"
#include "inproc.hpp"
#include "stream_transports.hpp"

namespace zlink {

int transport_bind(socket_base& s, const char* text, std::uint64_t origin,
                   std::shared_ptr<endpoint_handle>& handle, std::string& resolved)
{
    endpoint ep;
    if (const int rc = parse_endpoint(text, ep); rc != 0)
        return rc;
    switch (ep.kind) {
    case transport_kind::inproc:
        resolved = text;
        return s.context().inproc().bind(ep.address, s, origin, handle);
    case transport_kind::tcp: return tcp_bind(s, ep, origin, handle, resolved);
    case transport_kind::ipc: return ipc_bind(s, ep, origin, handle, resolved);
    }
    return EPROTONOSUPPORT;
}

int transport_connect(socket_base& s, const char* text, std::uint64_t origin,
                      std::shared_ptr<endpoint_handle>& handle)
{
    endpoint ep;
    if (const int rc = parse_endpoint(text, ep); rc != 0)
        return rc;
    switch (ep.kind) {
    case transport_kind::inproc: return s.context().inproc().connect(ep.address, s, origin, handle);
    case transport_kind::tcp:
        if (ep.port_any)
            return EINVAL; // a connect needs a concrete port
        return tcp_connect(s, ep, origin, handle);
    case transport_kind::ipc: return ipc_connect(s, ep, origin, handle);
    }
    return EPROTONOSUPPORT;
}

} // namespace zlink
