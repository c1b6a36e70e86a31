// zlink_unbind ends only what zlink_bind started and zlink_disconnect only what zlink_connect
// started: anything else (never used, or used the other way) is -1 with ENOENT, and the
// endpoint keeps working.
#include "test_util.hpp"

namespace {

const zt::transport all_transports[] = {zt::transport::inproc, zt::transport::tcp, zt::transport::ipc};

// expect_enoent(rc): rc is -1 and errno says the endpoint is unknown.
void expect_enoent(int rc, const char* what)
{
    EXPECT_EQ(rc, -1) << what;
    EXPECT_EQ(zlink_errno(), ENOENT) << what;
}

// A PAIR server bound on transport t and a PAIR client not yet connected, both with bounded
// blocking calls.
struct pair_sockets {
    zt::context ctx;
    zt::temp_dir dir;
    zt::socket server{ctx.ctx, ZLINK_PAIR};
    zt::socket client{ctx.ctx, ZLINK_PAIR};
    std::string ep;

    pair_sockets(zt::transport t, const std::string& name)
    {
        zt::set_timeouts(server);
        zt::set_timeouts(client);
        ep = zt::bind_any(server, t, dir, name);
    }
};

} // namespace

TEST(unbind_disconnect, unbind_of_a_connected_endpoint_is_enoent)
{
    for (const zt::transport t : all_transports) {
        SCOPED_TRACE(zt::transport_name(t));
        pair_sockets p(t, "unbind-connected");
        ASSERT_FALSE(p.ep.empty());
        ASSERT_EQ(zlink_connect(p.client, p.ep.c_str()), 0);
        expect_enoent(zlink_unbind(p.client, p.ep.c_str()), "unbind on the connecting side");
        // The refused unbind left the connection alone.
        ASSERT_EQ(zt::send_str(p.client, "still"), 5);
        EXPECT_EQ(zt::recv_str(p.server), "still");
        EXPECT_EQ(zlink_disconnect(p.client, p.ep.c_str()), 0);
    }
}

TEST(unbind_disconnect, disconnect_of_a_bound_endpoint_is_enoent)
{
    for (const zt::transport t : all_transports) {
        SCOPED_TRACE(zt::transport_name(t));
        pair_sockets p(t, "disconnect-bound");
        ASSERT_FALSE(p.ep.empty());
        expect_enoent(zlink_disconnect(p.server, p.ep.c_str()), "disconnect on the binding side");
        // Still bound: a peer connects and is served.
        ASSERT_EQ(zlink_connect(p.client, p.ep.c_str()), 0);
        ASSERT_EQ(zt::send_str(p.client, "bound"), 5);
        EXPECT_EQ(zt::recv_str(p.server), "bound");
        EXPECT_EQ(zlink_unbind(p.server, p.ep.c_str()), 0);
    }
}

TEST(unbind_disconnect, endpoints_never_used_are_enoent)
{
    zt::context ctx;
    zt::temp_dir dir;
    zt::socket s(ctx.ctx, ZLINK_DEALER);
    const std::string never[] = {"tcp://127.0.0.1:1", "tcp://127.0.0.1:*", "inproc://never",
                                 "ipc://" + dir.path + "/never.sock"};
    for (const std::string& ep : never) {
        SCOPED_TRACE(ep);
        expect_enoent(zlink_unbind(s, ep.c_str()), "unbind");
        expect_enoent(zlink_disconnect(s, ep.c_str()), "disconnect");
    }
    // A socket with endpoints of its own still refuses others.
    const std::string bound = zt::bind_any(s, zt::transport::tcp, dir, "own");
    ASSERT_FALSE(bound.empty());
    expect_enoent(zlink_unbind(s, "tcp://127.0.0.1:1"), "unbind of another port");
    expect_enoent(zlink_disconnect(s, "tcp://127.0.0.1:1"), "disconnect of another port");
}

TEST(unbind_disconnect, second_unbind_is_enoent)
{
    zt::context ctx;
    zt::temp_dir dir;
    zt::socket s(ctx.ctx, ZLINK_DEALER);
    for (const zt::transport t : all_transports) {
        SCOPED_TRACE(zt::transport_name(t));
        const std::string ep = zt::bind_any(s, t, dir, "twice");
        ASSERT_FALSE(ep.empty());
        EXPECT_EQ(zlink_unbind(s, ep.c_str()), 0);
        expect_enoent(zlink_unbind(s, ep.c_str()), "second unbind");
    }
}

TEST(unbind_disconnect, same_endpoint_bound_and_connected_by_one_socket)
{
    // inproc lets one socket bind a name and connect to it: each call ends its own half.
    zt::context ctx;
    zt::socket s(ctx.ctx, ZLINK_DEALER);
    ASSERT_EQ(zlink_bind(s, "inproc://self"), 0);
    ASSERT_EQ(zlink_connect(s, "inproc://self"), 0);
    EXPECT_EQ(zlink_disconnect(s, "inproc://self"), 0);
    expect_enoent(zlink_disconnect(s, "inproc://self"), "second disconnect");
    EXPECT_EQ(zlink_unbind(s, "inproc://self"), 0);
    expect_enoent(zlink_unbind(s, "inproc://self"), "second unbind");
}
