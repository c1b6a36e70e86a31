// The zlink backend: zlink's C API (zlink.h) behind the same static interface as the libzmq
// backend, with small RAII wrappers so the shared pattern code can treat both alike.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <zlink.h>

#include "backends/backend_types.hpp"

namespace zbench {

struct ZlinkBackend {
  // Owns a zlink handle; closed with Close when the wrapper dies.
  template <int (*Close)(void*)>
  class Handle {
   public:
    explicit Handle(void* h = nullptr) : h_(h) {}
    Handle(Handle&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
    Handle& operator=(Handle&& o) noexcept {
      std::swap(h_, o.h_);
      return *this;
    }
    ~Handle() { reset(); }
    void reset() {
      if (h_ != nullptr) Close(std::exchange(h_, nullptr));
    }
    void* get() const { return h_; }

   private:
    void* h_;
  };
  using Context = Handle<zlink_ctx_term>;
  using Socket = Handle<zlink_close>;

  class Message {
   public:
    Message() { zlink_msg_init(&m_); }
    explicit Message(std::size_t size) {
      if (zlink_msg_init_size(&m_, size) != 0) fail("zlink_msg_init_size");
    }
    Message(Message&& o) noexcept {
      zlink_msg_init(&m_);
      zlink_msg_move(&m_, &o.m_);
    }
    Message& operator=(Message&& o) noexcept {
      zlink_msg_move(&m_, &o.m_);
      return *this;
    }
    ~Message() { zlink_msg_close(&m_); }
    zlink_msg_t* get() { return &m_; }
    const zlink_msg_t* get() const { return &m_; }

   private:
    zlink_msg_t m_;
  };

  static std::string library() {
    int major = 0, minor = 0, patch = 0;
    zlink_version(&major, &minor, &patch);
    return fmt::format("zlink {}.{}.{}", major, minor, patch);
  }
  static std::string protocol() { return "ZMP v2"; }
  // zlink routes its message hot path through its own build-time allocator.
  static std::string internal_allocator() { return zlink_allocator_name(); }

  static Context make_context(int io_threads) {
    Context ctx(zlink_ctx_new());
    if (ctx.get() == nullptr) fail("zlink_ctx_new");
    if (zlink_ctx_set(ctx.get(), ZLINK_IO_THREADS, io_threads) != 0)
      fail("zlink_ctx_set(IO_THREADS)");
    return ctx;
  }

  static Socket open(Context& ctx, SocketKind kind, const SocketSettings& s) {
    Socket sock(zlink_socket(ctx.get(), to_zlink(kind)));
    if (sock.get() == nullptr) fail("zlink_socket");
    set_int(sock, ZLINK_SNDHWM, s.hwm);
    set_int(sock, ZLINK_RCVHWM, s.hwm);
    set_int(sock, ZLINK_LINGER, s.linger_ms);
    set_int(sock, ZLINK_RCVTIMEO, s.rcvtimeo_ms);
    set_int(sock, ZLINK_SNDTIMEO, s.sndtimeo_ms);
    if (!s.routing_id.empty() && zlink_setsockopt(sock.get(), ZLINK_ROUTING_ID, s.routing_id.data(),
                                                  s.routing_id.size()) != 0)
      fail("zlink_setsockopt(ROUTING_ID)");
    if (s.router_mandatory) set_int(sock, ZLINK_ROUTER_MANDATORY, 1);
    if (s.subscribe_all && zlink_setsockopt(sock.get(), ZLINK_SUBSCRIBE, "", 0) != 0)
      fail("zlink_setsockopt(SUBSCRIBE)");
    return sock;
  }

  static std::string bind(Socket& sock, const std::string& endpoint) {
    if (zlink_bind(sock.get(), endpoint.c_str()) != 0) fail("zlink_bind " + endpoint);
    char buf[1024];
    std::size_t len = sizeof buf;
    if (zlink_getsockopt(sock.get(), ZLINK_LAST_ENDPOINT, buf, &len) != 0)
      fail("zlink_getsockopt(LAST_ENDPOINT)");
    return std::string(buf, len > 0 && buf[len - 1] == '\0' ? len - 1 : len);
  }
  static void connect(Socket& sock, const std::string& endpoint) {
    if (zlink_connect(sock.get(), endpoint.c_str()) != 0) fail("zlink_connect " + endpoint);
  }
  static void close(Socket& sock) { sock.reset(); }
  static void term(Context& ctx) { ctx.reset(); }

  static Message message(std::size_t size) { return Message(size); }
  static Message message(const void* data, std::size_t size) {
    Message m(size);
    std::memcpy(zlink_msg_data(m.get()), data, size);
    return m;
  }
  static Message empty() { return Message(); }
  static unsigned char* data(Message& m) {
    return static_cast<unsigned char*>(zlink_msg_data(m.get()));
  }
  static std::size_t size(const Message& m) { return zlink_msg_size(m.get()); }

  static SendStatus send(Socket& sock, Message& m, bool more, bool dontwait = false,
                         SendFlush /*flush*/ = SendFlush::now) {
    const int flags = (more ? ZLINK_SNDMORE : 0) | (dontwait ? ZLINK_DONTWAIT : 0);
    if (zlink_msg_send(m.get(), sock.get(), flags) >= 0) return SendStatus::sent;
    const int err = zlink_errno();
    if (err == EAGAIN) return SendStatus::would_block;
    if (err == EHOSTUNREACH) return SendStatus::unreachable;
    fail("zlink_msg_send");
  }

  static bool recv(Socket& sock, Message& m, bool dontwait = false) {
    if (zlink_msg_recv(m.get(), sock.get(), dontwait ? ZLINK_DONTWAIT : 0) >= 0) return true;
    if (zlink_errno() == EAGAIN) return false;
    fail("zlink_msg_recv");
  }
  static bool more(const Message& m) { return zlink_msg_more(m.get()) != 0; }

  static bool poll_in(Socket& sock, long timeout_ms) {
    zlink_pollitem_t item{sock.get(), 0, ZLINK_POLLIN, 0};
    if (zlink_poll(&item, 1, timeout_ms) < 0) fail("zlink_poll");
    return (item.revents & ZLINK_POLLIN) != 0;
  }

 private:
  [[noreturn]] static void fail(const std::string& call) {
    const int err = zlink_errno();
    throw BackendError(fmt::format("{}: {}", call, zlink_strerror(err)), err);
  }
  static void set_int(Socket& sock, int option, int value) {
    if (zlink_setsockopt(sock.get(), option, &value, sizeof value) != 0)
      fail(fmt::format("zlink_setsockopt({})", option));
  }
  static int to_zlink(SocketKind kind) {
    switch (kind) {
      case SocketKind::pair: return ZLINK_PAIR;
      case SocketKind::pub: return ZLINK_PUB;
      case SocketKind::sub: return ZLINK_SUB;
      case SocketKind::dealer: return ZLINK_DEALER;
      case SocketKind::router: return ZLINK_ROUTER;
    }
    return ZLINK_PAIR;
  }
};

}  // namespace zbench
