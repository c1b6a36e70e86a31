// inproc specifics: connect before bind works both for joining and for queueing messages,
// and a name is free again after unbind or close.
#include "test_util.hpp"

TEST(inproc, connect_before_bind_queues_messages)
{
    zt::context ctx;
    zt::socket client(ctx.ctx, ZLINK_DEALER), server(ctx.ctx, ZLINK_DEALER);
    zt::set_timeouts(server);
    ASSERT_EQ(zlink_connect(client, "inproc://early"), 0);
    ASSERT_EQ(zt::send_str(client, "queued", ZLINK_DONTWAIT), 6);
    ASSERT_EQ(zlink_bind(server, "inproc://early"), 0);
    EXPECT_EQ(zt::recv_str(server), "queued");
    ASSERT_EQ(zt::send_str(server, "reply"), 5);
    zt::set_timeouts(client);
    EXPECT_EQ(zt::recv_str(client), "reply");
}

TEST(inproc, sub_connected_before_bind_keeps_its_subscription)
{
    zt::context ctx;
    zt::socket sub(ctx.ctx, ZLINK_SUB), pub(ctx.ctx, ZLINK_XPUB);
    zt::set_timeouts(sub);
    zt::set_timeouts(pub);
    sub.set_str(ZLINK_SUBSCRIBE, "k");
    ASSERT_EQ(zlink_connect(sub, "inproc://early-sub"), 0);
    ASSERT_EQ(zlink_bind(pub, "inproc://early-sub"), 0);
    EXPECT_EQ(zt::recv_str(pub), "\1k");
    zt::send_str(pub, "k1");
    EXPECT_EQ(zt::recv_str(sub), "k1");
}

TEST(inproc, router_connect_before_bind_joins_at_bind)
{
    zt::context ctx;
    zt::socket client(ctx.ctx, ZLINK_ROUTER), server(ctx.ctx, ZLINK_ROUTER);
    server.set_str(ZLINK_ROUTING_ID, "S");
    client.set_int(ZLINK_ROUTER_MANDATORY, 1);
    zt::set_timeouts(server);
    ASSERT_EQ(zlink_connect(client, "inproc://early-router"), 0);
    ASSERT_EQ(zlink_bind(server, "inproc://early-router"), 0);
    ASSERT_TRUE(zt::wait_for([&] { return zt::send_str(client, "S", ZLINK_SNDMORE) == 1; }));
    ASSERT_EQ(zt::send_str(client, "hi"), 2);
    zt::recv_str(server); // the client's generated id
    EXPECT_EQ(zt::recv_str(server), "hi");
}

TEST(inproc, incompatible_early_connect_is_dropped_at_bind)
{
    zt::context ctx;
    zt::socket client(ctx.ctx, ZLINK_DEALER), server(ctx.ctx, ZLINK_PUB);
    ASSERT_EQ(zlink_connect(client, "inproc://early-bad"), 0);
    ASSERT_EQ(zlink_bind(server, "inproc://early-bad"), 0);
    // The dealer's only peer goes away: sending no longer finds anyone.
    EXPECT_TRUE(zt::wait_for([&] { return zt::send_str(client, "x", ZLINK_DONTWAIT) == -1; }));
}

TEST(inproc, name_is_free_after_unbind_and_close)
{
    zt::context ctx;
    {
        zt::socket a(ctx.ctx, ZLINK_PAIR);
        ASSERT_EQ(zlink_bind(a, "inproc://reuse"), 0);
        ASSERT_EQ(zlink_unbind(a, "inproc://reuse"), 0);
        ASSERT_EQ(zlink_bind(a, "inproc://reuse"), 0);
    }
    zt::socket b(ctx.ctx, ZLINK_PAIR);
    EXPECT_EQ(zlink_bind(b, "inproc://reuse"), 0);
    EXPECT_EQ(zlink_unbind(b, "inproc://never-bound"), -1);
    EXPECT_EQ(zlink_errno(), ENOENT);
}
