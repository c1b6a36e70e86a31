// ipc send buffer: with ZLINK_SNDBUF unset, an ipc connection that sends a frame larger than
// its kernel send buffer grows the buffer first, so the whole frame is in flight at once
// (stream_engine::grow_sndbuf). Observed from a raw peer that does not read: the bytes queued
// on its end reach the whole frame, which the OS default buffer could not hold. The frame then
// arrives intact.
#include <sys/ioctl.h>
#include <sys/un.h>

#include <fstream>

#include "raw_peer.hpp"
#include "test_util.hpp"

namespace {

using zt::bytes;

constexpr std::size_t body_size = 300000;

// The OS default send buffer of a new socket (net.core.wmem_default), 0 when unreadable.
std::size_t default_sndbuf()
{
    std::ifstream f("/proc/sys/net/core/wmem_default");
    std::size_t v = 0;
    f >> v;
    return v;
}

// A unix stream connection to path with a 5 s read timeout; -1 on failure.
int connect_unix(const std::string& path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    if (fd < 0 || path.size() >= sizeof a.sun_path)
        return -1;
    path.copy(a.sun_path, path.size());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

// Bytes queued unread on fd.
std::size_t queued(int fd)
{
    int n = 0;
    return ::ioctl(fd, FIONREAD, &n) == 0 && n > 0 ? static_cast<std::size_t>(n) : 0;
}

// read_exactly(fd, n): n bytes, or fewer when the peer stalls past the read timeout.
bytes read_exactly(int fd, std::size_t n)
{
    bytes out(n);
    std::size_t have = 0;
    for (int i = 0; i < 100000 && have < n; ++i) {
        const ssize_t k = ::recv(fd, out.data() + have, n - have, 0);
        if (k <= 0)
            break;
        have += static_cast<std::size_t>(k);
    }
    out.resize(have);
    return out;
}

// read_frame(fd): one whole ZMP frame (header and body); short when the peer stalls.
bytes read_frame(int fd)
{
    bytes head = read_exactly(fd, 8);
    if (head.size() < 8)
        return head;
    const std::size_t n = std::size_t(head[4]) << 24 | std::size_t(head[5]) << 16 |
                          std::size_t(head[6]) << 8 | std::size_t(head[7]);
    const bytes body = read_exactly(fd, n);
    head.insert(head.end(), body.begin(), body.end());
    return head;
}

TEST(ipc_send_buffer, a_frame_larger_than_the_default_buffer_is_in_flight_whole)
{
    const std::size_t frame = 8 + body_size;
    if (default_sndbuf() >= 2 * frame)
        GTEST_SKIP() << "the OS default send buffer already holds the frame";

    zt::temp_dir dir;
    zt::context c;
    zt::socket pair(c.ctx, ZLINK_PAIR);
    pair.set_int(ZLINK_SNDTIMEO, 5000);
    const std::string ep = zt::bind_any(pair, zt::transport::ipc, dir, "sndbuf");
    ASSERT_FALSE(ep.empty());
    zt::raw_peer peer(zt::raw_peer::adopt{connect_unix(ep.substr(std::string("ipc://").size()))});
    ASSERT_GE(peer.fd, 0);
    ASSERT_TRUE(peer.send(zt::cat(zt::hello(0x00), zt::ready())));

    // zlink's own HELLO and READY come first.
    ASSERT_EQ(read_frame(peer.fd).at(2), 0x02); // CONTROL
    ASSERT_EQ(read_frame(peer.fd), zt::ready());

    bytes body(body_size);
    for (std::size_t i = 0; i < body.size(); ++i)
        body[i] = static_cast<std::uint8_t>(i * 7 + i / 251);
    ASSERT_EQ(zlink_send(pair, body.data(), body.size(), 0), static_cast<int>(body.size()));

    // Nothing reads the raw end: without the grown buffer zlink's write stops near the
    // default buffer's size and waits.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (queued(peer.fd) < frame && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(queued(peer.fd), frame);

    const bytes got = read_exactly(peer.fd, frame);
    ASSERT_EQ(got.size(), frame);
    EXPECT_EQ(got, zt::frame(0x00, body));
}

} // namespace
