// Heartbeats: a silent peer is dropped after HEARTBEAT_TIMEOUT, while a live peer that
// answers heartbeats keeps its connection.
#include "raw_peer.hpp"
#include "test_util.hpp"

TEST(heartbeat, silent_peer_is_dropped)
{
    zt::context ctx;
    zt::socket server(ctx.ctx, ZLINK_DEALER);
    server.set_int(ZLINK_HEARTBEAT_IVL, 50);
    server.set_int(ZLINK_HEARTBEAT_TIMEOUT, 100);
    const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "hb");
    zt::raw_peer raw(zt::port_of(ep));
    ASSERT_GE(raw.fd, 0);
    // A complete handshake, then silence: heartbeats go unanswered.
    ASSERT_TRUE(raw.send(zt::cat(zt::hello(ZLINK_DEALER), zt::ready())));
    bool closed = false;
    raw.read_until_closed(closed);
    EXPECT_TRUE(closed);
}

TEST(heartbeat, live_peers_stay_connected)
{
    zt::context ctx;
    zt::socket server(ctx.ctx, ZLINK_DEALER), client(ctx.ctx, ZLINK_DEALER);
    for (zt::socket* s : {&server, &client}) {
        s->set_int(ZLINK_HEARTBEAT_IVL, 20);
        s->set_int(ZLINK_HEARTBEAT_TIMEOUT, 400);
        s->set_int(ZLINK_HEARTBEAT_TTL, 2000);
        zt::set_timeouts(*s);
    }
    // A dropped connection would make the last send fail: no queueing, no reconnect.
    client.set_int(ZLINK_IMMEDIATE, 1);
    client.set_int(ZLINK_RECONNECT_IVL, -1);
    const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "hb2");
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    ASSERT_EQ(zt::send_str(client, "one"), 3);
    EXPECT_EQ(zt::recv_str(server), "one");
    // Many heartbeat periods pass while the server waits; the connection must survive them.
    zt::set_timeouts(server, 1200);
    EXPECT_EQ(zt::recv_str(server), "<error " + std::to_string(EAGAIN) + ">");
    ASSERT_EQ(zt::send_str(client, "two", ZLINK_DONTWAIT), 3);
    zt::set_timeouts(server, 5000);
    EXPECT_EQ(zt::recv_str(server), "two");
}
