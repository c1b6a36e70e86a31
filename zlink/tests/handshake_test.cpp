// The ZMP handshake over a stream transport: compatible socket types exchange messages,
// incompatible ones never connect (and the rejected side keeps retrying without harm).
#include "test_util.hpp"

#include <tuple>

namespace {

struct pairing {
    int bound;
    int connecting;
    bool compatible;
};

const pairing pairings[] = {
    {ZLINK_PAIR, ZLINK_PAIR, true},       {ZLINK_DEALER, ZLINK_DEALER, true},
    {ZLINK_DEALER, ZLINK_ROUTER, true},   {ZLINK_ROUTER, ZLINK_DEALER, true},
    {ZLINK_XPUB, ZLINK_XSUB, true},       {ZLINK_PUB, ZLINK_SUB, true},
    {ZLINK_XPUB, ZLINK_SUB, true},        {ZLINK_PUB, ZLINK_XSUB, true},
    {ZLINK_SUB, ZLINK_PUB, true},         {ZLINK_PAIR, ZLINK_DEALER, false},
    {ZLINK_DEALER, ZLINK_PUB, false},     {ZLINK_PUB, ZLINK_PUB, false},
    {ZLINK_SUB, ZLINK_DEALER, false},        {ZLINK_ROUTER, ZLINK_PAIR, false},
};

// A plain sender: can send without addressing anyone (not SUB/XSUB, not ROUTER).
bool plain_sender(int type) { return type != ZLINK_SUB && type != ZLINK_XSUB && type != ZLINK_ROUTER; }

} // namespace

class handshake : public ::testing::TestWithParam<pairing> {};

TEST_P(handshake, compatible_types_connect_and_others_do_not)
{
    const pairing p = GetParam();
    zt::context ctx;
    zt::socket a(ctx.ctx, p.bound), b(ctx.ctx, p.connecting);
    zt::set_timeouts(a, 300);
    zt::set_timeouts(b, 300);
    const std::string ep = zt::bind_any(a, zt::transport::tcp, zt::temp_dir{}, "hs");
    ASSERT_FALSE(ep.empty());
    ASSERT_EQ(zlink_connect(b, ep.c_str()), 0);
    const bool from_connecting = plain_sender(p.connecting);
    void* sender = from_connecting ? b.s : a.s;
    void* receiver = from_connecting ? a.s : b.s;
    const int receiver_type = from_connecting ? p.bound : p.connecting;
    ASSERT_TRUE(plain_sender(from_connecting ? p.connecting : p.bound));
    if (receiver_type == ZLINK_SUB)
        zlink_setsockopt(receiver, ZLINK_SUBSCRIBE, "", 0);
    if (receiver_type == ZLINK_XSUB)
        zt::send_str(receiver, std::string(1, '\1'));
    bool delivered = zt::wait_for([&] {
        zt::send_str(sender, "hello", ZLINK_DONTWAIT);
        std::string got = zt::recv_str(receiver, ZLINK_DONTWAIT);
        if (got.size() > 0 && got[0] != '<' && got != "hello")
            got = zt::recv_str(receiver, ZLINK_DONTWAIT); // a ROUTER's routing-id part
        return got == "hello";
    }, p.compatible ? 5000 : 300);
    EXPECT_EQ(delivered, p.compatible);
}

INSTANTIATE_TEST_SUITE_P(types, handshake, ::testing::ValuesIn(pairings), [](const auto& info) {
    return "bound" + std::to_string(info.param.bound) + "_connecting" +
           std::to_string(info.param.connecting);
});
