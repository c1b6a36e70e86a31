// The bytes a stream connection queues for a socket that does not read are bounded
// (limits::max_queued_inbound_bytes), not only their count (RCVHWM): a sender that is never
// read stalls after far fewer large messages than RCVHWM, and everything it got through
// still arrives, complete and in order.
#include "engine/inbound_limits.hpp"
#include "test_util.hpp"

#include <cstring>
#include <vector>

using zt::transport;

namespace {

constexpr std::size_t large = 1 << 20;
constexpr int rcvhwm = 1000;

std::vector<char> body(int i)
{
    std::vector<char> b(large, static_cast<char>('a' + i % 26));
    std::memcpy(b.data(), &i, sizeof i);
    return b;
}

} // namespace

class inbound_bytes : public ::testing::TestWithParam<transport> {
protected:
    zt::context ctx;
    zt::temp_dir dir;
};

TEST_P(inbound_bytes, an_unread_socket_holds_a_bounded_number_of_bytes)
{
    zt::socket rx(ctx.ctx, ZLINK_PAIR), tx(ctx.ctx, ZLINK_PAIR);
    const int hwm = rcvhwm, one = 1, wait_ms = 1000;
    ASSERT_EQ(zlink_setsockopt(rx, ZLINK_RCVHWM, &hwm, sizeof hwm), 0);
    ASSERT_EQ(zlink_setsockopt(tx, ZLINK_SNDHWM, &one, sizeof one), 0);
    // A send that waits this long for room ends the filling phase (the bound does not
    // depend on it: a bounded queue stays bounded however long we wait).
    ASSERT_EQ(zlink_setsockopt(tx, ZLINK_SNDTIMEO, &wait_ms, sizeof wait_ms), 0);
    zt::set_timeouts(rx);
    const std::string ep = zt::bind_any(rx, GetParam(), dir, "inbound");
    ASSERT_EQ(zlink_connect(tx, ep.c_str()), 0);

    // Bound: the receiving connection's queue (the byte limit plus one message), the
    // sender's pipe (1) and encoder (its segment table: at most 32 large bodies), and the
    // two kernel socket buffers (a few MiB each on loopback). Without the byte limit the
    // receiver alone would take RCVHWM = 1000 of these 1 MiB messages.
    const int bound = static_cast<int>(zlink::limits::max_queued_inbound_bytes / large) + 1 + 1 +
                      32 + 64;
    ASSERT_LT(bound, rcvhwm / 2);
    int sent = 0;
    while (sent < rcvhwm) {
        const auto b = body(sent);
        if (zlink_send(tx, b.data(), b.size(), 0) < 0) {
            ASSERT_EQ(zlink_errno(), EAGAIN);
            break;
        }
        ++sent;
    }
    EXPECT_LE(sent, bound);
    ASSERT_GT(sent, 0);

    std::vector<char> got(large + 1);
    for (int i = 0; i < sent; ++i) {
        const int n = zlink_recv(rx, got.data(), got.size(), 0);
        ASSERT_EQ(n, static_cast<int>(large)) << "message " << i;
        ASSERT_EQ(std::memcmp(got.data(), body(i).data(), large), 0) << "message " << i;
    }
}

INSTANTIATE_TEST_SUITE_P(stream, inbound_bytes, ::testing::Values(transport::tcp, transport::ipc),
                         [](const auto& info) { return zt::transport_name(info.param); });
