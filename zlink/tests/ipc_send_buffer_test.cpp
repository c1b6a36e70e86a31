// ipc send buffer: with ZLINK_SNDBUF unset, an ipc connection that sends a frame larger than
// its kernel send buffer grows the buffer first, so the whole frame is in flight at once
// (stream_engine::grow_sndbuf). Observed from a raw peer that does not read: the bytes queued
// on its end reach the whole frame, which the OS default buffer could not hold. The frame then
// arrives intact.
#include <sys/ioctl.h>

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

// Bytes queued unread on fd.
std::size_t queued(int fd)
{
    int n = 0;
    return ::ioctl(fd, FIONREAD, &n) == 0 && n > 0 ? static_cast<std::size_t>(n) : 0;
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
    zt::raw_peer peer(zt::raw_peer::unix_path{ep.substr(std::string("ipc://").size())});
    ASSERT_GE(peer.fd, 0);
    ASSERT_TRUE(peer.send(zt::cat(zt::hello(0x00), zt::ready())));

    // zlink's own HELLO and READY come first.
    zt::frame_reader in(peer);
    std::uint8_t flags = 0;
    bytes got;
    ASSERT_TRUE(in.next(flags, got));
    ASSERT_EQ(flags, 0x02); // CONTROL: the HELLO
    ASSERT_TRUE(in.next(flags, got));
    ASSERT_EQ(zt::frame(flags, got), zt::ready());

    bytes body(body_size);
    for (std::size_t i = 0; i < body.size(); ++i)
        body[i] = static_cast<std::uint8_t>(i * 7 + i / 251);
    ASSERT_EQ(zlink_send(pair, body.data(), body.size(), 0), static_cast<int>(body.size()));

    // Nothing reads the raw end: without the grown buffer zlink's write stops near the
    // default buffer's size and waits.
    zt::wait_for([&] { return queued(peer.fd) >= frame; });
    EXPECT_EQ(queued(peer.fd), frame);

    ASSERT_TRUE(in.next(flags, got));
    EXPECT_EQ(zt::frame(flags, got), zt::frame(0x00, body));
}

} // namespace
