// Helpers shared by zlink's behaviour tests: RAII context/socket holders, string send/recv,
// endpoints per transport (127.0.0.1 ephemeral ports, private temp dirs) and bounded waits.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "zlink.h"

namespace zt {

struct context {
    void* ctx = zlink_ctx_new();
    context() = default;
    context(const context&) = delete;
    context& operator=(const context&) = delete;
    ~context()
    {
        if (ctx != nullptr)
            zlink_ctx_term(ctx);
    }
    void term()
    {
        zlink_ctx_term(ctx);
        ctx = nullptr;
    }
};

// socket: closes with LINGER 0 so a failing test never hangs in ctx_term.
struct socket {
    void* s = nullptr;
    socket(void* ctx, int type) : s(zlink_socket(ctx, type))
    {
        int linger = 0;
        if (s != nullptr)
            zlink_setsockopt(s, ZLINK_LINGER, &linger, sizeof linger);
    }
    socket(const socket&) = delete;
    socket& operator=(const socket&) = delete;
    ~socket() { close(); }
    void close()
    {
        if (s != nullptr)
            zlink_close(s);
        s = nullptr;
    }
    operator void*() const { return s; }
    void set_int(int option, int v) { ASSERT_EQ(zlink_setsockopt(s, option, &v, sizeof v), 0); }
    void set_str(int option, const std::string& v)
    {
        ASSERT_EQ(zlink_setsockopt(s, option, v.data(), v.size()), 0);
    }
    std::string last_endpoint()
    {
        char buf[256];
        size_t len = sizeof buf;
        EXPECT_EQ(zlink_getsockopt(s, ZLINK_LAST_ENDPOINT, buf, &len), 0);
        return std::string(buf);
    }
};

// A private directory for ipc endpoints, removed (with its contents) at destruction.
struct temp_dir {
    std::string path;
    temp_dir()
    {
        char tmpl[] = "/tmp/zlink-test-XXXXXX";
        const char* p = mkdtemp(tmpl);
        path = p != nullptr ? p : "";
    }
    ~temp_dir()
    {
        if (!path.empty())
            std::system(("rm -rf '" + path + "'").c_str());
    }
};

inline int send_str(void* s, const std::string& v, int flags = 0)
{
    return zlink_send(s, v.data(), v.size(), flags);
}

// recv_str(s): the next message part as a string; "<error N>" on failure.
inline std::string recv_str(void* s, int flags = 0)
{
    zlink_msg_t m;
    zlink_msg_init(&m);
    if (zlink_msg_recv(&m, s, flags) < 0) {
        const int err = zlink_errno();
        zlink_msg_close(&m);
        return "<error " + std::to_string(err) + ">";
    }
    std::string out(static_cast<const char*>(zlink_msg_data(&m)), zlink_msg_size(&m));
    zlink_msg_close(&m);
    return out;
}

inline bool rcvmore(void* s)
{
    int more = 0;
    size_t len = sizeof more;
    zlink_getsockopt(s, ZLINK_RCVMORE, &more, &len);
    return more != 0;
}

// events(s): ZLINK_EVENTS of s, or -1 when the option fails. Reading it also lets the socket
// process pending commands (a PUB applies subscriptions), which waits use as a pump.
inline int events(void* s)
{
    int ev = 0;
    size_t len = sizeof ev;
    return zlink_getsockopt(s, ZLINK_EVENTS, &ev, &len) == 0 ? ev : -1;
}

// socket_fd(s): ZLINK_FD of s, or -1 when the option fails.
inline int socket_fd(void* s)
{
    int fd = -1;
    size_t len = sizeof fd;
    return zlink_getsockopt(s, ZLINK_FD, &fd, &len) == 0 ? fd : -1;
}

// wait_for(pred, ms): polls pred until true or the time is up (no fixed sleeps elsewhere).
template <class Pred>
bool wait_for(Pred pred, int ms = 5000)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return pred();
}

// Transports every pattern test runs over.
enum class transport { inproc, tcp, ipc, tcp6 };

inline const char* transport_name(transport t)
{
    switch (t) {
    case transport::inproc: return "inproc";
    case transport::tcp: return "tcp";
    case transport::ipc: return "ipc";
    case transport::tcp6: return "tcp6";
    }
    return "?";
}

// bind_any(s, t, dir, name): binds s on a fresh endpoint of transport t; returns the
// endpoint peers should connect to ("" on failure).
inline std::string bind_any(void* s, transport t, const temp_dir& dir, const std::string& name)
{
    std::string ep;
    switch (t) {
    case transport::inproc: ep = "inproc://" + name; break;
    case transport::tcp: ep = "tcp://127.0.0.1:*"; break;
    case transport::tcp6: ep = "tcp://[::1]:*"; break;
    case transport::ipc: ep = "ipc://" + dir.path + "/" + name + ".sock"; break;
    }
    if (zlink_bind(s, ep.c_str()) != 0)
        return "";
    char buf[256];
    size_t len = sizeof buf;
    if (zlink_getsockopt(s, ZLINK_LAST_ENDPOINT, buf, &len) != 0)
        return "";
    return buf;
}

// ipv6_available(): ::1 can be bound here (containers often lack IPv6).
inline bool ipv6_available()
{
    const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

// Receive timeout so a broken test fails instead of hanging.
inline void set_timeouts(void* s, int ms = 5000)
{
    zlink_setsockopt(s, ZLINK_RCVTIMEO, &ms, sizeof ms);
    zlink_setsockopt(s, ZLINK_SNDTIMEO, &ms, sizeof ms);
}

} // namespace zt
