// A hostile peer cannot make a connection hold without bound: an endless multipart message
// is cut at the part limit (or at MAXMSGSIZE for the whole message), a subscriber at the
// subscription limits. Each cut happens exactly at its bound, closes that connection only
// (with ERROR), and the socket keeps serving a well-behaved peer. Bounds: README.md.
#include "engine/inbound_limits.hpp"
#include "raw_peer.hpp"
#include "test_util.hpp"

namespace {

using zt::bytes;
namespace limits = zlink::limits;

constexpr int error_body_too_large = 0x04;
constexpr int error_internal = 0x7F;

bytes handshake(int type) { return zt::cat(zt::hello(static_cast<std::uint8_t>(type)), zt::ready()); }

// topic(prefix, i): "t17" and the like (built without operator+, which trips a GCC 12 warning).
std::string topic(char prefix, std::size_t i)
{
    std::string t(1, prefix);
    t.append(std::to_string(i));
    return t;
}

void append(bytes& to, const bytes& b) { to.insert(to.end(), b.begin(), b.end()); }

bytes repeat(const bytes& one, std::size_t n)
{
    bytes out;
    out.reserve(one.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out.insert(out.end(), one.begin(), one.end());
    return out;
}

// A DEALER server with a well-behaved DEALER client, checked before and after each attack.
class hostile_dealer_peer : public ::testing::Test {
protected:
    zt::context ctx;
    zt::socket server{ctx.ctx, ZLINK_DEALER};
    zt::socket good{ctx.ctx, ZLINK_DEALER};
    int port = 0;

    void start(std::int64_t maxmsgsize)
    {
        zt::set_timeouts(server);
        zt::set_timeouts(good);
        ASSERT_EQ(zlink_setsockopt(server, ZLINK_MAXMSGSIZE, &maxmsgsize, sizeof maxmsgsize), 0);
        const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "hostile");
        ASSERT_FALSE(ep.empty());
        port = zt::port_of(ep);
        ASSERT_EQ(zlink_connect(good, ep.c_str()), 0);
        expect_good_peer_served();
    }

    // Nothing of a cut message reaches the server: the good peer's message is the next one.
    void expect_good_peer_served()
    {
        ASSERT_EQ(zt::send_str(good, "ping"), 4);
        EXPECT_EQ(zt::recv_str(server), "ping");
        EXPECT_FALSE(zt::rcvmore(server));
        // The server round-robins its peers; the hostile one may not be reaped yet.
        EXPECT_TRUE(zt::wait_for([&] {
            zt::send_str(server, "pong", ZLINK_DONTWAIT);
            return zt::recv_str(good, ZLINK_DONTWAIT) == "pong";
        }));
    }
};

} // namespace

TEST_F(hostile_dealer_peer, endless_multipart_is_cut_at_the_part_limit)
{
    start(-1); // no MAXMSGSIZE: the part limit alone bounds the message
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    // The largest message allowed, still incomplete: the connection lives (its heartbeat is
    // answered, so every part before it was taken).
    ASSERT_TRUE(zt::send_all(raw, handshake(ZLINK_DEALER)));
    ASSERT_TRUE(zt::send_all(raw, repeat(zt::frame(0x01, {}), limits::max_message_parts)));
    ASSERT_TRUE(zt::send_all(raw, zt::heartbeat(1)));
    ASSERT_TRUE(in.wait_ack(1));
    // One part more breaks the bound, whether or not it would end the message.
    ASSERT_TRUE(zt::send_all(raw, zt::frame(0x00, {'x'})));
    EXPECT_EQ(in.error_then_close(), error_internal);
    EXPECT_TRUE(in.closed);
    expect_good_peer_served();
}

TEST_F(hostile_dealer_peer, a_message_at_the_part_limit_is_delivered)
{
    start(-1);
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    bytes msg = repeat(zt::frame(0x01, {'p'}), limits::max_message_parts - 1);
    msg = zt::cat(msg, zt::frame(0x00, {'e', 'n', 'd'}));
    ASSERT_TRUE(zt::send_all(raw, zt::cat(handshake(ZLINK_DEALER), msg)));
    for (std::size_t i = 0; i + 1 < limits::max_message_parts; ++i) {
        ASSERT_EQ(zt::recv_str(server), "p") << "part " << i;
        ASSERT_TRUE(zt::rcvmore(server));
    }
    EXPECT_EQ(zt::recv_str(server), "end");
    EXPECT_FALSE(zt::rcvmore(server));
    expect_good_peer_served();
}

TEST_F(hostile_dealer_peer, maxmsgsize_bounds_the_whole_multipart_message)
{
    start(1000);
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    const bytes half(500, 'h');
    // 500 + 500 is exactly MAXMSGSIZE: delivered.
    ASSERT_TRUE(zt::send_all(raw, zt::cat(handshake(ZLINK_DEALER),
                                          zt::cat(zt::frame(0x01, half), zt::frame(0x00, half)))));
    EXPECT_EQ(zt::recv_str(server), std::string(500, 'h'));
    EXPECT_TRUE(zt::rcvmore(server));
    EXPECT_EQ(zt::recv_str(server), std::string(500, 'h'));
    EXPECT_FALSE(zt::rcvmore(server));
    // 500 + 501 is one byte over, though each part alone is well below the limit.
    ASSERT_TRUE(zt::send_all(raw, zt::cat(zt::frame(0x01, half), zt::frame(0x00, bytes(501, 'h')))));
    EXPECT_EQ(in.error_then_close(), error_body_too_large);
    EXPECT_TRUE(in.closed);
    expect_good_peer_served();
}

TEST_F(hostile_dealer_peer, subscription_to_a_non_publisher_is_a_protocol_error)
{
    start(-1);
    for (const std::uint8_t flags : {std::uint8_t{0x08}, std::uint8_t{0x10}}) {
        zt::raw_peer raw(port);
        ASSERT_GE(raw.fd, 0);
        zt::frame_reader in(raw);
        ASSERT_TRUE(zt::send_all(raw, zt::cat(handshake(ZLINK_DEALER), zt::frame(flags, {'t'}))));
        EXPECT_EQ(in.error_then_close(), error_internal) << int(flags);
        EXPECT_TRUE(in.closed);
    }
    // A huge one is refused from its header alone, before any body is buffered.
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    bytes header = {0x5A, 0x02, 0x08, 0x00, 0x40, 0x00, 0x00, 0x00}; // 1 GiB
    ASSERT_TRUE(zt::send_all(raw, zt::cat(handshake(ZLINK_DEALER), header)));
    EXPECT_EQ(in.error_then_close(), error_internal);
    EXPECT_TRUE(in.closed);
    expect_good_peer_served();
}

TEST_F(hostile_dealer_peer, frames_after_an_error_are_ignored)
{
    start(-1);
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    const bytes error = zt::frame(0x02, {0x05, 0x7F, 3, 'b', 'y', 'e'});
    bytes b = zt::cat(handshake(ZLINK_DEALER), zt::cat(error, zt::frame(0x00, {'a', 'f', 't'})));
    b = zt::cat(b, zt::subscription("x"));
    ASSERT_TRUE(zt::send_all(raw, b));
    // The server closes without answering an ERROR, and delivers nothing sent after it.
    EXPECT_EQ(in.error_then_close(), -1);
    EXPECT_TRUE(in.closed);
    expect_good_peer_served();
}

TEST(hostile_peer, subscription_to_other_non_publishers_is_a_protocol_error)
{
    // {server type, a type the raw peer may announce to it}
    const int pairs[][2] = {{ZLINK_PAIR, ZLINK_PAIR}, {ZLINK_ROUTER, ZLINK_DEALER},
                            {ZLINK_SUB, ZLINK_PUB}, {ZLINK_XSUB, ZLINK_XPUB}};
    for (const auto& p : pairs) {
        SCOPED_TRACE(p[0]);
        zt::context ctx;
        zt::socket server(ctx.ctx, p[0]);
        const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "nonpub");
        ASSERT_FALSE(ep.empty());
        zt::raw_peer raw(zt::port_of(ep));
        ASSERT_GE(raw.fd, 0);
        zt::frame_reader in(raw);
        ASSERT_TRUE(zt::send_all(raw, zt::cat(handshake(p[1]), zt::subscription("t"))));
        EXPECT_EQ(in.error_then_close(), error_internal);
        EXPECT_TRUE(in.closed);
    }
}

namespace {

// A PUB server with a well-behaved SUB subscribed to "news". A publisher applies
// subscriptions when its application calls in, so waits pump it with ZLINK_EVENTS.
class hostile_subscriber : public ::testing::Test {
protected:
    zt::context ctx;
    zt::socket pub{ctx.ctx, ZLINK_PUB};
    zt::socket good{ctx.ctx, ZLINK_SUB};
    int port = 0;
    zt::pump_fn pump = [this] { zt::events(pub); };

    void SetUp() override
    {
        zt::set_timeouts(good);
        const std::string ep = zt::bind_any(pub, zt::transport::tcp, zt::temp_dir{}, "hostile-sub");
        ASSERT_FALSE(ep.empty());
        port = zt::port_of(ep);
        good.set_str(ZLINK_SUBSCRIBE, "news");
        ASSERT_EQ(zlink_connect(good, ep.c_str()), 0);
        expect_good_peer_served();
    }

    void expect_good_peer_served()
    {
        // PUB drops what it sends before the subscription arrived: send until one gets through.
        EXPECT_TRUE(zt::wait_for([&] {
            zt::send_str(pub, "news!", ZLINK_DONTWAIT);
            return zt::recv_str(good, ZLINK_DONTWAIT) == "news!";
        }));
    }

    // connect_raw(raw, in): a raw SUB peer, handshaken.
    void handshake_raw(zt::raw_peer& raw) { ASSERT_TRUE(zt::send_all(raw, handshake(ZLINK_SUB))); }

    // expect_cut(in): the publisher sent ERROR internal and closed the raw peer.
    void expect_cut(zt::frame_reader& in)
    {
        EXPECT_EQ(in.error_then_close(pump), error_internal);
        EXPECT_TRUE(in.closed);
        expect_good_peer_served();
    }
};

} // namespace

TEST_F(hostile_subscriber, subscriptions_are_cut_at_the_count_limit)
{
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    handshake_raw(raw);
    bytes subs;
    for (std::size_t i = 0; i < limits::max_subscriptions; ++i)
        append(subs, zt::subscription(topic('t', i)));
    ASSERT_TRUE(zt::send_all(raw, subs, pump));
    // At the limit, repeating a topic or cancelling an unknown one changes nothing.
    ASSERT_TRUE(zt::send_all(raw, zt::cat(zt::subscription("t0"), zt::subscription("none", false))));
    ASSERT_TRUE(zt::send_all(raw, zt::heartbeat(1)));
    ASSERT_TRUE(in.wait_ack(1, pump));
    // The last topic within the limit was taken: its messages reach the raw peer.
    const std::string last = topic('t', limits::max_subscriptions - 1).append(" data");
    EXPECT_TRUE(in.wait_data(last, [&] { zt::send_str(pub, last, ZLINK_DONTWAIT); }));
    // One topic more breaks the bound.
    ASSERT_TRUE(zt::send_all(raw, zt::subscription("one-too-many"), pump));
    expect_cut(in);
}

TEST_F(hostile_subscriber, cancelled_topics_make_room)
{
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    handshake_raw(raw);
    // Twice the count limit in total, never more than the limit at once.
    bytes b;
    for (std::size_t i = 0; i < 2 * limits::max_subscriptions; ++i) {
        append(b, zt::subscription(topic('t', i)));
        append(b, zt::subscription(topic('t', i), false));
    }
    ASSERT_TRUE(zt::send_all(raw, zt::cat(b, zt::heartbeat(2)), pump));
    EXPECT_TRUE(in.wait_ack(2, pump));
    EXPECT_FALSE(in.closed);
}

TEST_F(hostile_subscriber, subscriptions_are_cut_at_the_byte_limit)
{
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    handshake_raw(raw);
    // Sixteen 64 KiB topics fill the byte limit exactly.
    constexpr std::size_t topic_size = 64 * 1024;
    static_assert(limits::max_subscription_bytes % topic_size == 0);
    for (std::size_t i = 0; i < limits::max_subscription_bytes / topic_size; ++i)
        ASSERT_TRUE(zt::send_all(raw, zt::subscription(std::string(topic_size, char('a' + i))), pump));
    ASSERT_TRUE(zt::send_all(raw, zt::heartbeat(3), pump));
    ASSERT_TRUE(in.wait_ack(3, pump));
    // A single byte more breaks the bound.
    ASSERT_TRUE(zt::send_all(raw, zt::subscription("z"), pump));
    expect_cut(in);
}

TEST_F(hostile_subscriber, an_oversized_topic_is_refused_from_its_header)
{
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    handshake_raw(raw);
    const auto n = static_cast<std::uint32_t>(limits::max_subscription_bytes + 1);
    const bytes header = {0x5A, 0x02, 0x08, 0x00, std::uint8_t(n >> 24), std::uint8_t(n >> 16),
                          std::uint8_t(n >> 8), std::uint8_t(n)};
    ASSERT_TRUE(zt::send_all(raw, header));
    expect_cut(in);
}

TEST_F(hostile_subscriber, subscriptions_wait_while_the_publisher_is_idle)
{
    // Subscriptions count against RCVHWM: an idle publisher's queue cannot grow without
    // bound; the peer is held back (not cut) until the application calls in again.
    zt::socket small(ctx.ctx, ZLINK_PUB);
    small.set_int(ZLINK_RCVHWM, 10);
    const std::string ep = zt::bind_any(small, zt::transport::tcp, zt::temp_dir{}, "idle-pub");
    ASSERT_FALSE(ep.empty());
    zt::raw_peer raw(zt::port_of(ep));
    ASSERT_GE(raw.fd, 0);
    zt::frame_reader in(raw);
    bytes b = handshake(ZLINK_SUB);
    for (int i = 0; i < 100; ++i)
        append(b, zt::subscription("unknown", false));
    ASSERT_TRUE(zt::send_all(raw, zt::cat(b, zt::heartbeat(4))));
    EXPECT_FALSE(in.wait_ack(4, {}, 300)) << "the publisher read past its RCVHWM";
    EXPECT_TRUE(in.wait_ack(4, [&] { zt::events(small); }));
    EXPECT_FALSE(in.closed);
}

// A connecting socket whose server sends an endless message drops that connection with
// ERROR, reconnects, and is served by the next connection.
TEST(hostile_peer, connecting_side_reconnects_after_a_cut)
{
    zt::raw_listener listener;
    ASSERT_GE(listener.fd, 0);

    zt::context ctx;
    zt::socket client(ctx.ctx, ZLINK_DEALER);
    zt::set_timeouts(client);
    client.set_int(ZLINK_RECONNECT_IVL, 10);
    const std::string ep = listener.endpoint;
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    for (int round = 0; round < 2; ++round) {
        zt::raw_peer conn(zt::raw_peer::adopt{listener.accept()});
        ASSERT_GE(conn.fd, 0) << "round " << round;
        zt::frame_reader in(conn);
        ASSERT_TRUE(zt::send_all(conn, handshake(ZLINK_DEALER)));
        if (round == 0) {
            ASSERT_TRUE(zt::send_all(conn, repeat(zt::frame(0x01, {}), limits::max_message_parts + 1)));
            EXPECT_EQ(in.error_then_close(), error_internal);
            EXPECT_TRUE(in.closed);
        } else {
            ASSERT_TRUE(zt::send_all(conn, zt::frame(0x00, {'o', 'k'})));
            EXPECT_EQ(zt::recv_str(client), "ok");
        }
    }
}

// A connecting publisher keeps its pipes across reconnects; what the previous connection
// subscribed is forgotten when a new one is up, so a subscriber cannot pile up topics by
// reconnecting, and a topic it dropped meanwhile does not linger.
TEST(hostile_peer, reconnected_subscriber_starts_from_an_empty_table)
{
    zt::raw_listener listener;
    ASSERT_GE(listener.fd, 0);

    zt::context ctx;
    zt::socket pub(ctx.ctx, ZLINK_XPUB);
    zt::set_timeouts(pub);
    pub.set_int(ZLINK_RECONNECT_IVL, 10);
    const std::string ep = listener.endpoint;
    ASSERT_EQ(zlink_connect(pub, ep.c_str()), 0);
    {
        zt::raw_peer conn(zt::raw_peer::adopt{listener.accept()});
        ASSERT_GE(conn.fd, 0);
        zt::frame_reader in(conn);
        ASSERT_TRUE(zt::send_all(conn, zt::cat(handshake(ZLINK_SUB), zt::subscription("old"))));
        EXPECT_TRUE(in.wait_data("old 1", [&] { zt::send_str(pub, "old 1", ZLINK_DONTWAIT); }));
        EXPECT_EQ(zt::recv_str(pub), "\1old");
    }
    zt::raw_peer conn(zt::raw_peer::adopt{listener.accept()});
    ASSERT_GE(conn.fd, 0);
    zt::frame_reader in(conn);
    ASSERT_TRUE(zt::send_all(conn, zt::cat(handshake(ZLINK_SUB), zt::subscription("new"))));
    // Once "new" is in the table, everything before it was applied too.
    EXPECT_TRUE(in.wait_data("new 2", [&] { zt::send_str(pub, "new 2", ZLINK_DONTWAIT); }));
    EXPECT_EQ(zt::recv_str(pub), std::string("\0old", 4));
    EXPECT_EQ(zt::recv_str(pub), "\1new");
    ASSERT_EQ(zt::send_str(pub, "old 3"), 5);
    ASSERT_EQ(zt::send_str(pub, "new 3"), 5);
    std::uint8_t flags = 0;
    bytes body;
    const bytes new3 = {'n', 'e', 'w', ' ', '3'};
    while (in.next(flags, body) && body != new3)
        EXPECT_NE(body, (bytes{'o', 'l', 'd', ' ', '3'})) << "the previous connection's topic lingers";
    EXPECT_EQ(body, new3);
}

TEST(inbound_limits, incomplete_bytes_bound_only_without_maxmsgsize)
{
    // Checked on budgets alone: sending 256 MiB through a test connection would be slow.
    const std::uint64_t cap = limits::max_incomplete_bytes;
    const std::uint32_t chunk = 1u << 24;
    zlink::message_budget b(-1);
    std::uint64_t kept = 0;
    while (kept + chunk < cap) {
        ASSERT_FALSE(b.check(chunk, true));
        b.kept(chunk);
        kept += chunk;
    }
    const auto rest = static_cast<std::uint32_t>(cap - kept);
    EXPECT_FALSE(b.check(rest, true)) << "exactly at the bound";
    EXPECT_EQ(b.check(rest + 1, true).code, zlink::zmp::error_code::body_too_large);
    // The last part completes the message: it is bounded like a single frame, not here.
    EXPECT_FALSE(b.check(UINT32_MAX, false));
    // With MAXMSGSIZE set, that bounds the whole message instead.
    zlink::message_budget big(std::int64_t{1} << 30);
    big.kept(static_cast<std::uint32_t>(cap));
    EXPECT_FALSE(big.check(1, true));
}

TEST(inbound_limits, maxmsgsize_bounds_the_whole_message)
{
    zlink::message_budget b(100);
    b.kept(60);
    EXPECT_FALSE(b.check(40, false));
    EXPECT_EQ(b.check(41, false).code, zlink::zmp::error_code::body_too_large);
    EXPECT_EQ(b.check(41, true).code, zlink::zmp::error_code::body_too_large);
    b.done();
    EXPECT_FALSE(b.check(100, false));
}

TEST(inbound_limits, part_count)
{
    zlink::message_budget b(-1);
    for (std::size_t i = 0; i + 1 < limits::max_message_parts; ++i)
        b.kept(0);
    EXPECT_FALSE(b.check(0, false)) << "the last allowed part";
    b.kept(0);
    EXPECT_EQ(b.check(0, false).code, zlink::zmp::error_code::internal);
    EXPECT_STREQ(b.check(0, false).reason, "too many message parts");
}

TEST(inbound_limits, subscription_table_mirrors_the_publisher)
{
    zlink::subscription_budget s;
    EXPECT_FALSE(s.apply("a", true));
    EXPECT_FALSE(s.apply("a", true));
    EXPECT_EQ(s.size(), 1u);
    EXPECT_FALSE(s.apply("b", false)); // unknown: nothing removed
    EXPECT_FALSE(s.apply("a", false));
    EXPECT_EQ(s.size(), 0u);
    EXPECT_EQ(s.bytes(), 0u);
    EXPECT_FALSE(s.apply("", true)); // the match-everything topic counts as one, of 0 bytes
    EXPECT_EQ(s.size(), 1u);
    EXPECT_EQ(s.bytes(), 0u);
}
