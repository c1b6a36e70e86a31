// raw_peer: a plain TCP client speaking (or mangling) ZMP v2 by hand, for the bad-input tests.
// Frames are built here from ZMP.md directly, independent of zlink's own codec.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
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
    explicit raw_peer(int port)
    {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        timeval tv{5, 0}; // every read is bounded
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            ::close(fd);
            fd = -1;
        }
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
