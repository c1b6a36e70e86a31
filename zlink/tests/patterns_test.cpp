// Each socket type pairing over every transport: messages arrive, complete and in order,
// multipart messages stay whole, ROUTER addresses peers by routing id.
#include "test_util.hpp"

#include <cstring>
#include <set>
#include <vector>

using zt::transport;

class patterns : public ::testing::TestWithParam<transport> {
protected:
    zt::context ctx;
    zt::temp_dir dir;
    void SetUp() override
    {
        if (GetParam() == transport::tcp6 && !zt::ipv6_available())
            GTEST_SKIP() << "no IPv6 loopback here";
    }
    std::string bind(zt::socket& s, const std::string& name)
    {
        zt::set_timeouts(s);
        return zt::bind_any(s, GetParam(), dir, name);
    }
    void connect(zt::socket& s, const std::string& ep)
    {
        zt::set_timeouts(s);
        ASSERT_EQ(zlink_connect(s, ep.c_str()), 0) << ep;
    }
};

TEST_P(patterns, pair_exchanges_both_ways)
{
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    const std::string ep = bind(a, "pair");
    ASSERT_FALSE(ep.empty());
    connect(b, ep);
    ASSERT_EQ(zt::send_str(b, "ping"), 4);
    EXPECT_EQ(zt::recv_str(a), "ping");
    ASSERT_EQ(zt::send_str(a, "pong"), 4);
    EXPECT_EQ(zt::recv_str(b), "pong");
}

TEST_P(patterns, pair_no_loss_in_order)
{
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    const std::string ep = bind(a, "pairnl");
    connect(b, ep);
    constexpr int n = 20000;
    std::thread sender([&] {
        for (int i = 0; i < n; ++i) {
            // Sizes alternate between inline and shared (large) bodies.
            std::string body(i % 7 == 0 ? 9000 : 16, 'x');
            std::memcpy(body.data(), &i, sizeof i);
            ASSERT_EQ(zlink_send(b, body.data(), body.size(), 0), static_cast<int>(body.size()));
        }
    });
    for (int i = 0; i < n; ++i) {
        const std::string got = zt::recv_str(a);
        ASSERT_EQ(got.size(), i % 7 == 0 ? 9000u : 16u) << "message " << i << ": " << got;
        int seq;
        std::memcpy(&seq, got.data(), sizeof seq);
        ASSERT_EQ(seq, i);
    }
    sender.join();
}

TEST_P(patterns, multipart_stays_whole)
{
    zt::socket a(ctx.ctx, ZLINK_DEALER), b(ctx.ctx, ZLINK_DEALER);
    const std::string ep = bind(a, "multi");
    connect(b, ep);
    ASSERT_EQ(zt::send_str(b, "one", ZLINK_SNDMORE), 3);
    ASSERT_EQ(zt::send_str(b, "", ZLINK_SNDMORE), 0);
    ASSERT_EQ(zt::send_str(b, std::string(70000, 'z')), 70000);
    EXPECT_EQ(zt::recv_str(a), "one");
    EXPECT_TRUE(zt::rcvmore(a));
    EXPECT_EQ(zt::recv_str(a), "");
    EXPECT_TRUE(zt::rcvmore(a));
    EXPECT_EQ(zt::recv_str(a), std::string(70000, 'z'));
    EXPECT_FALSE(zt::rcvmore(a));
}

TEST_P(patterns, pub_sub_filters_by_prefix)
{
    zt::socket pub(ctx.ctx, ZLINK_PUB), sub(ctx.ctx, ZLINK_SUB);
    const std::string ep = bind(pub, "pubsub");
    connect(sub, ep);
    sub.set_str(ZLINK_SUBSCRIBE, "A");
    // The subscription travels to the publisher asynchronously: publish until one arrives.
    ASSERT_TRUE(zt::wait_for([&] {
        zt::send_str(pub, "B-skip");
        zt::send_str(pub, "A-probe");
        return zt::recv_str(sub, ZLINK_DONTWAIT) == "A-probe";
    }));
    zt::send_str(pub, "B-not-for-you");
    zt::send_str(pub, "A-last");
    // Everything still queued is A-prefixed: B messages were dropped at the publisher.
    for (int i = 0; i < 10000; ++i) {
        const std::string got = zt::recv_str(sub);
        ASSERT_EQ(got[0], 'A') << got;
        if (got == "A-last")
            break;
    }
}

TEST_P(patterns, xpub_sees_subscriptions)
{
    zt::socket xpub(ctx.ctx, ZLINK_XPUB), sub(ctx.ctx, ZLINK_SUB);
    const std::string ep = bind(xpub, "xpub");
    connect(sub, ep);
    sub.set_str(ZLINK_SUBSCRIBE, "topic");
    // The SUB recorded the subscription in its connection pipe at once: no SUB call needed.
    EXPECT_EQ(zt::recv_str(xpub), std::string("\1topic"));
    sub.set_str(ZLINK_UNSUBSCRIBE, "topic");
    EXPECT_EQ(zt::recv_str(xpub), std::string("\0topic", 6));
}

TEST_P(patterns, xsub_subscribes_by_message)
{
    zt::socket pub(ctx.ctx, ZLINK_XPUB), xsub(ctx.ctx, ZLINK_XSUB);
    const std::string ep = bind(pub, "xsub");
    connect(xsub, ep);
    ASSERT_EQ(zt::send_str(xsub, std::string("\1news")), 5);
    EXPECT_EQ(zt::recv_str(pub), std::string("\1news"));
    zt::send_str(pub, "weather");
    zt::send_str(pub, "news-1");
    EXPECT_EQ(zt::recv_str(xsub), "news-1");
}

TEST_P(patterns, dealer_router_round_trip_with_routing_id)
{
    zt::socket router(ctx.ctx, ZLINK_ROUTER), dealer(ctx.ctx, ZLINK_DEALER);
    router.set_int(ZLINK_ROUTER_MANDATORY, 1);
    const std::string ep = bind(router, "dr");
    dealer.set_str(ZLINK_ROUTING_ID, "client-1");
    connect(dealer, ep);
    ASSERT_EQ(zt::send_str(dealer, "hello"), 5);
    EXPECT_EQ(zt::recv_str(router), "client-1");
    EXPECT_TRUE(zt::rcvmore(router));
    EXPECT_EQ(zt::recv_str(router), "hello");
    ASSERT_EQ(zt::send_str(router, "client-1", ZLINK_SNDMORE), 8);
    ASSERT_EQ(zt::send_str(router, "world"), 5);
    EXPECT_EQ(zt::recv_str(dealer), "world");
}

TEST_P(patterns, router_mandatory_unknown_peer_is_ehostunreach)
{
    zt::socket router(ctx.ctx, ZLINK_ROUTER);
    router.set_int(ZLINK_ROUTER_MANDATORY, 1);
    bind(router, "mand");
    EXPECT_EQ(zt::send_str(router, "nobody", ZLINK_SNDMORE), -1);
    EXPECT_EQ(zlink_errno(), EHOSTUNREACH);
}

TEST_P(patterns, router_to_router_with_connect_routing_id)
{
    zt::socket server(ctx.ctx, ZLINK_ROUTER), client(ctx.ctx, ZLINK_ROUTER);
    server.set_str(ZLINK_ROUTING_ID, "server");
    client.set_str(ZLINK_ROUTING_ID, "client");
    server.set_int(ZLINK_ROUTER_MANDATORY, 1);
    client.set_int(ZLINK_ROUTER_MANDATORY, 1);
    const std::string ep = bind(server, "rr");
    client.set_str(ZLINK_CONNECT_ROUTING_ID, "srv");
    connect(client, ep);
    // The client can address the server as soon as the connection is up.
    ASSERT_TRUE(zt::wait_for([&] {
        if (zt::send_str(client, "srv", ZLINK_SNDMORE | ZLINK_DONTWAIT) != 3)
            return false;
        return zt::send_str(client, "hi") == 2;
    }));
    EXPECT_EQ(zt::recv_str(server), "client");
    EXPECT_EQ(zt::recv_str(server), "hi");
    ASSERT_EQ(zt::send_str(server, "client", ZLINK_SNDMORE), 6);
    ASSERT_EQ(zt::send_str(server, "back"), 4);
    EXPECT_EQ(zt::recv_str(client), "srv");
    EXPECT_EQ(zt::recv_str(client), "back");
}

TEST_P(patterns, dealer_round_robins_and_fair_queues)
{
    zt::socket dealer(ctx.ctx, ZLINK_DEALER), a(ctx.ctx, ZLINK_DEALER), b(ctx.ctx, ZLINK_DEALER);
    const std::string ep = bind(dealer, "rrfq");
    connect(a, ep);
    connect(b, ep);
    // Both peers are attached once each has sent a message the dealer received.
    zt::send_str(a, "from-a");
    zt::send_str(b, "from-b");
    std::set<std::string> got{zt::recv_str(dealer), zt::recv_str(dealer)};
    EXPECT_EQ(got, (std::set<std::string>{"from-a", "from-b"}));
    for (int i = 0; i < 4; ++i)
        zt::send_str(dealer, "m" + std::to_string(i));
    EXPECT_EQ(zt::recv_str(a, 0).size() + zt::recv_str(b, 0).size(), 4u);
    EXPECT_EQ(zt::recv_str(a, 0).size() + zt::recv_str(b, 0).size(), 4u);
}

TEST_P(patterns, messages_queue_before_the_peer_binds)
{
    zt::socket probe(ctx.ctx, ZLINK_DEALER);
    const std::string ep = bind(probe, "later"); // learn a free endpoint, then free it
    ASSERT_EQ(zlink_unbind(probe, ep.c_str()), 0);
    zt::socket client(ctx.ctx, ZLINK_DEALER);
    client.set_int(ZLINK_RECONNECT_IVL, 10);
    connect(client, ep);
    ASSERT_EQ(zt::send_str(client, "early", ZLINK_DONTWAIT), 5);
    zt::socket server(ctx.ctx, ZLINK_DEALER);
    zt::set_timeouts(server);
    ASSERT_EQ(zlink_bind(server, ep.c_str()), 0);
    EXPECT_EQ(zt::recv_str(server), "early");
}

TEST_P(patterns, immediate_sockets_do_not_queue_without_a_connection)
{
    if (GetParam() == transport::inproc)
        GTEST_SKIP() << "not a stream transport";
    zt::socket probe(ctx.ctx, ZLINK_DEALER);
    const std::string ep = bind(probe, "imm");
    ASSERT_EQ(zlink_unbind(probe, ep.c_str()), 0);
    zt::socket client(ctx.ctx, ZLINK_DEALER);
    client.set_int(ZLINK_IMMEDIATE, 1);
    connect(client, ep);
    EXPECT_EQ(zt::send_str(client, "nowhere", ZLINK_DONTWAIT), -1);
    EXPECT_EQ(zlink_errno(), EAGAIN);
}

INSTANTIATE_TEST_SUITE_P(transports, patterns, ::testing::Values(transport::inproc, transport::tcp, transport::ipc, transport::tcp6),
                         [](const auto& info) { return zt::transport_name(info.param); });
