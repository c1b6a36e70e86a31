// endpoint: parsing of "transport://address" strings. Unknown transports are
// EPROTONOSUPPORT, malformed addresses EINVAL; binding conflicts are the transports' business.
#pragma once

#include <cstdint>
#include <string>

namespace zlink {

enum class transport_kind { tcp, ipc, inproc };

struct endpoint {
    transport_kind kind;
    std::string address; // everything after "://"
    // tcp only: host (brackets removed) and port; port_any for "*" or "0".
    std::string host;
    std::uint16_t port = 0;
    bool port_any = false;
};

// parse_endpoint(text, out): 0 or an errno (EINVAL, EPROTONOSUPPORT).
int parse_endpoint(const char* text, endpoint& out);

} // namespace zlink
