// LINGER: messages queued before close still reach a connected peer (LINGER -1), and a
// LINGER 0 close never holds up ctx_term, whatever is still queued.
#include "test_util.hpp"

TEST(linger, queued_messages_are_delivered_after_close)
{
    zt::context ctx;
    zt::socket server(ctx.ctx, ZLINK_DEALER);
    zt::set_timeouts(server);
    const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "linger");
    void* client = zlink_socket(ctx.ctx, ZLINK_DEALER);
    int linger = -1;
    zlink_setsockopt(client, ZLINK_LINGER, &linger, sizeof linger);
    zt::set_timeouts(client);
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    for (int i = 0; i < 500; ++i)
        ASSERT_EQ(zt::send_str(client, std::to_string(i)), int(std::to_string(i).size()));
    zlink_close(client);
    for (int i = 0; i < 500; ++i)
        ASSERT_EQ(zt::recv_str(server), std::to_string(i));
}

TEST(linger, zero_linger_term_does_not_wait_for_a_stalled_peer)
{
    zt::context ctx;
    zt::socket server(ctx.ctx, ZLINK_DEALER);
    server.set_int(ZLINK_RCVHWM, 10);
    const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "linger0");
    void* client = zlink_socket(ctx.ctx, ZLINK_DEALER);
    int linger = 0, hwm = 10;
    zlink_setsockopt(client, ZLINK_LINGER, &linger, sizeof linger);
    zlink_setsockopt(client, ZLINK_SNDHWM, &hwm, sizeof hwm);
    zt::set_timeouts(client, 2000);
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    ASSERT_EQ(zt::send_str(client, "first"), 5);
    // Fill every queue on the way: the server never reads beyond the first message.
    std::string big(100000, 'x');
    int sent = 0;
    while (sent < 100000 && zlink_send(client, big.data(), big.size(), ZLINK_DONTWAIT) > 0)
        ++sent;
    EXPECT_LT(sent, 100000); // HWM and socket buffers bound the queue
    zlink_close(client);
    server.close();
    ctx.term(); // must return although nothing was drained
}

TEST(linger, tcp_sender_blocks_at_hwm_then_eagain)
{
    zt::context ctx;
    zt::socket server(ctx.ctx, ZLINK_PAIR), client(ctx.ctx, ZLINK_PAIR);
    server.set_int(ZLINK_RCVHWM, 5);
    client.set_int(ZLINK_SNDHWM, 5);
    const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "hwm");
    zt::set_timeouts(client, 5000);
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    ASSERT_EQ(zt::send_str(client, "x"), 1); // blocks until the connection is up
    std::string big(65536, 'y');
    int sent = 0;
    while (sent < 100000 && zlink_send(client, big.data(), big.size(), ZLINK_DONTWAIT) > 0)
        ++sent;
    EXPECT_LT(sent, 100000);
    EXPECT_EQ(zlink_errno(), EAGAIN);
    zt::set_timeouts(server, 5000);
    EXPECT_EQ(zt::recv_str(server), "x");
}
