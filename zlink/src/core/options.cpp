// options: validation and storage of the common socket options.
#include "options.hpp"

#include <cerrno>
#include <cstring>

#include "zlink.h"

namespace zlink {

int set_int(const void* value, std::size_t len, int& out)
{
    if (value == nullptr || len != sizeof(int))
        return EINVAL;
    std::memcpy(&out, value, sizeof(int));
    return 0;
}

int get_int(int v, void* value, std::size_t* len)
{
    if (value == nullptr || len == nullptr || *len < sizeof(int))
        return EINVAL;
    std::memcpy(value, &v, sizeof(int));
    *len = sizeof(int);
    return 0;
}

static int set_nonneg(const void* value, std::size_t len, int& out)
{
    int v;
    if (set_int(value, len, v) != 0 || v < 0)
        return EINVAL;
    out = v;
    return 0;
}

static int set_minus1(const void* value, std::size_t len, int& out)
{
    int v;
    if (set_int(value, len, v) != 0 || v < -1)
        return EINVAL;
    out = v;
    return 0;
}

static int set_id(const void* value, std::size_t len, std::string& out)
{
    if (len < 1 || len > 255 || value == nullptr)
        return EINVAL;
    out.assign(static_cast<const char*>(value), len);
    return 0;
}

static int get_string(const std::string& s, void* value, std::size_t* len, bool nul)
{
    const std::size_t need = s.size() + (nul ? 1 : 0);
    if (len == nullptr || (value == nullptr && *len != 0) || *len < need)
        return EINVAL;
    std::memcpy(value, s.data(), s.size());
    if (nul)
        static_cast<char*>(value)[s.size()] = '\0';
    *len = need;
    return 0;
}

int options::set(int option, const void* value, std::size_t len)
{
    switch (option) {
    case ZLINK_SNDHWM: return set_nonneg(value, len, sndhwm);
    case ZLINK_RCVHWM: return set_nonneg(value, len, rcvhwm);
    case ZLINK_LINGER: return set_minus1(value, len, linger);
    case ZLINK_RCVTIMEO: return set_minus1(value, len, rcvtimeo);
    case ZLINK_SNDTIMEO: return set_minus1(value, len, sndtimeo);
    case ZLINK_RECONNECT_IVL: return set_minus1(value, len, reconnect_ivl);
    case ZLINK_BACKLOG: return set_nonneg(value, len, backlog);
    case ZLINK_SNDBUF: return set_minus1(value, len, sndbuf);
    case ZLINK_RCVBUF: return set_minus1(value, len, rcvbuf);
    case ZLINK_IMMEDIATE: {
        int v;
        if (set_int(value, len, v) != 0 || (v != 0 && v != 1))
            return EINVAL;
        immediate = v;
        return 0;
    }
    case ZLINK_HANDSHAKE_IVL: return set_nonneg(value, len, handshake_ivl);
    case ZLINK_HEARTBEAT_IVL: return set_nonneg(value, len, heartbeat_ivl);
    case ZLINK_HEARTBEAT_TIMEOUT: return set_nonneg(value, len, heartbeat_timeout);
    case ZLINK_HEARTBEAT_TTL: {
        int v;
        // The wire carries the ttl in tenths of a second in 16 bits.
        if (set_int(value, len, v) != 0 || v < 0 || v > 6553599)
            return EINVAL;
        heartbeat_ttl = v;
        return 0;
    }
    case ZLINK_MAXMSGSIZE: {
        std::int64_t v;
        if (value == nullptr || len != sizeof v)
            return EINVAL;
        std::memcpy(&v, value, sizeof v);
        if (v < -1)
            return EINVAL;
        maxmsgsize = v;
        return 0;
    }
    case ZLINK_ROUTING_ID: return set_id(value, len, routing_id);
    case ZLINK_CONNECT_ROUTING_ID: return set_id(value, len, connect_routing_id);
    default: return EINVAL;
    }
}

int options::get(int option, void* value, std::size_t* len) const
{
    switch (option) {
    case ZLINK_TYPE: return get_int(type, value, len);
    case ZLINK_SNDHWM: return get_int(sndhwm, value, len);
    case ZLINK_RCVHWM: return get_int(rcvhwm, value, len);
    case ZLINK_LINGER: return get_int(linger, value, len);
    case ZLINK_RCVTIMEO: return get_int(rcvtimeo, value, len);
    case ZLINK_SNDTIMEO: return get_int(sndtimeo, value, len);
    case ZLINK_RECONNECT_IVL: return get_int(reconnect_ivl, value, len);
    case ZLINK_BACKLOG: return get_int(backlog, value, len);
    case ZLINK_SNDBUF: return get_int(sndbuf, value, len);
    case ZLINK_RCVBUF: return get_int(rcvbuf, value, len);
    case ZLINK_IMMEDIATE: return get_int(immediate, value, len);
    case ZLINK_HANDSHAKE_IVL: return get_int(handshake_ivl, value, len);
    case ZLINK_HEARTBEAT_IVL: return get_int(heartbeat_ivl, value, len);
    case ZLINK_HEARTBEAT_TTL: return get_int(heartbeat_ttl, value, len);
    case ZLINK_HEARTBEAT_TIMEOUT: return get_int(heartbeat_timeout, value, len);
    case ZLINK_MAXMSGSIZE:
        if (value == nullptr || len == nullptr || *len < sizeof maxmsgsize)
            return EINVAL;
        std::memcpy(value, &maxmsgsize, sizeof maxmsgsize);
        *len = sizeof maxmsgsize;
        return 0;
    case ZLINK_ROUTING_ID: return get_string(routing_id, value, len, false);
    case ZLINK_LAST_ENDPOINT: return get_string(last_endpoint, value, len, true);
    default: return EINVAL;
    }
}

} // namespace zlink
