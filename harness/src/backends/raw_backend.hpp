// The raw backend: what the transports themselves can do, as a ceiling for the libraries. Plain
// kernel sockets with 4-byte length-prefixed frames, batched writes and gather writes for large
// payloads (tcp on 127.0.0.1 with TCP_NODELAY, ipc as a Unix stream socket), and a lock-free
// SPSC ring between the two threads for inproc. No handshake, no routing, no filtering, no I/O
// thread: all I/O happens on the calling thread. Pieces live in backends/raw/.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "backends/backend_types.hpp"
#include "backends/raw/raw_message.hpp"
#include "backends/raw/raw_socket.hpp"

namespace zbench {

struct RawBackend {
  using Context = std::unique_ptr<raw::RawContext>;
  using Socket = std::unique_ptr<raw::RawSocket>;
  using Message = raw::RawMessage;

  static std::string library() { return "none (raw sockets)"; }
  static std::string protocol() { return "none (length-prefixed)"; }
  static std::string internal_allocator() { return ""; }

  // No I/O threads: io_threads has nothing to configure.
  static Context make_context(int /*io_threads*/) { return std::make_unique<raw::RawContext>(); }

  static Socket open(Context& ctx, SocketKind kind, const SocketSettings& s) {
    return std::make_unique<raw::RawSocket>(*ctx, kind, s);
  }
  static std::string bind(Socket& sock, const std::string& endpoint) {
    return sock->bind(endpoint);
  }
  static void connect(Socket& sock, const std::string& endpoint) { sock->connect(endpoint); }
  static void close(Socket& sock) { sock.reset(); }
  static void term(Context& ctx) { ctx.reset(); }

  static Message message(std::size_t size) { return Message(size); }
  static Message message(const void* data, std::size_t size) {
    Message m;
    m.assign(data, size);
    return m;
  }
  static Message empty() { return Message(); }
  static unsigned char* data(Message& m) { return m.data(); }
  static std::size_t size(const Message& m) { return m.size(); }

  static SendStatus send(Socket& sock, Message& m, bool more, bool dontwait = false,
                         SendFlush flush = SendFlush::now) {
    return sock->send(m, more, dontwait, flush == SendFlush::now);
  }
  static bool recv(Socket& sock, Message& m, bool dontwait = false) {
    return sock->recv(m, dontwait);
  }
  static bool more(const Message& m) { return m.more; }
  static bool poll_in(Socket& sock, long timeout_ms) { return sock->poll_in(timeout_ms); }
};

}  // namespace zbench
