// Byte-exact ZMP v2 vectors from shared/ZMP.md: header layout, flag rules, every ERROR code,
// each control body (encode and strict decode) and the socket-type compatibility matrix.
#include "engine/zmp_frame.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <stdexcept>
#include <string>

namespace zmp = zlink::zmp;
using bytes = std::vector<std::uint8_t>;

namespace {

bytes str_bytes(std::string_view s)
{
    return bytes(s.begin(), s.end());
}

zmp::error_code parse(const bytes& h, std::int64_t max_body = 0)
{
    zmp::header out;
    return zmp::parse_header(h.data(), max_body, out);
}

} // namespace

TEST(zmp_frame, header_bytes_are_magic_version_flags_reserved_be_length)
{
    std::array<std::uint8_t, 8> h{};
    zmp::write_header(h.data(), zmp::flag::more | zmp::flag::identity, 0x01020304);
    EXPECT_EQ(h, (std::array<std::uint8_t, 8>{0x5A, 0x02, 0x05, 0x00, 0x01, 0x02, 0x03, 0x04}));
    zmp::header out;
    ASSERT_EQ(zmp::parse_header(h.data(), 0, out), zmp::error_code::none);
    EXPECT_EQ(out.flags, 0x05);
    EXPECT_EQ(out.length, 0x01020304u);
    EXPECT_TRUE(out.more());
    EXPECT_FALSE(out.is_control());
}

TEST(zmp_frame, flag_values_match_the_spec)
{
    EXPECT_EQ(zmp::flag::more, 0x01);
    EXPECT_EQ(zmp::flag::control, 0x02);
    EXPECT_EQ(zmp::flag::identity, 0x04);
    EXPECT_EQ(zmp::flag::subscribe, 0x08);
    EXPECT_EQ(zmp::flag::cancel, 0x10);
}

TEST(zmp_frame, exactly_seven_flag_combinations_are_legal)
{
    const std::set<int> legal{0x00, 0x01, 0x04, 0x05, 0x02, 0x08, 0x10};
    for (int f = 0; f < 256; ++f) {
        const auto flags = static_cast<std::uint8_t>(f);
        EXPECT_EQ(zmp::flags_legal(flags), legal.count(f) == 1) << "flags " << f;
        const bytes h{0x5A, 0x02, flags, 0, 0, 0, 0, 0};
        EXPECT_EQ(parse(h), legal.count(f) ? zmp::error_code::none : zmp::error_code::bad_flags);
    }
}

TEST(zmp_frame, error_codes_have_their_wire_values)
{
    EXPECT_EQ(static_cast<int>(zmp::error_code::bad_magic), 0x01);
    EXPECT_EQ(static_cast<int>(zmp::error_code::version_mismatch), 0x02);
    EXPECT_EQ(static_cast<int>(zmp::error_code::bad_flags), 0x03);
    EXPECT_EQ(static_cast<int>(zmp::error_code::body_too_large), 0x04);
    EXPECT_EQ(static_cast<int>(zmp::error_code::socket_type_mismatch), 0x05);
    EXPECT_EQ(static_cast<int>(zmp::error_code::handshake_timeout), 0x06);
    EXPECT_EQ(static_cast<int>(zmp::error_code::internal), 0x7F);
    EXPECT_STREQ(zmp::error_reason(zmp::error_code::bad_magic), "bad magic");
}

TEST(zmp_frame, header_errors_in_wire_order)
{
    EXPECT_EQ(parse({0x5B, 0x02, 0x00, 0, 0, 0, 0, 0}), zmp::error_code::bad_magic);
    EXPECT_EQ(parse({0x5B, 0x03, 0xFF, 1, 0, 0, 0, 0}), zmp::error_code::bad_magic);
    EXPECT_EQ(parse({0x5A, 0x01, 0x00, 0, 0, 0, 0, 0}), zmp::error_code::version_mismatch);
    EXPECT_EQ(parse({0x5A, 0x03, 0x00, 0, 0, 0, 0, 0}), zmp::error_code::version_mismatch);
    EXPECT_EQ(parse({0x5A, 0x02, 0x20, 0, 0, 0, 0, 0}), zmp::error_code::bad_flags);
    EXPECT_EQ(parse({0x5A, 0x02, 0x03, 0, 0, 0, 0, 0}), zmp::error_code::bad_flags);
    EXPECT_EQ(parse({0x5A, 0x02, 0x00, 0x01, 0, 0, 0, 0}), zmp::error_code::bad_flags);
}

TEST(zmp_frame, header_prefix_rejects_garbage_before_eight_bytes)
{
    const std::uint8_t bad[] = {0x5A, 0x02, 0x06, 0x00};
    EXPECT_EQ(zmp::check_header_prefix(bad, 0), zmp::error_code::none);
    EXPECT_EQ(zmp::check_header_prefix(bad, 2), zmp::error_code::none);
    EXPECT_EQ(zmp::check_header_prefix(bad, 3), zmp::error_code::bad_flags);
    const std::uint8_t garbage[] = {0x00};
    EXPECT_EQ(zmp::check_header_prefix(garbage, 1), zmp::error_code::bad_magic);
}

TEST(zmp_frame, body_too_large_is_judged_from_the_header_against_max)
{
    const bytes h101{0x5A, 0x02, 0x00, 0, 0, 0, 0, 101};
    const bytes h100{0x5A, 0x02, 0x00, 0, 0, 0, 0, 100};
    const bytes huge{0x5A, 0x02, 0x00, 0, 0xFF, 0xFF, 0xFF, 0xFF};
    EXPECT_EQ(parse(h101, 100), zmp::error_code::body_too_large);
    EXPECT_EQ(parse(h100, 100), zmp::error_code::none);
    EXPECT_EQ(parse(huge, 0), zmp::error_code::none);
    EXPECT_EQ(parse(huge, -1), zmp::error_code::none);
    EXPECT_EQ(parse(huge, 0xFFFFFFFE), zmp::error_code::body_too_large);
}

TEST(zmp_frame, hello_vector)
{
    const bytes body = zmp::encode_hello(zmp::socket_type::dealer, str_bytes("ab"));
    EXPECT_EQ(body, (bytes{0x01, 0x05, 0x02, 'a', 'b'}));
    EXPECT_EQ(zmp::encode_frame(zmp::flag::control, body),
              (bytes{0x5A, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x05, 0x01, 0x05, 0x02, 'a', 'b'}));
    const auto hello = zmp::decode_hello(body);
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->socket_type, zmp::socket_type::dealer);
    EXPECT_EQ(bytes(hello->id.begin(), hello->id.end()), str_bytes("ab"));
}

TEST(zmp_frame, hello_length_is_exactly_three_plus_id_len)
{
    const bytes empty = zmp::encode_hello(zmp::socket_type::pair, {});
    EXPECT_EQ(empty, (bytes{0x01, 0x00, 0x00}));
    ASSERT_TRUE(zmp::decode_hello(empty));
    EXPECT_TRUE(zmp::decode_hello(empty)->id.empty());

    const bytes id255(255, 0xAB);
    const bytes full = zmp::encode_hello(zmp::socket_type::router, id255);
    ASSERT_EQ(full.size(), 258u);
    EXPECT_EQ(full[2], 255);
    ASSERT_TRUE(zmp::decode_hello(full));
    EXPECT_EQ(zmp::decode_hello(full)->id.size(), 255u);

    bytes longer = full;
    longer.push_back(0);
    EXPECT_FALSE(zmp::decode_hello(longer));
    EXPECT_FALSE(zmp::decode_hello(bytes(full.begin(), full.end() - 1)));
    EXPECT_FALSE(zmp::decode_hello(bytes{0x01, 0x00}));
    EXPECT_FALSE(zmp::decode_hello(bytes{0x02, 0x00, 0x00}));
    EXPECT_THROW(zmp::encode_hello(0, bytes(256, 1)), std::length_error);
}

TEST(zmp_frame, heartbeat_vector_and_ctx_limit)
{
    const bytes body = zmp::encode_heartbeat(300, str_bytes("xy"));
    EXPECT_EQ(body, (bytes{0x02, 0x01, 0x2C, 0x02, 'x', 'y'}));
    const auto hb = zmp::decode_heartbeat(body);
    ASSERT_TRUE(hb);
    EXPECT_EQ(hb->ttl_ds, 300);
    EXPECT_EQ(bytes(hb->ctx.begin(), hb->ctx.end()), str_bytes("xy"));

    const bytes ctx16(16, 7);
    EXPECT_TRUE(zmp::decode_heartbeat(zmp::encode_heartbeat(0, ctx16)));
    EXPECT_THROW(zmp::encode_heartbeat(0, bytes(17, 7)), std::length_error);
    bytes ctx17{0x02, 0x00, 0x0A, 17};
    ctx17.resize(4 + 17, 7);
    EXPECT_FALSE(zmp::decode_heartbeat(ctx17));
    EXPECT_FALSE(zmp::decode_heartbeat(bytes{0x02, 0x00, 0x0A}));
    EXPECT_FALSE(zmp::decode_heartbeat(bytes{0x02, 0x00, 0x0A, 0x01}));
    EXPECT_FALSE(zmp::decode_heartbeat(bytes{0x02, 0x00, 0x0A, 0x00, 0x00}));
    EXPECT_TRUE(zmp::decode_heartbeat(bytes{0x02, 0x00, 0x0A, 0x00}));
}

TEST(zmp_frame, heartbeat_ack_vector)
{
    const bytes body = zmp::encode_heartbeat_ack(str_bytes("xy"));
    EXPECT_EQ(body, (bytes{0x03, 0x02, 'x', 'y'}));
    ASSERT_TRUE(zmp::decode_heartbeat_ack(body));
    EXPECT_EQ(zmp::decode_heartbeat_ack(body)->ctx.size(), 2u);
    EXPECT_EQ(zmp::encode_heartbeat_ack({}), (bytes{0x03, 0x00}));
    EXPECT_FALSE(zmp::decode_heartbeat_ack(bytes{0x03}));
    EXPECT_FALSE(zmp::decode_heartbeat_ack(bytes{0x03, 0x01}));
    EXPECT_THROW(zmp::encode_heartbeat_ack(bytes(17, 1)), std::length_error);
    bytes ctx17{0x03, 17};
    ctx17.resize(2 + 17, 1);
    EXPECT_FALSE(zmp::decode_heartbeat_ack(ctx17));
}

TEST(zmp_frame, ready_vector_with_and_without_properties)
{
    EXPECT_EQ(zmp::encode_ready(), (bytes{0x04}));
    ASSERT_TRUE(zmp::decode_ready(bytes{0x04}));
    EXPECT_TRUE(zmp::decode_ready(bytes{0x04})->empty());

    const bytes value = str_bytes("DEALER");
    const zmp::property props[] = {{"Socket-Type", value}, {"X", {}}};
    const bytes body = zmp::encode_ready(props);
    bytes expected{0x04, 11};
    for (char c : std::string_view("Socket-Type"))
        expected.push_back(static_cast<std::uint8_t>(c));
    expected.insert(expected.end(), {0, 0, 0, 6, 'D', 'E', 'A', 'L', 'E', 'R', 1, 'X', 0, 0, 0, 0});
    EXPECT_EQ(body, expected);

    const auto decoded = zmp::decode_ready(body);
    ASSERT_TRUE(decoded);
    ASSERT_EQ(decoded->size(), 2u);
    EXPECT_EQ((*decoded)[0].name, "Socket-Type");
    EXPECT_EQ(bytes((*decoded)[0].value.begin(), (*decoded)[0].value.end()), value);
    EXPECT_EQ((*decoded)[1].name, "X");
    EXPECT_TRUE((*decoded)[1].value.empty());
}

TEST(zmp_frame, ready_rejects_malformed_property_lists)
{
    EXPECT_FALSE(zmp::decode_ready(bytes{}));
    EXPECT_FALSE(zmp::decode_ready(bytes{0x05}));
    EXPECT_FALSE(zmp::decode_ready(bytes{0x04, 0x00, 0, 0, 0, 0}));       // empty name
    EXPECT_FALSE(zmp::decode_ready(bytes{0x04, 0x01, 'a', 0, 0, 0}));     // short value_len
    EXPECT_FALSE(zmp::decode_ready(bytes{0x04, 0x01, 'a', 0, 0, 0, 2, 'v'})); // short value
    EXPECT_FALSE(zmp::decode_ready(bytes{0x04, 0x01, 'a', 0xFF, 0xFF, 0xFF, 0xFF}));
    EXPECT_FALSE(zmp::decode_ready(bytes{0x04, 0x05, 'a'}));              // name past the end
    EXPECT_TRUE(zmp::decode_ready(bytes{0x04, 0x01, 'a', 0, 0, 0, 1, 'v'}));
    const zmp::property empty_name[] = {{"", {}}};
    EXPECT_THROW(zmp::encode_ready(empty_name), std::length_error);
}

TEST(zmp_frame, error_vector_for_every_code)
{
    const zmp::error_code codes[] = {
        zmp::error_code::bad_magic,       zmp::error_code::version_mismatch,
        zmp::error_code::bad_flags,       zmp::error_code::body_too_large,
        zmp::error_code::socket_type_mismatch, zmp::error_code::handshake_timeout,
        zmp::error_code::internal};
    for (const zmp::error_code code : codes) {
        const std::string reason = zmp::error_reason(code);
        const bytes body = zmp::encode_error(code, reason);
        bytes expected{0x05, static_cast<std::uint8_t>(code),
                       static_cast<std::uint8_t>(reason.size())};
        expected.insert(expected.end(), reason.begin(), reason.end());
        EXPECT_EQ(body, expected);
        const auto decoded = zmp::decode_error(body);
        ASSERT_TRUE(decoded);
        EXPECT_EQ(decoded->code, static_cast<std::uint8_t>(code));
        EXPECT_EQ(decoded->reason, reason);
    }
}

TEST(zmp_frame, error_body_rules)
{
    EXPECT_EQ(zmp::encode_error(zmp::error_code::internal, std::string(300, 'r')).size(), 258u);
    EXPECT_EQ(zmp::encode_error(zmp::error_code::internal, "\xC3\xA9"),
              (bytes{0x05, 0x7F, 0x02, '?', '?'}));
    EXPECT_FALSE(zmp::decode_error(bytes{0x05, 0x01, 0x01, 0xC3}));
    EXPECT_FALSE(zmp::decode_error(bytes{0x05, 0x01}));
    EXPECT_FALSE(zmp::decode_error(bytes{0x05, 0x01, 0x02, 'a'}));
    EXPECT_FALSE(zmp::decode_error(bytes{0x05, 0x01, 0x00, 'a'}));
    EXPECT_TRUE(zmp::decode_error(bytes{0x05, 0x01, 0x00}));
}

TEST(zmp_frame, control_type_byte)
{
    EXPECT_FALSE(zmp::control_type_of(bytes{}));
    EXPECT_FALSE(zmp::control_type_of(bytes{0x00}));
    EXPECT_FALSE(zmp::control_type_of(bytes{0x06}));
    EXPECT_EQ(zmp::control_type_of(bytes{0x01}), zmp::control_type::hello);
    EXPECT_EQ(zmp::control_type_of(bytes{0x05, 0xAA}), zmp::control_type::error);
}

TEST(zmp_frame, socket_type_compatibility_matrix)
{
    using namespace zmp::socket_type;
    const std::uint8_t types[] = {pair, pub, sub, dealer, router, xpub, xsub};
    const std::set<std::pair<int, int>> ok{
        {pair, pair},   {dealer, dealer}, {dealer, router}, {router, dealer}, {router, router},
        {pub, sub},     {pub, xsub},      {xpub, sub},      {xpub, xsub},     {sub, pub},
        {xsub, pub},    {sub, xpub},      {xsub, xpub}};
    for (const std::uint8_t a : types)
        for (const std::uint8_t b : types)
            EXPECT_EQ(zmp::socket_types_compatible(a, b), ok.count({a, b}) == 1)
                << int(a) << " with " << int(b);
    const std::uint8_t unknowns[] = {3, 4, 7, 8, 11, 255};
    for (const std::uint8_t unknown : unknowns) {
        EXPECT_FALSE(zmp::socket_type_known(unknown));
        EXPECT_FALSE(zmp::socket_types_compatible(unknown, unknown));
        for (const std::uint8_t t : types)
            EXPECT_FALSE(zmp::socket_types_compatible(unknown, t));
    }
}
