// tcp and ipc sockets of the raw backend (see the header).
#include "backends/raw/stream_sockets.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "backends/backend_types.hpp"

namespace zbench::raw {
namespace {

[[noreturn]] void fail(const std::string& what, int err) {
  throw BackendError(fmt::format("raw: {}: {}", what, std::strerror(err)), err);
}

sockaddr_in tcp_address(const std::string& endpoint) {
  const std::string rest = endpoint.substr(6);  // after "tcp://"
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) fail("no port in " + endpoint, EINVAL);
  const std::string host = rest.substr(0, colon), port = rest.substr(colon + 1);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  if (inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1)
    fail("not an IPv4 address in " + endpoint, EINVAL);
  if (port != "*") {
    char* end = nullptr;
    const long p = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end != '\0' || p < 0 || p > 65535) fail("bad port in " + endpoint, EINVAL);
    a.sin_port = htons(static_cast<std::uint16_t>(p));
  }
  return a;
}

sockaddr_un ipc_address(const std::string& endpoint) {
  const std::string path = endpoint.substr(6);  // after "ipc://"
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof a.sun_path)
    fail(fmt::format("ipc path empty or longer than {} bytes: {}", sizeof a.sun_path - 1, endpoint),
         EINVAL);
  std::memcpy(a.sun_path, path.c_str(), path.size() + 1);
  return a;
}

void check_scheme(const std::string& endpoint, StreamKind kind) {
  const char* scheme = kind == StreamKind::tcp ? "tcp://" : "ipc://";
  if (endpoint.rfind(scheme, 0) != 0) fail("unsupported endpoint " + endpoint, EPROTONOSUPPORT);
}

int new_socket(StreamKind kind) {
  const int fd = socket(kind == StreamKind::tcp ? AF_INET : AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket", errno);
  return fd;
}

}  // namespace

Listener listen_on(const std::string& endpoint, StreamKind kind) {
  check_scheme(endpoint, kind);
  Listener l;
  l.fd = new_socket(kind);
  int rc = 0;
  if (kind == StreamKind::tcp) {
    sockaddr_in a = tcp_address(endpoint);
    const int one = 1;
    setsockopt(l.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    rc = ::bind(l.fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    if (rc == 0) {
      socklen_t len = sizeof a;
      getsockname(l.fd, reinterpret_cast<sockaddr*>(&a), &len);
      char host[INET_ADDRSTRLEN] = {};
      inet_ntop(AF_INET, &a.sin_addr, host, sizeof host);
      l.endpoint = fmt::format("tcp://{}:{}", host, ntohs(a.sin_port));
    }
  } else {
    const sockaddr_un a = ipc_address(endpoint);
    rc = ::bind(l.fd, reinterpret_cast<const sockaddr*>(&a), sizeof a);
    l.endpoint = endpoint;
    l.ipc_path = a.sun_path;
  }
  if (rc != 0 || listen(l.fd, 16) != 0) {
    const int err = errno;
    close(l.fd);
    fail("bind " + endpoint, err);
  }
  return l;
}

int connect_to(const std::string& endpoint, StreamKind kind) {
  check_scheme(endpoint, kind);
  const int fd = new_socket(kind);
  int rc = 0;
  if (kind == StreamKind::tcp) {
    const sockaddr_in a = tcp_address(endpoint);
    rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a);
  } else {
    const sockaddr_un a = ipc_address(endpoint);
    rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a);
  }
  if (rc != 0) {
    const int err = errno;
    close(fd);
    fail("connect " + endpoint, err);
  }
  return fd;
}

bool wait_readable(int fd, long timeout_ms, const std::string& what) {
  pollfd p{fd, POLLIN, 0};
  int rc = 0;
  do {
    rc = poll(&p, 1, static_cast<int>(timeout_ms));
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) fail(what, errno);
  return rc > 0;
}

int accept_one(int listen_fd, long timeout_ms, const std::string& endpoint) {
  if (!wait_readable(listen_fd, timeout_ms, "poll on listener " + endpoint))
    fail("no connection to accept on " + endpoint, ETIMEDOUT);
  const int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) fail("accept on " + endpoint, errno);
  return fd;
}

void configure_stream(int fd, StreamKind kind, int rcvtimeo_ms, int sndtimeo_ms) {
  if (kind == StreamKind::tcp) {
    const int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0)
      fail("setsockopt(TCP_NODELAY)", errno);
  }
  const auto set_timeout = [&](int option, int ms, const char* name) {
    if (ms < 0) return;
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    if (setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv) != 0) fail(name, errno);
  };
  set_timeout(SO_RCVTIMEO, rcvtimeo_ms, "setsockopt(SO_RCVTIMEO)");
  set_timeout(SO_SNDTIMEO, sndtimeo_ms, "setsockopt(SO_SNDTIMEO)");
}

}  // namespace zbench::raw
