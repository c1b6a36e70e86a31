// No loss: N messages through each reliable pattern arrive complete and in order, on every
// transport, with sizes on both sides of the inline/shared and small/large-frame limits.
#include "test_util.hpp"

#include <cstring>

using zt::transport;

namespace {

constexpr int count = 5000;

std::size_t size_of(int i)
{
    static const std::size_t sizes[] = {0, 8, 56, 57, 300, 8191, 8192, 70000};
    return sizes[static_cast<std::size_t>(i) % 8] < 4 ? 4 : sizes[static_cast<std::size_t>(i) % 8];
}

std::string body(int i)
{
    std::string b(size_of(i), static_cast<char>('a' + i % 26));
    std::memcpy(b.data(), &i, sizeof i);
    return b;
}

// check(got, i): the i-th body, byte for byte.
void check(const std::string& got, int i)
{
    ASSERT_EQ(got.size(), size_of(i)) << "message " << i;
    ASSERT_EQ(got, body(i)) << "message " << i;
}

} // namespace

class no_loss : public ::testing::TestWithParam<transport> {
protected:
    zt::context ctx;
    zt::temp_dir dir;
    void SetUp() override
    {
        if (GetParam() == transport::tcp6 && !zt::ipv6_available())
            GTEST_SKIP() << "no IPv6 loopback here";
    }
    std::string bind(zt::socket& s, const char* name)
    {
        zt::set_timeouts(s);
        return zt::bind_any(s, GetParam(), dir, name);
    }
};

TEST_P(no_loss, dealer_to_dealer)
{
    zt::socket a(ctx.ctx, ZLINK_DEALER), b(ctx.ctx, ZLINK_DEALER);
    const std::string ep = bind(a, "dd");
    zt::set_timeouts(b);
    ASSERT_EQ(zlink_connect(b, ep.c_str()), 0);
    std::thread t([&] {
        for (int i = 0; i < count; ++i)
            ASSERT_GE(zt::send_str(b, body(i)), 0);
    });
    for (int i = 0; i < count; ++i)
        check(zt::recv_str(a), i);
    t.join();
}

// Bodies up to four times the decoder's 64 KiB buffer, back to back with small frames between
// them, all sent before the first receive: the receiving engine then finds its socket full and
// reads on without waiting for asio (stream_engine::read_more), across body and frame ends.
TEST_P(no_loss, large_bodies_sent_before_the_first_receive)
{
    constexpr int n = 120;
    const auto large_body = [](int i) {
        const std::size_t size = i % 3 == 2 ? 40u + static_cast<std::size_t>(i)
                                            : 65536u * static_cast<std::size_t>(1 + i % 4) +
                                                  static_cast<std::size_t>(i);
        std::string b(size, static_cast<char>('A' + i % 26));
        std::memcpy(b.data(), &i, sizeof i);
        return b;
    };
    zt::socket a(ctx.ctx, ZLINK_DEALER), b(ctx.ctx, ZLINK_DEALER);
    const std::string ep = bind(a, "lb");
    zt::set_timeouts(b);
    ASSERT_EQ(zlink_connect(b, ep.c_str()), 0);
    for (int i = 0; i < n; ++i)
        ASSERT_GE(zt::send_str(b, large_body(i)), 0);
    for (int i = 0; i < n; ++i) {
        const std::string got = zt::recv_str(a);
        const std::string want = large_body(i);
        ASSERT_EQ(got.size(), want.size()) << "message " << i;
        ASSERT_TRUE(got == want) << "message " << i;
    }
}

TEST_P(no_loss, dealer_to_router_and_back)
{
    zt::socket router(ctx.ctx, ZLINK_ROUTER), dealer(ctx.ctx, ZLINK_DEALER);
    router.set_int(ZLINK_ROUTER_MANDATORY, 1);
    const std::string ep = bind(router, "dr");
    dealer.set_str(ZLINK_ROUTING_ID, "d1");
    zt::set_timeouts(dealer);
    ASSERT_EQ(zlink_connect(dealer, ep.c_str()), 0);
    std::thread t([&] {
        for (int i = 0; i < count; ++i)
            ASSERT_GE(zt::send_str(dealer, body(i)), 0);
        for (int i = 0; i < count; ++i)
            check(zt::recv_str(dealer), i);
    });
    for (int i = 0; i < count; ++i) {
        ASSERT_EQ(zt::recv_str(router), "d1");
        check(zt::recv_str(router), i);
    }
    for (int i = 0; i < count; ++i) {
        ASSERT_EQ(zt::send_str(router, "d1", ZLINK_SNDMORE), 2);
        ASSERT_GE(zt::send_str(router, body(i)), 0);
    }
    t.join();
}

TEST_P(no_loss, router_to_router)
{
    zt::socket server(ctx.ctx, ZLINK_ROUTER), client(ctx.ctx, ZLINK_ROUTER);
    server.set_str(ZLINK_ROUTING_ID, "srv");
    client.set_str(ZLINK_ROUTING_ID, "cli");
    server.set_int(ZLINK_ROUTER_MANDATORY, 1);
    client.set_int(ZLINK_ROUTER_MANDATORY, 1);
    const std::string ep = bind(server, "rr");
    zt::set_timeouts(client);
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    // The server's id is known once the handshake is done: EHOSTUNREACH until then.
    ASSERT_TRUE(zt::wait_for([&] { return zt::send_str(client, "srv", ZLINK_SNDMORE) == 3; }));
    ASSERT_GE(zt::send_str(client, body(0)), 0);
    std::thread t([&] {
        for (int i = 1; i < count; ++i) {
            ASSERT_EQ(zt::send_str(client, "srv", ZLINK_SNDMORE), 3);
            ASSERT_GE(zt::send_str(client, body(i)), 0);
        }
    });
    for (int i = 0; i < count; ++i) {
        ASSERT_EQ(zt::recv_str(server), "cli");
        check(zt::recv_str(server), i);
    }
    t.join();
}

TEST_P(no_loss, router_to_router_polling_before_every_receive)
{
    zt::socket server(ctx.ctx, ZLINK_ROUTER), client(ctx.ctx, ZLINK_ROUTER);
    server.set_str(ZLINK_ROUTING_ID, "srv");
    client.set_str(ZLINK_ROUTING_ID, "cli");
    client.set_int(ZLINK_ROUTER_MANDATORY, 1);
    const std::string ep = bind(server, "rrp");
    zt::set_timeouts(client);
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    ASSERT_TRUE(zt::wait_for([&] { return zt::send_str(client, "srv", ZLINK_SNDMORE) == 3; }));
    ASSERT_GE(zt::send_str(client, body(0)), 0);
    // Ping-pong: each side polls, then receives, then answers.
    zlink_pollitem_t at_server[] = {{server, 0, ZLINK_POLLIN, 0}};
    zlink_pollitem_t at_client[] = {{client, 0, ZLINK_POLLIN, 0}};
    for (int i = 0; i < 1000; ++i) {
        ASSERT_EQ(zlink_poll(at_server, 1, 5000), 1) << i;
        ASSERT_EQ(zt::recv_str(server, ZLINK_DONTWAIT), "cli");
        check(zt::recv_str(server, ZLINK_DONTWAIT), i);
        ASSERT_EQ(zt::send_str(server, "cli", ZLINK_SNDMORE), 3);
        ASSERT_GE(zt::send_str(server, body(i + 1)), 0);
        ASSERT_EQ(zlink_poll(at_client, 1, 5000), 1) << i;
        ASSERT_EQ(zt::recv_str(client, ZLINK_DONTWAIT), "srv");
        check(zt::recv_str(client, ZLINK_DONTWAIT), i + 1);
        ASSERT_EQ(zt::send_str(client, "srv", ZLINK_SNDMORE), 3);
        ASSERT_GE(zt::send_str(client, body(i + 1)), 0);
    }
}

TEST_P(no_loss, pub_to_sub_below_hwm)
{
    zt::socket pub(ctx.ctx, ZLINK_PUB), sub(ctx.ctx, ZLINK_SUB);
    pub.set_int(ZLINK_SNDHWM, 0); // unlimited: PUB only drops at HWM
    sub.set_int(ZLINK_RCVHWM, 0);
    const std::string ep = bind(pub, "ps");
    zt::set_timeouts(sub);
    sub.set_str(ZLINK_SUBSCRIBE, "");
    ASSERT_EQ(zlink_connect(sub, ep.c_str()), 0);
    ASSERT_TRUE(zt::wait_for([&] {
        zt::send_str(pub, "probe");
        return zt::recv_str(sub, ZLINK_DONTWAIT) == "probe";
    }));
    for (int i = 0; i < count; ++i)
        ASSERT_GE(zt::send_str(pub, body(i)), 0);
    std::string got;
    do
        got = zt::recv_str(sub);
    while (got == "probe");
    check(got, 0);
    for (int i = 1; i < count; ++i)
        check(zt::recv_str(sub), i);
}

INSTANTIATE_TEST_SUITE_P(transports, no_loss,
                         ::testing::Values(transport::inproc, transport::tcp, transport::ipc,
                                           transport::tcp6),
                         [](const auto& info) { return zt::transport_name(info.param); });
