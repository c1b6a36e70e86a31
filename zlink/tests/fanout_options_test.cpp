// Fan-out and option behaviour: PUB reaches every matching SUB (sharing large bodies),
// XPUB_VERBOSE, zlink_send_const, ZLINK_MAX_SOCKETS, disconnect, unknown ROUTER peers.
#include "test_util.hpp"

#include <cstring>

TEST(fanout, pub_reaches_every_matching_subscriber)
{
    zt::context ctx;
    zt::socket pub(ctx.ctx, ZLINK_PUB), s1(ctx.ctx, ZLINK_SUB), s2(ctx.ctx, ZLINK_SUB),
        s3(ctx.ctx, ZLINK_SUB);
    const std::string ep = zt::bind_any(pub, zt::transport::tcp, zt::temp_dir{}, "fan");
    s1.set_str(ZLINK_SUBSCRIBE, "a");
    s2.set_str(ZLINK_SUBSCRIBE, "");
    s3.set_str(ZLINK_SUBSCRIBE, "b");
    for (zt::socket* s : {&s1, &s2, &s3}) {
        zt::set_timeouts(*s);
        ASSERT_EQ(zlink_connect(*s, ep.c_str()), 0);
    }
    const std::string big = "a" + std::string(100000, 'x');
    // Publish until both matching subscribers have one; then the next message reaches both.
    for (zt::socket* s : {&s1, &s2})
        ASSERT_TRUE(zt::wait_for([&] {
            zt::send_str(pub, "a-probe");
            return zt::recv_str(*s, ZLINK_DONTWAIT) == "a-probe";
        }));
    ASSERT_EQ(zt::send_str(pub, big), static_cast<int>(big.size()));
    std::string got;
    do
        got = zt::recv_str(s1);
    while (got == "a-probe");
    EXPECT_EQ(got, big);
    do
        got = zt::recv_str(s2);
    while (got == "a-probe");
    EXPECT_EQ(got, big);
    EXPECT_EQ(zt::recv_str(s3, ZLINK_DONTWAIT), "<error " + std::to_string(EAGAIN) + ">");
}

TEST(fanout, xpub_verbose_passes_duplicate_subscriptions)
{
    for (int verbose : {0, 1}) {
        zt::context ctx;
        zt::socket xpub(ctx.ctx, ZLINK_XPUB), s1(ctx.ctx, ZLINK_SUB), s2(ctx.ctx, ZLINK_SUB);
        xpub.set_int(ZLINK_XPUB_VERBOSE, verbose);
        zt::set_timeouts(xpub, 300);
        ASSERT_EQ(zlink_bind(xpub, "inproc://verbose"), 0);
        ASSERT_EQ(zlink_connect(s1, "inproc://verbose"), 0);
        ASSERT_EQ(zlink_connect(s2, "inproc://verbose"), 0);
        s1.set_str(ZLINK_SUBSCRIBE, "t");
        s2.set_str(ZLINK_SUBSCRIBE, "t");
        EXPECT_EQ(zt::recv_str(xpub), "\1t");
        const std::string second = zt::recv_str(xpub);
        EXPECT_EQ(second == "\1t", verbose == 1) << "verbose=" << verbose;
    }
}

TEST(options, send_const_and_max_sockets)
{
    zt::context ctx;
    ASSERT_EQ(zlink_ctx_set(ctx.ctx, ZLINK_MAX_SOCKETS, 2), 0);
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    EXPECT_EQ(zlink_socket(ctx.ctx, ZLINK_PAIR), nullptr);
    EXPECT_EQ(zlink_errno(), EMFILE);
    ASSERT_EQ(zlink_bind(a, "inproc://const"), 0);
    ASSERT_EQ(zlink_connect(b, "inproc://const"), 0);
    static const char text[] = "constant body that is longer than the inline limit of a message";
    ASSERT_EQ(zlink_send_const(b, text, sizeof text, 0), static_cast<int>(sizeof text));
    zlink_msg_t m;
    zlink_msg_init(&m);
    ASSERT_EQ(zlink_msg_recv(&m, a, 0), static_cast<int>(sizeof text));
    EXPECT_EQ(zlink_msg_data(&m), static_cast<const void*>(text)); // not copied
    zlink_msg_close(&m);
}

TEST(options, disconnect_stops_delivery_to_that_peer)
{
    zt::context ctx;
    zt::socket server(ctx.ctx, ZLINK_DEALER), client(ctx.ctx, ZLINK_DEALER);
    const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "disc");
    zt::set_timeouts(server);
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    ASSERT_EQ(zt::send_str(client, "before"), 6);
    EXPECT_EQ(zt::recv_str(server), "before");
    ASSERT_EQ(zlink_disconnect(client, ep.c_str()), 0);
    EXPECT_EQ(zt::send_str(client, "after", ZLINK_DONTWAIT), -1);
    EXPECT_EQ(zlink_errno(), EAGAIN);
    EXPECT_EQ(zlink_disconnect(client, ep.c_str()), -1);
    EXPECT_EQ(zlink_errno(), ENOENT);
}

TEST(options, router_drops_unknown_peers_without_mandatory)
{
    zt::context ctx;
    zt::socket router(ctx.ctx, ZLINK_ROUTER);
    ASSERT_EQ(zt::send_str(router, "ghost", ZLINK_SNDMORE), 5);
    ASSERT_EQ(zt::send_str(router, "lost"), 4);
    int v = -1;
    size_t len = sizeof v;
    ASSERT_EQ(zlink_getsockopt(router, ZLINK_ROUTER_MANDATORY, &v, &len), 0);
    EXPECT_EQ(v, 0);
}

TEST(options, routing_id_defaults_to_a_generated_one)
{
    zt::context ctx;
    zt::socket s(ctx.ctx, ZLINK_DEALER);
    char id[256];
    size_t len = sizeof id;
    ASSERT_EQ(zlink_getsockopt(s, ZLINK_ROUTING_ID, id, &len), 0);
    EXPECT_EQ(len, 16u);
    s.set_str(ZLINK_ROUTING_ID, "mine");
    len = sizeof id;
    ASSERT_EQ(zlink_getsockopt(s, ZLINK_ROUTING_ID, id, &len), 0);
    EXPECT_EQ(std::string(id, len), "mine");
}
