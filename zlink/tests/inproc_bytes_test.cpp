// An inproc pipe is bounded by bytes (limits::max_queued_inproc_bytes) as well as by its HWM,
// for every sender that waits at a full pipe: a sender that is never read stalls after far
// fewer large messages than the HWM allows, and everything it got through arrives, complete
// and in order. A PUB, which drops at a full pipe instead of waiting, is bounded by its HWM
// only, so the byte bound never costs a subscriber messages.
#include "transports/inproc.hpp"
#include "test_util.hpp"

#include <cstring>
#include <vector>

namespace {

constexpr std::size_t large = 1 << 20;
constexpr int hwm = 1000; // the pipe's HWM is SNDHWM + RCVHWM = 2000 messages
constexpr int by_bytes = static_cast<int>(zlink::limits::max_queued_inproc_bytes / large);

std::vector<char> body(int i)
{
    std::vector<char> b(large, static_cast<char>('a' + i % 26));
    std::memcpy(b.data(), &i, sizeof i);
    return b;
}

void expect_in_order(void* rx, int count)
{
    std::vector<char> got(large + 1);
    for (int i = 0; i < count; ++i) {
        const int n = zlink_recv(rx, got.data(), got.size(), 0);
        ASSERT_EQ(n, static_cast<int>(large)) << "message " << i;
        ASSERT_EQ(std::memcmp(got.data(), body(i).data(), large), 0) << "message " << i;
    }
}

} // namespace

TEST(inproc_bytes, a_waiting_sender_stalls_at_the_byte_bound_and_nothing_is_lost)
{
    static_assert(by_bytes + 1 < 2 * hwm, "the byte bound must bind before the HWM here");
    zt::context ctx;
    zt::socket rx(ctx.ctx, ZLINK_PAIR), tx(ctx.ctx, ZLINK_PAIR);
    rx.set_int(ZLINK_RCVHWM, hwm);
    tx.set_int(ZLINK_SNDHWM, hwm);
    zt::set_timeouts(rx);
    ASSERT_EQ(zlink_bind(rx, "inproc://inproc-bytes-pair"), 0);
    ASSERT_EQ(zlink_connect(tx, "inproc://inproc-bytes-pair"), 0);

    int sent = 0;
    while (sent < 2 * hwm) {
        const auto b = body(sent);
        if (zlink_send(tx, b.data(), b.size(), ZLINK_DONTWAIT) < 0) {
            ASSERT_EQ(zlink_errno(), EAGAIN);
            break;
        }
        ++sent;
    }
    // Full once the unread bytes reach the bound, so the last message accepted is the one
    // that reached it.
    EXPECT_EQ(sent, by_bytes);
    expect_in_order(rx, sent);

    // The reader's progress frees the pipe again: the sender can go on.
    const auto next = body(0);
    EXPECT_EQ(zlink_send(tx, next.data(), next.size(), ZLINK_DONTWAIT), static_cast<int>(large));
}

TEST(inproc_bytes, a_publisher_is_bounded_by_its_hwm_only)
{
    zt::context ctx;
    zt::socket pub(ctx.ctx, ZLINK_PUB), sub(ctx.ctx, ZLINK_SUB);
    pub.set_int(ZLINK_SNDHWM, hwm);
    sub.set_int(ZLINK_RCVHWM, hwm);
    zt::set_timeouts(sub);
    sub.set_str(ZLINK_SUBSCRIBE, "");
    ASSERT_EQ(zlink_bind(pub, "inproc://inproc-bytes-pub"), 0);
    ASSERT_EQ(zlink_connect(sub, "inproc://inproc-bytes-pub"), 0);
    ASSERT_TRUE(zt::wait_for([&] {
        zt::send_str(pub, "probe");
        return zt::recv_str(sub, ZLINK_DONTWAIT) == "probe";
    }));
    // Drop the probes still queued (at most one per probe sent, and wait_for is bounded).
    for (int i = 0; i < 100000 && zt::recv_str(sub, ZLINK_DONTWAIT) == "probe"; ++i) {
    }

    // More than the byte bound, well under the HWM: a PUB bounded by bytes would drop some.
    const int count = by_bytes + 16;
    for (int i = 0; i < count; ++i) {
        const auto b = body(i);
        ASSERT_EQ(zlink_send(pub, b.data(), b.size(), 0), static_cast<int>(large));
    }
    expect_in_order(sub, count);
}
