// endpoint: the endpoint grammar of the zlink API (tcp://host:port, ipc://path, inproc://name).
#include "endpoint.hpp"

#include <cerrno>
#include <charconv>
#include <string_view>
#include <sys/un.h>

namespace zlink {

static int parse_tcp(std::string_view addr, endpoint& out)
{
    const auto colon = addr.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return EINVAL;
    std::string_view host = addr.substr(0, colon);
    const std::string_view port = addr.substr(colon + 1);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']')
            return EINVAL;
        host = host.substr(1, host.size() - 2);
    }
    if (port == "*" || port == "0") {
        out.port_any = true;
    } else {
        unsigned value = 0;
        const auto r = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || r.ec != std::errc{} || r.ptr != port.data() + port.size() ||
            value == 0 || value > 65535)
            return EINVAL;
        out.port = static_cast<std::uint16_t>(value);
    }
    out.host.assign(host);
    return 0;
}

int parse_endpoint(const char* text, endpoint& out)
{
    if (text == nullptr)
        return EINVAL;
    const std::string_view s(text);
    const auto sep = s.find("://");
    if (sep == std::string_view::npos)
        return EINVAL;
    const std::string_view proto = s.substr(0, sep);
    const std::string_view addr = s.substr(sep + 3);
    out.address.assign(addr);
    if (proto == "tcp") {
        out.kind = transport_kind::tcp;
        return parse_tcp(addr, out);
    }
    if (proto == "ipc") {
        out.kind = transport_kind::ipc;
        // sun_path holds the path plus its terminating NUL.
        return addr.empty() || addr.size() >= sizeof(sockaddr_un{}.sun_path) ? EINVAL : 0;
    }
    if (proto == "inproc") {
        out.kind = transport_kind::inproc;
        return addr.empty() ? EINVAL : 0;
    }
    return EPROTONOSUPPORT;
}

} // namespace zlink
