// Blocking semantics: HWM blocks or fails with EAGAIN, timeouts expire, ctx_term unblocks
// blocked callers with ETERM, zlink_poll mixes sockets and plain fds.
#include "test_util.hpp"

#include <atomic>
#include <poll.h>
#include <unistd.h>

TEST(blocking, hwm_gives_eagain_with_dontwait)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    a.set_int(ZLINK_RCVHWM, 5);
    b.set_int(ZLINK_SNDHWM, 5);
    ASSERT_EQ(zlink_bind(a, "inproc://hwm"), 0);
    ASSERT_EQ(zlink_connect(b, "inproc://hwm"), 0);
    int sent = 0;
    while (sent < 1000 && zt::send_str(b, "x", ZLINK_DONTWAIT) == 1)
        ++sent;
    EXPECT_EQ(zlink_errno(), EAGAIN);
    EXPECT_EQ(sent, 10); // SNDHWM + RCVHWM, as the inproc queue stands for both
    EXPECT_EQ(zt::recv_str(a), "x");
}

TEST(blocking, sender_blocked_at_hwm_resumes_when_reader_drains)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    a.set_int(ZLINK_RCVHWM, 2);
    b.set_int(ZLINK_SNDHWM, 2);
    zt::set_timeouts(a);
    zt::set_timeouts(b);
    ASSERT_EQ(zlink_bind(a, "inproc://hwmb"), 0);
    ASSERT_EQ(zlink_connect(b, "inproc://hwmb"), 0);
    std::thread t([&] {
        for (int i = 0; i < 200; ++i)
            ASSERT_EQ(zt::send_str(b, std::to_string(i)), static_cast<int>(std::to_string(i).size()));
    });
    for (int i = 0; i < 200; ++i)
        ASSERT_EQ(zt::recv_str(a), std::to_string(i));
    t.join();
}

TEST(blocking, rcvtimeo_expires_with_eagain)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR);
    a.set_int(ZLINK_RCVTIMEO, 20);
    ASSERT_EQ(zlink_bind(a, "inproc://timeo"), 0);
    char buf[8];
    EXPECT_EQ(zlink_recv(a, buf, sizeof buf, 0), -1);
    EXPECT_EQ(zlink_errno(), EAGAIN);
}

TEST(blocking, dealer_without_peers_is_eagain_with_dontwait)
{
    zt::context ctx;
    zt::socket d(ctx.ctx, ZLINK_DEALER);
    EXPECT_EQ(zt::send_str(d, "x", ZLINK_DONTWAIT), -1);
    EXPECT_EQ(zlink_errno(), EAGAIN);
}

TEST(blocking, ctx_term_unblocks_recv_with_eterm)
{
    void* ctx = zlink_ctx_new();
    void* s = zlink_socket(ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(s, "inproc://term"), 0);
    std::atomic<int> err{0};
    std::thread t([&] {
        char buf[8];
        if (zlink_recv(s, buf, sizeof buf, 0) == -1)
            err = zlink_errno();
        zlink_close(s);
    });
    ASSERT_EQ(zlink_ctx_term(ctx), 0); // returns once the thread has closed its socket
    t.join();
    EXPECT_EQ(err.load(), ETERM);
}

TEST(blocking, ctx_term_unblocks_send_at_hwm_with_eterm)
{
    void* ctx = zlink_ctx_new();
    void* a = zlink_socket(ctx, ZLINK_PAIR);
    void* b = zlink_socket(ctx, ZLINK_PAIR);
    int hwm = 1, linger = 0;
    zlink_setsockopt(b, ZLINK_SNDHWM, &hwm, sizeof hwm);
    zlink_setsockopt(a, ZLINK_RCVHWM, &hwm, sizeof hwm);
    zlink_setsockopt(b, ZLINK_LINGER, &linger, sizeof linger);
    ASSERT_EQ(zlink_bind(a, "inproc://terms"), 0);
    ASSERT_EQ(zlink_connect(b, "inproc://terms"), 0);
    zlink_close(a);
    std::atomic<int> err{0};
    std::thread t([&] {
        for (int i = 0; i < 100; ++i) {
            if (zlink_send(b, "x", 1, 0) == -1) {
                err = zlink_errno();
                break;
            }
        }
        zlink_close(b);
    });
    ASSERT_EQ(zlink_ctx_term(ctx), 0);
    t.join();
    EXPECT_EQ(err.load(), ETERM);
}

TEST(blocking, poll_sockets_and_plain_fds)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(a, "inproc://poll"), 0);
    ASSERT_EQ(zlink_connect(b, "inproc://poll"), 0);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    zlink_pollitem_t items[] = {{a, 0, ZLINK_POLLIN, 0}, {nullptr, fds[0], ZLINK_POLLIN, 0}};
    EXPECT_EQ(zlink_poll(items, 2, 10), 0);
    zt::send_str(b, "hi");
    EXPECT_EQ(zlink_poll(items, 2, 5000), 1);
    EXPECT_EQ(items[0].revents, ZLINK_POLLIN);
    EXPECT_EQ(zt::recv_str(a), "hi");
    ASSERT_EQ(::write(fds[1], "x", 1), 1);
    EXPECT_EQ(zlink_poll(items, 2, 5000), 1);
    EXPECT_EQ(items[1].revents, ZLINK_POLLIN);
    zlink_pollitem_t out[] = {{b, 0, ZLINK_POLLOUT, 0}};
    EXPECT_EQ(zlink_poll(out, 1, 0), 1);
    ::close(fds[0]);
    ::close(fds[1]);
}

namespace {

// A PAIR bound to an inproc name (a) and a PAIR connected to it (b).
struct inproc_pair {
    zt::context ctx;
    zt::socket a{ctx.ctx, ZLINK_PAIR};
    zt::socket b{ctx.ctx, ZLINK_PAIR};
    bool join(const char* endpoint)
    {
        return zlink_bind(a, endpoint) == 0 && zlink_connect(b, endpoint) == 0;
    }
};

} // namespace

TEST(blocking, fd_and_events_report_readiness)
{
    inproc_pair p;
    ASSERT_TRUE(p.join("inproc://ev"));
    EXPECT_GE(zt::socket_fd(p.a), 0);
    const int ev = zt::events(p.a);
    ASSERT_GE(ev, 0);
    EXPECT_EQ(ev & ZLINK_POLLIN, 0);
    zt::send_str(p.b, "x");
    EXPECT_TRUE(zt::wait_for([&] {
        const int now = zt::events(p.a);
        return now > 0 && (now & ZLINK_POLLIN) != 0;
    }));
}

TEST(blocking, ctx_term_unblocks_poll_with_eterm)
{
    void* ctx = zlink_ctx_new();
    void* s = zlink_socket(ctx, ZLINK_DEALER);
    ASSERT_EQ(zlink_bind(s, "inproc://pollterm"), 0);
    std::atomic<int> err{0};
    std::thread t([&] {
        zlink_pollitem_t items[] = {{s, 0, ZLINK_POLLIN, 0}};
        if (zlink_poll(items, 1, -1) == -1)
            err = zlink_errno();
        zlink_close(s);
    });
    ASSERT_EQ(zlink_ctx_term(ctx), 0);
    t.join();
    EXPECT_EQ(err.load(), ETERM);
}

TEST(blocking, exposed_fd_turns_readable_when_a_message_arrives)
{
    // A blocking recv sleeps on a futex, not on the fd; once ZLINK_FD was handed out, a
    // wake must still reach the fd of a socket that nobody calls into.
    inproc_pair p;
    ASSERT_TRUE(p.join("inproc://exposed"));
    const int fd = zt::socket_fd(p.a);
    ASSERT_GE(fd, 0);
    const int ev = zt::events(p.a); // re-arms the fd
    ASSERT_GE(ev, 0);
    ASSERT_EQ(ev & ZLINK_POLLIN, 0);
    std::thread t([&] { zt::send_str(p.b, "x"); });
    pollfd pfd{fd, POLLIN, 0};
    EXPECT_EQ(::poll(&pfd, 1, 5000), 1);
    t.join();
    const int after = zt::events(p.a);
    ASSERT_GE(after, 0);
    EXPECT_NE(after & ZLINK_POLLIN, 0);
    EXPECT_EQ(zt::recv_str(p.a), "x");
}

TEST(blocking, round_trips_alternating_poll_and_blocking_recv)
{
    // One side waits before its receives in turn in zlink_poll on the socket alone (futex),
    // in zlink_poll on the socket and an idle plain fd (eventfd, poll(2)) and in a blocking
    // recv (futex); the echo side always blocks in recv. No wake-up may be lost when a
    // socket switches between the kinds of sleep.
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    zt::set_timeouts(a);
    zt::set_timeouts(b);
    ASSERT_EQ(zlink_bind(a, "inproc://alternate"), 0);
    ASSERT_EQ(zlink_connect(b, "inproc://alternate"), 0);
    int idle[2];
    ASSERT_EQ(::pipe(idle), 0);
    constexpr int rounds = 3000;
    std::thread echo([&] {
        for (int i = 0; i < rounds; ++i) {
            const std::string m = zt::recv_str(b);
            ASSERT_EQ(m, std::to_string(i));
            ASSERT_EQ(zt::send_str(b, m), static_cast<int>(m.size()));
        }
    });
    for (int i = 0; i < rounds; ++i) {
        const std::string m = std::to_string(i);
        ASSERT_EQ(zt::send_str(a, m), static_cast<int>(m.size()));
        if (i % 3 == 0) {
            zlink_pollitem_t items[] = {{a, 0, ZLINK_POLLIN, 0}};
            ASSERT_EQ(zlink_poll(items, 1, 5000), 1);
        } else if (i % 3 == 1) {
            zlink_pollitem_t items[] = {{a, 0, ZLINK_POLLIN, 0}, {nullptr, idle[0], ZLINK_POLLIN, 0}};
            ASSERT_EQ(zlink_poll(items, 2, 5000), 1);
            ASSERT_EQ(items[0].revents, ZLINK_POLLIN);
        }
        ASSERT_EQ(zt::recv_str(a), m);
    }
    echo.join();
    ::close(idle[0]);
    ::close(idle[1]);
}
