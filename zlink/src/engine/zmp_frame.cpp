// ZMP v2 control bodies (encode + strict decode), error reasons and socket-type rules; the
// header helpers are constexpr in zmp_frame.hpp.
#include "zmp_frame.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace zlink::zmp {

namespace {

using bytes_view = std::span<const std::uint8_t>;

std::vector<std::uint8_t> body_of(control_type type, std::size_t reserve)
{
    std::vector<std::uint8_t> body;
    body.reserve(1 + reserve);
    body.push_back(static_cast<std::uint8_t>(type));
    return body;
}

void append(std::vector<std::uint8_t>& out, bytes_view bytes)
{
    out.insert(out.end(), bytes.begin(), bytes.end());
}

void require(bool ok, const char* what)
{
    if (!ok)
        throw std::length_error(what);
}

// True when body starts with type and holds exactly `fixed` bytes followed by the
// length-prefixed field whose u8 length sits at body[fixed - 1].
bool exact_u8_field(bytes_view body, control_type type, std::size_t fixed)
{
    return body.size() >= fixed && body[0] == static_cast<std::uint8_t>(type) &&
           body.size() == fixed + body[fixed - 1];
}

} // namespace

const char* error_reason(error_code code) noexcept
{
    switch (code) {
    case error_code::none: return "no error";
    case error_code::bad_magic: return "bad magic";
    case error_code::version_mismatch: return "version mismatch";
    case error_code::bad_flags: return "bad flags";
    case error_code::body_too_large: return "body too large";
    case error_code::socket_type_mismatch: return "socket-type mismatch";
    case error_code::handshake_timeout: return "handshake timeout";
    case error_code::internal: return "internal error";
    }
    return "unknown error";
}

bool socket_type_known(std::uint8_t t) noexcept
{
    using namespace socket_type;
    return t == pair || t == pub || t == sub || t == dealer || t == router || t == xpub ||
           t == xsub;
}

bool socket_types_compatible(std::uint8_t a, std::uint8_t b) noexcept
{
    using namespace socket_type;
    const auto is_routing = [](std::uint8_t t) { return t == dealer || t == router; };
    const auto is_publisher = [](std::uint8_t t) { return t == pub || t == xpub; };
    const auto is_subscriber = [](std::uint8_t t) { return t == sub || t == xsub; };
    if (a == pair || b == pair)
        return a == b;
    if (is_routing(a) || is_routing(b))
        return is_routing(a) && is_routing(b);
    return (is_publisher(a) && is_subscriber(b)) || (is_subscriber(a) && is_publisher(b));
}

std::optional<control_type> control_type_of(bytes_view body) noexcept
{
    if (body.empty() || body[0] < 0x01 || body[0] > 0x05)
        return std::nullopt;
    return static_cast<control_type>(body[0]);
}

std::vector<std::uint8_t> encode_hello(std::uint8_t socket_type, bytes_view id)
{
    require(id.size() <= max_id_len, "ZMP HELLO: routing id longer than 255 bytes");
    std::vector<std::uint8_t> body = body_of(control_type::hello, 2 + id.size());
    body.push_back(socket_type);
    body.push_back(static_cast<std::uint8_t>(id.size()));
    append(body, id);
    return body;
}

std::vector<std::uint8_t> encode_heartbeat(std::uint16_t ttl_ds, bytes_view ctx)
{
    require(ctx.size() <= max_heartbeat_ctx, "ZMP HEARTBEAT: ctx longer than 16 bytes");
    std::vector<std::uint8_t> body = body_of(control_type::heartbeat, 3 + ctx.size());
    body.push_back(static_cast<std::uint8_t>(ttl_ds >> 8));
    body.push_back(static_cast<std::uint8_t>(ttl_ds));
    body.push_back(static_cast<std::uint8_t>(ctx.size()));
    append(body, ctx);
    return body;
}

std::vector<std::uint8_t> encode_heartbeat_ack(bytes_view ctx)
{
    require(ctx.size() <= max_heartbeat_ctx, "ZMP HEARTBEAT_ACK: ctx longer than 16 bytes");
    std::vector<std::uint8_t> body = body_of(control_type::heartbeat_ack, 1 + ctx.size());
    body.push_back(static_cast<std::uint8_t>(ctx.size()));
    append(body, ctx);
    return body;
}

std::vector<std::uint8_t> encode_ready(std::span<const property> properties)
{
    std::vector<std::uint8_t> body = body_of(control_type::ready, 0);
    for (const property& p : properties) {
        require(!p.name.empty() && p.name.size() <= 255,
                "ZMP READY: property name must be 1..255 bytes");
        require(p.value.size() <= UINT32_MAX, "ZMP READY: property value of 4 GiB or more");
        body.push_back(static_cast<std::uint8_t>(p.name.size()));
        body.insert(body.end(), p.name.begin(), p.name.end());
        std::uint8_t len[4];
        store_be32(len, static_cast<std::uint32_t>(p.value.size()));
        append(body, len);
        append(body, p.value);
    }
    return body;
}

std::vector<std::uint8_t> encode_error(error_code code, std::string_view reason)
{
    reason = reason.substr(0, max_reason_len);
    std::vector<std::uint8_t> body = body_of(control_type::error, 2 + reason.size());
    body.push_back(static_cast<std::uint8_t>(code));
    body.push_back(static_cast<std::uint8_t>(reason.size()));
    for (const char c : reason) // the strict decoder accepts ASCII only
        body.push_back(static_cast<unsigned char>(c) > 0x7F ? std::uint8_t{'?'}
                                                            : static_cast<std::uint8_t>(c));
    return body;
}

std::optional<hello_body> decode_hello(bytes_view body) noexcept
{
    if (!exact_u8_field(body, control_type::hello, 3))
        return std::nullopt;
    return hello_body{body[1], body.subspan(3)};
}

std::optional<heartbeat_body> decode_heartbeat(bytes_view body) noexcept
{
    if (!exact_u8_field(body, control_type::heartbeat, 4) || body[3] > max_heartbeat_ctx)
        return std::nullopt;
    const auto ttl = static_cast<std::uint16_t>((body[1] << 8) | body[2]);
    return heartbeat_body{ttl, body.subspan(4)};
}

std::optional<heartbeat_ack_body> decode_heartbeat_ack(bytes_view body) noexcept
{
    if (!exact_u8_field(body, control_type::heartbeat_ack, 2) || body[1] > max_heartbeat_ctx)
        return std::nullopt;
    return heartbeat_ack_body{body.subspan(2)};
}

std::optional<std::vector<property>> decode_ready(bytes_view body)
{
    if (body.empty() || body[0] != static_cast<std::uint8_t>(control_type::ready))
        return std::nullopt;
    std::vector<property> props;
    std::size_t pos = 1;
    while (pos < body.size()) {
        const std::size_t name_len = body[pos++];
        if (name_len == 0 || body.size() - pos < name_len + 4)
            return std::nullopt;
        const auto* name = reinterpret_cast<const char*>(body.data() + pos);
        pos += name_len;
        const std::size_t value_len = load_be32(body.data() + pos);
        pos += 4;
        if (body.size() - pos < value_len)
            return std::nullopt;
        props.push_back({std::string_view(name, name_len), body.subspan(pos, value_len)});
        pos += value_len;
    }
    return props;
}

std::optional<error_body> decode_error(bytes_view body) noexcept
{
    if (!exact_u8_field(body, control_type::error, 3))
        return std::nullopt;
    const bytes_view reason = body.subspan(3);
    for (const std::uint8_t c : reason)
        if (c > 0x7F)
            return std::nullopt;
    return error_body{body[1],
                      std::string_view(reinterpret_cast<const char*>(reason.data()), reason.size())};
}

std::vector<std::uint8_t> encode_frame(std::uint8_t flags, bytes_view body)
{
    require(body.size() <= UINT32_MAX, "ZMP frame: body of 4 GiB or more");
    std::vector<std::uint8_t> frame(header_size + body.size());
    write_header(frame.data(), flags, static_cast<std::uint32_t>(body.size()));
    std::copy(body.begin(), body.end(), frame.begin() + header_size);
    return frame;
}

} // namespace zlink::zmp
