// Stream endpoints: ipc socket files (stale ones replaced, live ones refused, removed on
// unbind and close) and tcp addresses (taken ports refused, IPv6 loopback, LAST_ENDPOINT).
#include "test_util.hpp"

#include <fstream>
#include <sys/stat.h>
#include <sys/un.h>

namespace {

bool exists(const std::string& path)
{
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0;
}

// A socket file nobody listens on any more, as a crashed process leaves it.
void make_stale_socket_file(const std::string& path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ::close(fd);
}

} // namespace

TEST(ipc_endpoint, stale_socket_file_is_replaced)
{
    zt::temp_dir dir;
    const std::string path = dir.path + "/stale.sock";
    make_stale_socket_file(path);
    ASSERT_TRUE(exists(path));
    zt::context ctx;
    zt::socket s(ctx.ctx, ZLINK_PAIR);
    EXPECT_EQ(zlink_bind(s, ("ipc://" + path).c_str()), 0);
}

TEST(ipc_endpoint, live_endpoint_is_eaddrinuse_and_non_socket_is_kept)
{
    zt::temp_dir dir;
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    const std::string ep = "ipc://" + dir.path + "/live.sock";
    ASSERT_EQ(zlink_bind(a, ep.c_str()), 0);
    EXPECT_EQ(zlink_bind(b, ep.c_str()), -1);
    EXPECT_EQ(zlink_errno(), EADDRINUSE);
    const std::string file = dir.path + "/not-a-socket";
    std::ofstream(file) << "data";
    EXPECT_EQ(zlink_bind(b, ("ipc://" + file).c_str()), -1);
    EXPECT_EQ(zlink_errno(), EADDRINUSE);
    EXPECT_TRUE(exists(file));
}

TEST(ipc_endpoint, file_removed_on_unbind_and_close)
{
    zt::temp_dir dir;
    zt::context ctx;
    const std::string p1 = dir.path + "/one.sock", p2 = dir.path + "/two.sock";
    zt::socket s(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(s, ("ipc://" + p1).c_str()), 0);
    ASSERT_EQ(zlink_bind(s, ("ipc://" + p2).c_str()), 0);
    EXPECT_TRUE(exists(p1));
    ASSERT_EQ(zlink_unbind(s, ("ipc://" + p1).c_str()), 0);
    EXPECT_FALSE(exists(p1));
    s.close();
    EXPECT_FALSE(exists(p2));
}

TEST(tcp_endpoint, taken_port_is_eaddrinuse)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(a, "tcp://127.0.0.1:*"), 0);
    EXPECT_EQ(zlink_bind(b, a.last_endpoint().c_str()), -1);
    EXPECT_EQ(zlink_errno(), EADDRINUSE);
}

TEST(tcp_endpoint, ephemeral_ports_are_reported)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(a, "tcp://127.0.0.1:*"), 0);
    const std::string ep = a.last_endpoint();
    EXPECT_EQ(ep.rfind("tcp://127.0.0.1:", 0), 0u) << ep;
    EXPECT_GT(std::stoi(ep.substr(16)), 0);
    if (zt::ipv6_available()) {
        zt::socket b(ctx.ctx, ZLINK_PAIR);
        ASSERT_EQ(zlink_bind(b, "tcp://[::1]:*"), 0);
        EXPECT_EQ(b.last_endpoint().rfind("tcp://[::1]:", 0), 0u) << b.last_endpoint();
    }
    // Unbinding by the wildcard form works as well as by the resolved one.
    EXPECT_EQ(zlink_unbind(a, "tcp://127.0.0.1:*"), 0);
    zt::socket c(ctx.ctx, ZLINK_PAIR);
    EXPECT_EQ(zlink_bind(c, ep.c_str()), 0);
}

TEST(tcp_endpoint, malformed_hosts_are_einval)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR);
    EXPECT_EQ(zlink_bind(a, "tcp://:5555"), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_connect(a, "tcp://[::1:5555"), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_connect(a, "tcp://127.0.0.1:*"), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
}
