// options: a socket's option values and the typed get/set rules of zlink_setsockopt /
// zlink_getsockopt for the options every socket type shares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace zlink {

struct options {
    int type = -1;
    int sndhwm = 1000;
    int rcvhwm = 1000;
    int linger = -1;
    int rcvtimeo = -1;
    int sndtimeo = -1;
    int reconnect_ivl = 100;
    int backlog = 100;
    int sndbuf = -1;
    int rcvbuf = -1;
    std::int64_t maxmsgsize = -1;
    int immediate = 0;
    int handshake_ivl = 30000;
    int heartbeat_ivl = 0;
    int heartbeat_ttl = 0;
    int heartbeat_timeout = -1;
    std::string routing_id;         // empty = auto-generated when needed
    std::string connect_routing_id; // applied to the next connect, then cleared
    std::string last_endpoint;

    // set(option, value, len): 0, or an errno (EINVAL) for a bad value or unknown option.
    int set(int option, const void* value, std::size_t len);
    // get(option, value, len): 0, or an errno; *len is updated to the size written.
    int get(int option, void* value, std::size_t* len) const;
};

// Helpers for socket types with options of their own.
int set_int(const void* value, std::size_t len, int& out);
int get_int(int v, void* value, std::size_t* len);

} // namespace zlink
