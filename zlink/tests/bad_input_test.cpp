// A hostile or broken peer costs only its own connection: the server closes it (sending
// ERROR where ZMP.md asks for one) and keeps serving a well-behaved peer.
#include "raw_peer.hpp"
#include "test_util.hpp"

class bad_input : public ::testing::Test {
protected:
    zt::context ctx;
    zt::socket server{ctx.ctx, ZLINK_DEALER};
    zt::socket good{ctx.ctx, ZLINK_DEALER};
    int port = 0;

    void SetUp() override
    {
        zt::set_timeouts(server);
        zt::set_timeouts(good);
        std::int64_t max = 1000;
        ASSERT_EQ(zlink_setsockopt(server, ZLINK_MAXMSGSIZE, &max, sizeof max), 0);
        server.set_int(ZLINK_HANDSHAKE_IVL, 200);
        const std::string ep = zt::bind_any(server, zt::transport::tcp, zt::temp_dir{}, "bad");
        ASSERT_FALSE(ep.empty());
        port = zt::port_of(ep);
        ASSERT_EQ(zlink_connect(good, ep.c_str()), 0);
        expect_good_peer_served();
    }

    void expect_good_peer_served()
    {
        ASSERT_EQ(zt::send_str(good, "ping"), 4);
        // Frames a hostile peer got through before being cut off may be queued first.
        std::string got;
        for (int i = 0; i < 1000 && got != "ping" && got.rfind("<error", 0) != 0; ++i)
            got = zt::recv_str(server);
        EXPECT_EQ(got, "ping");
        // The server round-robins its peers; a hostile one may not be reaped yet.
        EXPECT_TRUE(zt::wait_for([&] {
            zt::send_str(server, "pong", ZLINK_DONTWAIT);
            return zt::recv_str(good, ZLINK_DONTWAIT) == "pong";
        }));
    }

    // rejected(bytes, code): the server closes a connection that sent bytes, with ERROR code
    // (or no ERROR requirement when code < 0), and still serves the good peer.
    void expect_rejected(const zt::bytes& b, int code)
    {
        zt::raw_peer raw(port);
        ASSERT_GE(raw.fd, 0);
        ASSERT_TRUE(raw.send(b));
        bool closed = false;
        const zt::bytes got = raw.read_until_closed(closed);
        EXPECT_TRUE(closed);
        if (code >= 0) {
            EXPECT_EQ(zt::error_code_in(got), code);
        }
        expect_good_peer_served();
    }
};

TEST_F(bad_input, bad_magic)
{
    expect_rejected(zt::frame(0x02, {0x01, 5, 0}, 0x00), 0x01);
}

TEST_F(bad_input, wrong_version)
{
    expect_rejected(zt::frame(0x02, {0x01, 5, 0}, 0x5A, 0x03), 0x02);
}

TEST_F(bad_input, illegal_flags)
{
    expect_rejected(zt::cat(zt::cat(zt::hello(5), zt::ready()), zt::frame(0x03, {'x'})), 0x03);
}

TEST_F(bad_input, length_above_maxmsgsize)
{
    // Only the header is sent: the length alone must be enough to reject the frame.
    zt::bytes b = zt::cat(zt::hello(5), zt::ready());
    b = zt::cat(b, {0x5A, 0x02, 0x00, 0x00, 0x00, 0x0F, 0x42, 0x40});
    expect_rejected(b, 0x04);
}

TEST_F(bad_input, random_garbage)
{
    zt::bytes junk(4096);
    std::uint32_t x = 12345;
    for (auto& c : junk) {
        x = x * 1103515245u + 12345u;
        c = static_cast<std::uint8_t>(x >> 16);
    }
    junk[0] = 0x7F; // not the magic byte
    expect_rejected(junk, -1);
}

TEST_F(bad_input, incompatible_hello)
{
    expect_rejected(zt::cat(zt::hello(1 /* PUB */), zt::ready()), 0x05);
}

TEST_F(bad_input, data_before_ready)
{
    expect_rejected(zt::cat(zt::hello(5), zt::frame(0x00, {'x'})), -1);
}

TEST_F(bad_input, no_hello_times_out)
{
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    bool closed = false;
    const zt::bytes got = raw.read_until_closed(closed);
    EXPECT_TRUE(closed);
    EXPECT_EQ(zt::error_code_in(got), 0x06);
    expect_good_peer_served();
}

TEST_F(bad_input, half_a_frame_then_close)
{
    {
        zt::raw_peer raw(port);
        ASSERT_GE(raw.fd, 0);
        zt::bytes b = zt::cat(zt::hello(5), zt::ready());
        b = zt::cat(b, {0x5A, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 'a', 'b'});
        ASSERT_TRUE(raw.send(b));
    }
    expect_good_peer_served();
}

TEST_F(bad_input, valid_raw_peer_is_served)
{
    // The positive control: hand-built frames are understood.
    zt::raw_peer raw(port);
    ASSERT_GE(raw.fd, 0);
    ASSERT_TRUE(raw.send(zt::cat(zt::cat(zt::hello(5), zt::ready()), zt::frame(0x00, {'h', 'i'}))));
    // The server round-robins: read until the raw peer's message shows up.
    EXPECT_EQ(zt::recv_str(server), "hi");
}

// A connecting socket whose server talks garbage drops that connection and reconnects.
TEST(bad_input_connect, garbage_from_server_then_reconnect)
{
    zt::raw_listener listener;
    ASSERT_GE(listener.fd, 0);
    timeval tv{5, 0}; // reads from an accepted connection are bounded too

    zt::context ctx;
    zt::socket client(ctx.ctx, ZLINK_DEALER);
    client.set_int(ZLINK_RECONNECT_IVL, 10);
    const std::string ep = listener.endpoint;
    ASSERT_EQ(zlink_connect(client, ep.c_str()), 0);
    for (int round = 0; round < 2; ++round) {
        const int c = listener.accept();
        ASSERT_GE(c, 0) << "round " << round;
        ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        const char junk[] = "GET / HTTP/1.0\r\n\r\n";
        ASSERT_EQ(::send(c, junk, sizeof junk, MSG_NOSIGNAL), ssize_t(sizeof junk));
        char buf[512];
        ssize_t n;
        int reads = 0;
        while ((n = ::recv(c, buf, sizeof buf, 0)) > 0 && ++reads < 100) {
        }
        EXPECT_EQ(n, 0) << "the client closes the connection";
        ::close(c);
    }
}

TEST_F(bad_input, random_frames_after_a_valid_handshake)
{
    // Many seeds of random bytes, some with a plausible header in front: whatever the
    // server makes of them, it must survive and keep serving the good peer.
    std::uint32_t x = 2166136261u;
    auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    };
    for (int seed = 0; seed < 40; ++seed) {
        zt::raw_peer raw(port);
        ASSERT_GE(raw.fd, 0);
        zt::bytes junk(64 + next() % 2048);
        for (auto& c : junk)
            c = static_cast<std::uint8_t>(next());
        if (seed % 2 == 0) { // a valid header in front of junk
            const std::uint8_t flags[] = {0x00, 0x01, 0x04, 0x05, 0x02, 0x08, 0x10};
            junk[0] = 0x5A;
            junk[1] = 0x02;
            junk[2] = flags[next() % 7];
            junk[3] = 0;
        }
        raw.send(zt::cat(zt::cat(zt::hello(ZLINK_DEALER), zt::ready()), junk));
    }
    expect_good_peer_served();
}
