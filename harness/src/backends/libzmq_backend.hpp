// The libzmq backend: Debian's libzmq driven through cppzmq. Every function is a thin inline
// wrapper so the compiled hot loop is the same code a hand-written libzmq benchmark would have.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>

#include <fmt/format.h>
#include <zmq.hpp>

#include "backends/backend_types.hpp"

namespace zbench {

struct LibzmqBackend {
  using Context = zmq::context_t;
  using Socket = zmq::socket_t;
  using Message = zmq::message_t;

  static std::string library() {
    int major = 0, minor = 0, patch = 0;
    zmq_version(&major, &minor, &patch);
    return fmt::format("libzmq {}.{}.{}", major, minor, patch);
  }
  static std::string protocol() { return "ZMTP 3.1"; }
  // libzmq allocates with the process allocator (malloc/new), whatever that is at run time.
  static std::string internal_allocator() { return ""; }

  static Context make_context(int io_threads) {
    Context ctx;
    ctx.set(zmq::ctxopt::io_threads, io_threads);
    return ctx;
  }

  static Socket open(Context& ctx, SocketKind kind, const SocketSettings& s) {
    Socket sock(ctx, to_zmq(kind));
    sock.set(zmq::sockopt::sndhwm, s.hwm);
    sock.set(zmq::sockopt::rcvhwm, s.hwm);
    sock.set(zmq::sockopt::linger, s.linger_ms);
    sock.set(zmq::sockopt::rcvtimeo, s.rcvtimeo_ms);
    sock.set(zmq::sockopt::sndtimeo, s.sndtimeo_ms);
    if (!s.routing_id.empty()) sock.set(zmq::sockopt::routing_id, s.routing_id);
    if (s.router_mandatory) sock.set(zmq::sockopt::router_mandatory, 1);
    if (s.subscribe_all) sock.set(zmq::sockopt::subscribe, "");
    return sock;
  }

  static std::string bind(Socket& sock, const std::string& endpoint) {
    sock.bind(endpoint);
    return sock.get(zmq::sockopt::last_endpoint);
  }
  static void connect(Socket& sock, const std::string& endpoint) { sock.connect(endpoint); }
  static void close(Socket& sock) { sock.close(); }
  static void term(Context& ctx) { ctx.close(); }

  static Message message(std::size_t size) { return Message(size); }
  static Message message(const void* data, std::size_t size) { return Message(data, size); }
  static Message empty() { return Message(); }
  static unsigned char* data(Message& m) { return static_cast<unsigned char*>(m.data()); }
  static std::size_t size(const Message& m) { return m.size(); }

  static SendStatus send(Socket& sock, Message& m, bool more, bool dontwait = false,
                         SendFlush /*flush*/ = SendFlush::now) {
    const int flags = (more ? ZMQ_SNDMORE : 0) | (dontwait ? ZMQ_DONTWAIT : 0);
    if (zmq_msg_send(m.handle(), sock.handle(), flags) >= 0) return SendStatus::sent;
    return failed_send("zmq_msg_send");
  }

  // Receives one part into m; false when RCVTIMEO or DONTWAIT expired with nothing to read.
  static bool recv(Socket& sock, Message& m, bool dontwait = false) {
    if (zmq_msg_recv(m.handle(), sock.handle(), dontwait ? ZMQ_DONTWAIT : 0) >= 0) return true;
    if (zmq_errno() == EAGAIN) return false;
    throw BackendError(fmt::format("zmq_msg_recv: {}", zmq_strerror(zmq_errno())), zmq_errno());
  }
  static bool more(const Message& m) { return m.more(); }

  // True when sock has a message to read within timeout_ms (-1 = forever).
  static bool poll_in(Socket& sock, long timeout_ms) {
    zmq_pollitem_t item{sock.handle(), 0, ZMQ_POLLIN, 0};
    const int rc = zmq_poll(&item, 1, timeout_ms);
    if (rc < 0)
      throw BackendError(fmt::format("zmq_poll: {}", zmq_strerror(zmq_errno())), zmq_errno());
    return (item.revents & ZMQ_POLLIN) != 0;
  }

 private:
  static int to_zmq(SocketKind kind) {
    switch (kind) {
      case SocketKind::pair: return ZMQ_PAIR;
      case SocketKind::pub: return ZMQ_PUB;
      case SocketKind::sub: return ZMQ_SUB;
      case SocketKind::dealer: return ZMQ_DEALER;
      case SocketKind::router: return ZMQ_ROUTER;
    }
    return ZMQ_PAIR;
  }
  static SendStatus failed_send(const char* call) {
    const int err = zmq_errno();
    if (err == EAGAIN) return SendStatus::would_block;
    if (err == EHOSTUNREACH) return SendStatus::unreachable;
    throw BackendError(fmt::format("{}: {}", call, zmq_strerror(err)), err);
  }
};

}  // namespace zbench
