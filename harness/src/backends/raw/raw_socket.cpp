// Raw-backend sockets: endpoint registry, pairing at connect, ROUTER id frames, and the
// dispatch to the stream framing (tcp, ipc) or the rings (inproc).
#include "backends/raw/raw_socket.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "backends/raw/stream_sockets.hpp"

namespace zbench::raw {
namespace {

enum class Scheme { tcp, ipc, inproc };

Scheme scheme_of(const std::string& endpoint) {
  if (endpoint.rfind("tcp://", 0) == 0) return Scheme::tcp;
  if (endpoint.rfind("ipc://", 0) == 0) return Scheme::ipc;
  if (endpoint.rfind("inproc://", 0) == 0) return Scheme::inproc;
  throw BackendError(
      fmt::format("raw: unsupported endpoint {} (tcp://, ipc://, inproc://)", endpoint),
      EPROTONOSUPPORT);
}

StreamKind stream_kind(Scheme s) { return s == Scheme::tcp ? StreamKind::tcp : StreamKind::ipc; }

// libzmq's inproc pipe holds SNDHWM + RCVHWM messages; the ring holds as many.
std::size_t ring_capacity(const SocketSettings& a, const SocketSettings& b) {
  const auto hwm = [](int v) { return v > 0 ? static_cast<std::size_t>(v) : std::size_t{1000}; };
  return hwm(a.hwm) + hwm(b.hwm);
}

std::string id_or_default(const std::string& id) {
  return id.empty() ? std::string("raw-peer") : id;
}

}  // namespace

void RawContext::add(const std::string& endpoint, RawSocket* socket) {
  if (!bound_.emplace(endpoint, socket).second)
    throw BackendError(fmt::format("raw: {} is already bound", endpoint), EADDRINUSE);
}

void RawContext::remove(const std::string& endpoint) { bound_.erase(endpoint); }

RawSocket* RawContext::find(const std::string& endpoint) const {
  const auto it = bound_.find(endpoint);
  return it == bound_.end() ? nullptr : it->second;
}

RawSocket::RawSocket(RawContext& ctx, SocketKind kind, const SocketSettings& settings)
    : ctx_(ctx), kind_(kind), settings_(settings) {}

RawSocket::~RawSocket() {
  if (!bound_.empty()) ctx_.remove(bound_);
  if (listen_fd_ >= 0) close(listen_fd_);
  if (fd_ >= 0) close(fd_);
  if (!ipc_path_.empty()) unlink(ipc_path_.c_str());
}

std::string RawSocket::bind(const std::string& endpoint) {
  if (!bound_.empty() || connected())
    throw BackendError("raw: a socket binds or connects once (one peer per socket)", EINVAL);
  const Scheme scheme = scheme_of(endpoint);
  std::string actual = endpoint;
  if (scheme != Scheme::inproc) {
    Listener l = listen_on(endpoint, stream_kind(scheme));
    listen_fd_ = l.fd;
    ipc_path_ = l.ipc_path;
    actual = l.endpoint;
  }
  ctx_.add(actual, this);
  bound_ = actual;
  return actual;
}

void RawSocket::connect(const std::string& endpoint) {
  if (!bound_.empty() || connected())
    throw BackendError("raw: a socket binds or connects once (one peer per socket)", EINVAL);
  RawSocket* server = ctx_.find(endpoint);
  if (server == nullptr)
    throw BackendError(
        fmt::format("raw: nothing in this worker is bound to {} (raw pairs sockets in-process)",
                    endpoint),
        ECONNREFUSED);
  server->accept_from(*this, endpoint);
}

void RawSocket::accept_from(RawSocket& client, const std::string& endpoint) {
  const Scheme scheme = scheme_of(endpoint);
  if (scheme == Scheme::inproc) {
    const std::size_t capacity = ring_capacity(settings_, client.settings_);
    client.tx_ = rx_ = std::make_shared<SpscRing<RawMessage>>(capacity);
    client.rx_ = tx_ = std::make_shared<SpscRing<RawMessage>>(capacity);
  } else {
    // On loopback the kernel completes the connection inside connect(), so it can be accepted
    // right away on the same thread.
    client.set_stream(connect_to(endpoint, stream_kind(scheme)), scheme == Scheme::tcp);
    set_stream(accept_one(listen_fd_, settings_.rcvtimeo_ms, endpoint), scheme == Scheme::tcp);
    close(listen_fd_);
    listen_fd_ = -1;
  }
  peer_id_ = id_or_default(client.settings_.routing_id);
  client.peer_id_ = id_or_default(settings_.routing_id);
  ctx_.remove(bound_);  // one peer per socket: nobody else can connect
  bound_.clear();
}

void RawSocket::set_stream(int fd, bool tcp) {
  fd_ = fd;
  configure_stream(fd, tcp ? StreamKind::tcp : StreamKind::ipc, settings_.rcvtimeo_ms,
                   settings_.sndtimeo_ms);
}

SendStatus RawSocket::send(RawMessage& m, bool more, bool dontwait, bool flush_now) {
  if (kind_ == SocketKind::sub) throw BackendError("raw: a SUB socket cannot send", ENOTSUP);
  if (kind_ == SocketKind::router) {
    if (!id_given_) {
      // The routing-id frame: checked against the one peer, never transmitted.
      if (!more) throw BackendError("raw: a ROUTER message must start with a routing id", EINVAL);
      const bool known = connected() && m.size() == peer_id_.size() &&
                         std::memcmp(m.data(), peer_id_.data(), m.size()) == 0;
      if (!known && settings_.router_mandatory) return SendStatus::unreachable;
      id_given_ = true;
      drop_next_ = !known;
      return SendStatus::sent;
    }
    id_given_ = false;
    if (std::exchange(drop_next_, false)) return SendStatus::sent;
  }
  if (more)
    throw BackendError("raw: multi-part messages are not carried (only a ROUTER's id frame)",
                       EINVAL);
  if (!connected()) return SendStatus::would_block;  // like a socket with no peer yet
  if (tx_ != nullptr)
    return tx_->push(m, dontwait ? 0 : settings_.sndtimeo_ms) ? SendStatus::sent
                                                              : SendStatus::would_block;
  const SendStatus s = writer_.write(fd_, m.data(), m.size(), flush_now, dontwait);
  if (s == SendStatus::sent) m.resize(0);  // consumed, as a sent libzmq message is
  return s;
}

void RawSocket::flush_before_blocking(bool dontwait) {
  if (fd_ < 0 || writer_.queued() == 0) return;
  if (!writer_.flush(fd_, dontwait) && !dontwait)
    throw BackendError("raw: queued output could not be written for the stall timeout", ETIMEDOUT);
}

bool RawSocket::receive_frame(RawMessage& m, bool dontwait) {
  if (!connected()) return false;
  if (rx_ != nullptr) return rx_->pop(m, dontwait ? 0 : settings_.rcvtimeo_ms);
  flush_before_blocking(dontwait);
  return reader_.read(fd_, m, dontwait) == ReadStatus::frame;
}

bool RawSocket::recv(RawMessage& m, bool dontwait) {
  if (kind_ == SocketKind::pub) throw BackendError("raw: a PUB socket cannot receive", ENOTSUP);
  if (kind_ != SocketKind::router) {
    if (!receive_frame(m, dontwait)) return false;
    m.more = false;
    return true;
  }
  if (holding_) {
    m = std::move(held_);
    m.more = false;
    holding_ = false;
    return true;
  }
  if (!receive_frame(held_, dontwait)) return false;
  holding_ = true;
  m.assign(peer_id_.data(), peer_id_.size());
  m.more = true;
  return true;
}

bool RawSocket::poll_in(long timeout_ms) {
  if (kind_ == SocketKind::pub) return false;
  if (holding_) return true;
  if (rx_ != nullptr) return rx_->wait_readable(timeout_ms);
  if (fd_ < 0) return false;
  flush_before_blocking(false);
  if (reader_.buffered() > 0) return true;
  return wait_readable(fd_, timeout_ms, "poll");
}

}  // namespace zbench::raw
