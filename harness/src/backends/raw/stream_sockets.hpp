// Kernel sockets for the raw backend's tcp and ipc transports: parse an endpoint, listen,
// connect, accept with a timeout. Every failure throws BackendError naming the endpoint.
#pragma once

#include <string>

namespace zbench::raw {

enum class StreamKind { tcp, ipc };

struct Listener {
  int fd = -1;
  std::string endpoint;  // as bound: tcp://127.0.0.1:<port>, ipc://<path>
  std::string ipc_path;  // the socket file of an ipc listener
};

// "tcp://IPv4:port|*" or "ipc://path" -> a listening socket. EPROTONOSUPPORT for another scheme,
// EINVAL for a malformed address.
Listener listen_on(const std::string& endpoint, StreamKind kind);

// A connected socket to the endpoint (blocking mode, close-on-exec).
int connect_to(const std::string& endpoint, StreamKind kind);

// Whether fd becomes readable within timeout_ms (-1 = forever); EINTR restarts the wait, any
// other poll failure throws BackendError naming `what`.
bool wait_readable(int fd, long timeout_ms, const std::string& what);

// Accepts one connection, waiting at most timeout_ms (-1 = forever).
int accept_one(int listen_fd, long timeout_ms, const std::string& endpoint);

// TCP_NODELAY (tcp), and the send/receive timeouts that bound every blocking call (-1 = none).
void configure_stream(int fd, StreamKind kind, int rcvtimeo_ms, int sndtimeo_ms);

}  // namespace zbench::raw
