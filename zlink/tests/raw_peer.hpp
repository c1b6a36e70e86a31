// raw_peer: a plain TCP (or Unix stream) client speaking (or mangling) ZMP v2 by hand, for the
// bad-input tests.
// Frames are built here from ZMP.md directly, independent of zlink's own codec.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace zt {

using bytes = std::vector<std::uint8_t>;

inline bytes frame(std::uint8_t flags, const bytes& body, std::uint8_t magic = 0x5A,
                   std::uint8_t version = 0x02)
{
    const auto n = static_cast<std::uint32_t>(body.size());
    bytes f(8 + body.size());
    const std::uint8_t head[8] = {magic, version, flags, 0, std::uint8_t(n >> 24),
                                  std::uint8_t(n >> 16), std::uint8_t(n >> 8), std::uint8_t(n)};
    std::copy(head, head + 8, f.begin());
    std::copy(body.begin(), body.end(), f.begin() + 8);
    return f;
}

inline bytes hello(std::uint8_t type, const std::string& id = "raw")
{
    bytes b{0x01, type, std::uint8_t(id.size())};
    b.insert(b.end(), id.begin(), id.end());
    return frame(0x02, b);
}

inline bytes ready() { return frame(0x02, {0x04}); }

// heartbeat(tag): a HEARTBEAT (ttl 0) whose one-byte ctx the HEARTBEAT_ACK echoes.
inline bytes heartbeat(std::uint8_t tag) { return frame(0x02, {0x02, 0x00, 0x00, 0x01, tag}); }

// subscription(topic, on): a SUBSCRIBE (or CANCEL) frame for topic.
inline bytes subscription(const std::string& topic, bool on = true)
{
    return frame(on ? 0x08 : 0x10, bytes(topic.begin(), topic.end()));
}

inline bytes cat(const bytes& a, const bytes& b)
{
    bytes out(a.size() + b.size());
    std::copy(a.begin(), a.end(), out.begin());
    std::copy(b.begin(), b.end(), out.begin() + static_cast<std::ptrdiff_t>(a.size()));
    return out;
}

// port_of("tcp://127.0.0.1:1234") == 1234
inline int port_of(const std::string& ep) { return std::stoi(ep.substr(ep.rfind(':') + 1)); }

struct raw_peer {
    int fd = -1;
    // adopt{fd}: wrap a connection accepted by the test itself (a raw server).
    struct adopt {
        int fd;
    };
    // unix_path{path}: connect to an ipc endpoint's socket file.
    struct unix_path {
        std::string path;
    };
    explicit raw_peer(adopt a) : fd(a.fd) {}
    explicit raw_peer(int port)
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connect_to(AF_INET, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    explicit raw_peer(const unix_path& u)
    {
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        if (u.path.size() >= sizeof a.sun_path)
            return; // fd stays -1
        u.path.copy(a.sun_path, u.path.size());
        connect_to(AF_UNIX, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    raw_peer(const raw_peer&) = delete;
    raw_peer& operator=(const raw_peer&) = delete;
    ~raw_peer()
    {
        if (fd >= 0)
            ::close(fd);
    }
    bool send(const bytes& b) { return ::send(fd, b.data(), b.size(), MSG_NOSIGNAL) == ssize_t(b.size()); }
    // read_until_closed(): every byte the peer sent before closing; `closed` says whether it
    // did close within the read timeout.
    bytes read_until_closed(bool& closed)
    {
        bytes all;
        std::uint8_t buf[4096];
        for (int i = 0; i < 1000; ++i) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n == 0 || (n < 0 && errno == ECONNRESET)) {
                closed = true;
                return all;
            }
            if (n < 0)
                break; // timeout
            all.insert(all.end(), buf, buf + n);
        }
        closed = false;
        return all;
    }

private:
    // connect_to: a blocking connect to a, with every later read bounded to 5 s; fd is -1 on
    // failure.
    void connect_to(int family, const sockaddr* a, socklen_t len)
    {
        fd = ::socket(family, SOCK_STREAM, 0);
        timeval tv{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        if (::connect(fd, a, len) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
};

// raw_listener: a plain TCP server on 127.0.0.1 (ephemeral port) for the tests where zlink is
// the connecting side; fd is -1 when it could not listen. accept() waits at most 5 s.
struct raw_listener {
    int fd = -1;
    std::string endpoint; // tcp://127.0.0.1:<port>, for zlink_connect

    raw_listener()
    {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            ::listen(fd, 4) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
            return;
        }
        timeval tv{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        endpoint = "tcp://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
    }
    raw_listener(const raw_listener&) = delete;
    raw_listener& operator=(const raw_listener&) = delete;
    ~raw_listener()
    {
        if (fd >= 0)
            ::close(fd);
    }
    // accept(): the next connection's fd, or -1 after the timeout.
    int accept() { return ::accept(fd, nullptr, nullptr); }
};

// A callback run between the bounded waits of the helpers below, for a test that must keep a
// zlink socket busy (a publisher applies subscriptions only when its application calls in).
using pump_fn = std::function<void()>;

// send_all(p, b, pump): sends all of b without blocking for ever; false after 10 s or an error.
inline bool send_all(raw_peer& p, const bytes& b, const pump_fn& pump = {})
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::size_t done = 0;
    while (done < b.size()) {
        const ssize_t n = ::send(p.fd, b.data() + done, b.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return false;
        if (std::chrono::steady_clock::now() >= end)
            return false;
        if (pump)
            pump();
        pollfd pf{p.fd, POLLOUT, 0};
        ::poll(&pf, 1, 10);
    }
    return true;
}

// frame_reader: the frames a zlink peer sends to a raw peer, one at a time, each wait bounded.
struct frame_reader {
    explicit frame_reader(raw_peer& peer) : p(peer) {}

    raw_peer& p;
    bytes buf;
    std::size_t pos = 0;
    bool closed = false; // the zlink side closed the connection

    // next(flags, body, pump, ms): the next complete frame; false once the connection closed
    // (with no frame left) or after ms.
    bool next(std::uint8_t& flags, bytes& body, const pump_fn& pump = {}, int ms = 5000)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        for (;;) {
            if (buf.size() - pos >= 8) {
                const std::uint32_t len = (std::uint32_t(buf[pos + 4]) << 24) |
                                          (std::uint32_t(buf[pos + 5]) << 16) |
                                          (std::uint32_t(buf[pos + 6]) << 8) | buf[pos + 7];
                if (buf.size() - pos - 8 >= len) {
                    flags = buf[pos + 2];
                    const auto b = buf.begin() + static_cast<std::ptrdiff_t>(pos + 8);
                    body.assign(b, b + len);
                    pos += 8 + len;
                    return true;
                }
            }
            if (closed || std::chrono::steady_clock::now() >= end)
                return false;
            if (pump)
                pump();
            pollfd pf{p.fd, POLLIN, 0};
            if (::poll(&pf, 1, 10) <= 0)
                continue;
            std::uint8_t tmp[65536];
            const ssize_t n = ::recv(p.fd, tmp, sizeof tmp, MSG_DONTWAIT);
            if (n > 0)
                buf.insert(buf.end(), tmp, tmp + n);
            else if (n == 0 || (errno != EAGAIN && errno != EINTR))
                closed = true;
        }
    }

    // wait_ack(tag): true once the HEARTBEAT_ACK for heartbeat(tag) arrived (other frames
    // are skipped): the zlink side has processed everything sent before that heartbeat.
    bool wait_ack(std::uint8_t tag, const pump_fn& pump = {}, int ms = 10000)
    {
        std::uint8_t flags = 0;
        bytes body;
        while (next(flags, body, pump, ms))
            if (flags == 0x02 && body == bytes{0x03, 0x01, tag})
                return true;
        return false;
    }

    // wait_data(text): true once a data frame with exactly this body arrived.
    bool wait_data(const std::string& text, const pump_fn& pump = {}, int ms = 5000)
    {
        std::uint8_t flags = 0;
        bytes body;
        while (next(flags, body, pump, ms))
            if ((flags & 0x02) == 0 && body == bytes(text.begin(), text.end()))
                return true;
        return false;
    }

    // error_then_close(): the code of the ERROR the zlink side sent before closing, -1 when it
    // sent none; `closed` tells whether it did close within ms.
    int error_then_close(const pump_fn& pump = {}, int ms = 5000)
    {
        int code = -1;
        std::uint8_t flags = 0;
        bytes body;
        while (next(flags, body, pump, ms))
            if (flags == 0x02 && body.size() >= 2 && body[0] == 0x05 && code < 0)
                code = body[1];
        return code;
    }
};

// error_code_in(stream): the code of the first ERROR control frame in stream, or -1.
inline int error_code_in(const bytes& s)
{
    for (std::size_t i = 0; i + 8 <= s.size();) {
        const std::uint32_t len = (std::uint32_t(s[i + 4]) << 24) | (std::uint32_t(s[i + 5]) << 16) |
                                  (std::uint32_t(s[i + 6]) << 8) | s[i + 7];
        if (s[i + 2] == 0x02 && len >= 2 && i + 8 + len <= s.size() && s[i + 8] == 0x05)
            return s[i + 9];
        i += 8 + len;
    }
    return -1;
}

} // namespace zt
