// ZMP v2 frame vocabulary (see shared/ZMP.md): the 8-byte header, flag rules, error codes,
// control-frame bodies (encode + strict decode) and socket-type compatibility.
// Pure byte handling: no I/O, no allocation on the header path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace zlink::zmp {

inline constexpr std::uint8_t magic = 0x5A;
inline constexpr std::uint8_t version = 0x02;
inline constexpr std::size_t header_size = 8;

// Header flag bits; bits 5-7 must be zero.
namespace flag {
inline constexpr std::uint8_t more = 0x01;
inline constexpr std::uint8_t control = 0x02;
inline constexpr std::uint8_t identity = 0x04;
inline constexpr std::uint8_t subscribe = 0x08;
inline constexpr std::uint8_t cancel = 0x10;
} // namespace flag

// The ZMP ERROR codes; none (0) means "no error" and is never sent.
enum class error_code : std::uint8_t {
    none = 0x00,
    bad_magic = 0x01,
    version_mismatch = 0x02,
    bad_flags = 0x03,
    body_too_large = 0x04,
    socket_type_mismatch = 0x05,
    handshake_timeout = 0x06,
    // ZMP.md has no code for a malformed control body (wrong length, unknown type, bad
    // property list); zlink reports those as internal, the catch-all.
    internal = 0x7F,
};

// Short English name of a code ("bad magic", ...), usable as an ERROR reason.
const char* error_reason(error_code code) noexcept;

// flags_legal(f): true for 0x00, MORE, IDENTITY, MORE|IDENTITY, CONTROL, SUBSCRIBE, CANCEL.
constexpr bool flags_legal(std::uint8_t f) noexcept
{
    // Bit i of the mask is set when flag value i is a legal combination.
    constexpr std::uint32_t legal = (1u << 0x00) | (1u << 0x01) | (1u << 0x04) | (1u << 0x05) |
                                    (1u << 0x02) | (1u << 0x08) | (1u << 0x10);
    return f < 32 && ((legal >> f) & 1u) != 0;
}

// A parsed header.
struct header {
    std::uint8_t flags = 0;
    std::uint32_t length = 0;

    bool is_control() const noexcept { return flags == flag::control; }
    bool more() const noexcept { return (flags & flag::more) != 0; }
};

// Big-endian helpers shared by headers and control bodies.
constexpr std::uint32_t load_be32(const std::uint8_t* p) noexcept
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
           (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}
constexpr void store_be32(std::uint8_t* p, std::uint32_t v) noexcept
{
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

// write_header(out, flags, length): writes the 8 header bytes to out (which must hold 8).
constexpr void write_header(std::uint8_t* out, std::uint8_t flags, std::uint32_t length) noexcept
{
    out[0] = magic;
    out[1] = version;
    out[2] = flags;
    out[3] = 0;
    store_be32(out + 4, length);
}

// check_header_prefix(p, n): validates the first n (< 8) header bytes so garbage is rejected
// as soon as it arrives. Errors come in wire order: magic, version, flags (a non-zero reserved
// byte is reported as bad flags: it is the same "illegal header bits" violation).
constexpr error_code check_header_prefix(const std::uint8_t* p, std::size_t n) noexcept
{
    if (n > 0 && p[0] != magic)
        return error_code::bad_magic;
    if (n > 1 && p[1] != version)
        return error_code::version_mismatch;
    if (n > 2 && !flags_legal(p[2]))
        return error_code::bad_flags;
    if (n > 3 && p[3] != 0)
        return error_code::bad_flags;
    return error_code::none;
}

// parse_header(p, max_body, out): validates 8 header bytes at p and fills out. max_body is the
// receiver's ZLINK_MAXMSGSIZE: a length above it (when > 0) is body_too_large; 0 or negative
// means unlimited. Returns error_code::none on success (out is only valid then).
constexpr error_code parse_header(const std::uint8_t* p, std::int64_t max_body, header& out) noexcept
{
    if (const error_code e = check_header_prefix(p, header_size); e != error_code::none)
        return e;
    const std::uint32_t length = load_be32(p + 4);
    if (max_body > 0 && std::int64_t{length} > max_body)
        return error_code::body_too_large;
    out.flags = p[2];
    out.length = length;
    return error_code::none;
}

// ---- socket types --------------------------------------------------------------------------

namespace socket_type {
inline constexpr std::uint8_t pair = 0;
inline constexpr std::uint8_t pub = 1;
inline constexpr std::uint8_t sub = 2;
inline constexpr std::uint8_t dealer = 5;
inline constexpr std::uint8_t router = 6;
inline constexpr std::uint8_t xpub = 9;
inline constexpr std::uint8_t xsub = 10;
} // namespace socket_type

// socket_type_known(t): t is one of the seven numeric types above.
bool socket_type_known(std::uint8_t t) noexcept;

// socket_types_compatible(a, b): PAIR-PAIR; DEALER/ROUTER with DEALER/ROUTER; PUB/XPUB with
// SUB/XSUB (either side first). Unknown types are never compatible.
bool socket_types_compatible(std::uint8_t a, std::uint8_t b) noexcept;

// ---- control bodies ------------------------------------------------------------------------

enum class control_type : std::uint8_t {
    hello = 0x01,
    heartbeat = 0x02,
    heartbeat_ack = 0x03,
    ready = 0x04,
    error = 0x05,
};

inline constexpr std::size_t max_id_len = 255;
inline constexpr std::size_t max_heartbeat_ctx = 16;
inline constexpr std::size_t max_reason_len = 255;

// control_type_of(body): the type byte of a control body, or nullopt when the body is empty
// or the type is unknown.
std::optional<control_type> control_type_of(std::span<const std::uint8_t> body) noexcept;

// Decoded views point into the body that was decoded; copy what must outlive it.
struct hello_body {
    std::uint8_t socket_type = 0;
    std::span<const std::uint8_t> id;
};
struct heartbeat_body {
    std::uint16_t ttl_ds = 0; // tenths of a second
    std::span<const std::uint8_t> ctx;
};
struct heartbeat_ack_body {
    std::span<const std::uint8_t> ctx;
};
struct property {
    std::string_view name;
    std::span<const std::uint8_t> value;
};
struct error_body {
    std::uint8_t code = 0;
    std::string_view reason;
};

// Encoders return the control body (type byte first); frame it with flag::control.
// Preconditions (std::length_error otherwise): id <= 255 bytes, ctx <= 16 bytes, every
// property name 1..255 bytes and value < 4 GiB. An ERROR reason longer than 255 bytes is
// truncated, since ERROR is best effort.
std::vector<std::uint8_t> encode_hello(std::uint8_t socket_type, std::span<const std::uint8_t> id);
std::vector<std::uint8_t> encode_heartbeat(std::uint16_t ttl_ds, std::span<const std::uint8_t> ctx);
std::vector<std::uint8_t> encode_heartbeat_ack(std::span<const std::uint8_t> ctx);
std::vector<std::uint8_t> encode_ready(std::span<const property> properties = {});
std::vector<std::uint8_t> encode_error(error_code code, std::string_view reason);

// Strict decoders: nullopt unless the body has the right type byte and exactly the length
// its own fields announce (HELLO 3 + id_len; HEARTBEAT 4 + ctx_len with ctx_len <= 16;
// HEARTBEAT_ACK 2 + ctx_len with ctx_len <= 16; ERROR 3 + reason_len with an ASCII reason;
// READY a list of properties with non-empty names that ends exactly at the body's end).
std::optional<hello_body> decode_hello(std::span<const std::uint8_t> body) noexcept;
std::optional<heartbeat_body> decode_heartbeat(std::span<const std::uint8_t> body) noexcept;
std::optional<heartbeat_ack_body> decode_heartbeat_ack(std::span<const std::uint8_t> body) noexcept;
std::optional<std::vector<property>> decode_ready(std::span<const std::uint8_t> body);
std::optional<error_body> decode_error(std::span<const std::uint8_t> body) noexcept;

// encode_frame(flags, body): header + body in one vector (handshake and tests; the data
// path uses zmp::encoder instead).
std::vector<std::uint8_t> encode_frame(std::uint8_t flags, std::span<const std::uint8_t> body);

} // namespace zlink::zmp
