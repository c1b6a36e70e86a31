// Connections come back: a connecting socket reconnects after its peer restarts, and a SUB
// re-sends its subscriptions to the restarted publisher.
#include "test_util.hpp"

using zt::transport;

class reconnect : public ::testing::TestWithParam<transport> {
protected:
    zt::context ctx;
    zt::temp_dir dir;
};

TEST_P(reconnect, dealer_reaches_restarted_peer)
{
    zt::socket client(ctx.ctx, ZLINK_DEALER);
    zt::set_timeouts(client);
    client.set_int(ZLINK_RECONNECT_IVL, 10);
    std::string ep;
    {
        zt::socket server(ctx.ctx, ZLINK_DEALER);
        zt::set_timeouts(server);
        ep = zt::bind_any(server, GetParam(), dir, "restart");
        ASSERT_FALSE(ep.empty());
        ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
        ASSERT_EQ(zt::send_str(client, "first"), 5);
        EXPECT_EQ(zt::recv_str(server), "first");
    }
    zt::socket server(ctx.ctx, ZLINK_DEALER);
    zt::set_timeouts(server);
    ASSERT_EQ(zlink_bind(server, ep.c_str()), 0) << ep;
    // The old connection may still be seen as alive for a moment: resend until through.
    ASSERT_TRUE(zt::wait_for([&] {
        zt::send_str(client, "again", ZLINK_DONTWAIT);
        return zt::recv_str(server, ZLINK_DONTWAIT) == "again";
    }));
}

TEST_P(reconnect, sub_resends_subscriptions)
{
    zt::socket sub(ctx.ctx, ZLINK_SUB);
    zt::set_timeouts(sub);
    sub.set_int(ZLINK_RECONNECT_IVL, 10);
    sub.set_str(ZLINK_SUBSCRIBE, "T");
    std::string ep;
    auto delivered = [&](zt::socket& pub) {
        return zt::wait_for([&] {
            zt::send_str(pub, "T-msg");
            return zt::recv_str(sub, ZLINK_DONTWAIT) == "T-msg";
        });
    };
    {
        zt::socket pub(ctx.ctx, ZLINK_PUB);
        ep = zt::bind_any(pub, GetParam(), dir, "resub");
        ASSERT_FALSE(ep.empty());
        ASSERT_EQ(zlink_connect(sub, ep.c_str()), 0);
        ASSERT_TRUE(delivered(pub));
    }
    zt::socket pub(ctx.ctx, ZLINK_PUB);
    ASSERT_EQ(zlink_bind(pub, ep.c_str()), 0);
    EXPECT_TRUE(delivered(pub));
}

INSTANTIATE_TEST_SUITE_P(streams, reconnect, ::testing::Values(transport::tcp, transport::ipc),
                         [](const auto& info) { return zt::transport_name(info.param); });
