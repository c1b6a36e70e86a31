// A raw-backend socket: one point-to-point connection to one peer, over a kernel stream socket
// (tcp, ipc) with length-prefixed framing, or over a pair of SPSC rings (inproc). Socket kinds
// only decide which direction is allowed and how ROUTER routing-id frames are handled: a ROUTER
// checks the id frame it is given against its one peer and does not transmit it (libzmq and
// zlink exchange routing ids once at connect, not per message either), and hands the peer's id
// out as the first frame of every message it receives. No handshake, filtering or routing.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "backends/backend_types.hpp"
#include "backends/raw/raw_message.hpp"
#include "backends/raw/spsc_ring.hpp"
#include "backends/raw/stream_framing.hpp"

namespace zbench::raw {

class RawSocket;

// Endpoints bound in this process, so that connect can pair a socket with its peer (accepting
// the kernel connection at once, or sharing rings) without any exchange on the wire.
class RawContext {
 public:
  void add(const std::string& endpoint, RawSocket* socket);
  void remove(const std::string& endpoint);
  RawSocket* find(const std::string& endpoint) const;

 private:
  std::map<std::string, RawSocket*> bound_;
};

class RawSocket {
 public:
  RawSocket(RawContext& ctx, SocketKind kind, const SocketSettings& settings);
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  ~RawSocket();

  // tcp://IPv4:port (port * = ephemeral), ipc://path or inproc://name; returns the endpoint
  // actually bound. Throws BackendError (EPROTONOSUPPORT, EINVAL, EADDRINUSE, ...).
  std::string bind(const std::string& endpoint);
  // Connects to an endpoint bound by another socket of the same context; the bound socket
  // accepts at once. One peer per socket.
  void connect(const std::string& endpoint);

  // Sends one frame (see the header comment for ROUTER id frames). flush_now = false lets a
  // small frame wait in the batch buffer for the frames that follow at once.
  SendStatus send(RawMessage& m, bool more, bool dontwait, bool flush_now);
  // Receives one frame into m; false when nothing arrived within the receive timeout.
  bool recv(RawMessage& m, bool dontwait);
  // True when a message can be received within timeout_ms (-1 = forever).
  bool poll_in(long timeout_ms);

 private:
  bool connected() const { return fd_ >= 0 || tx_ != nullptr; }
  bool receive_frame(RawMessage& m, bool dontwait);
  void flush_before_blocking(bool dontwait);
  // The bound side's half of connect: pairs this socket with `client`.
  void accept_from(RawSocket& client, const std::string& endpoint);
  void set_stream(int fd, bool tcp);

  RawContext& ctx_;
  SocketKind kind_;
  SocketSettings settings_;
  std::string bound_;     // endpoint registered in ctx_, "" when none
  std::string ipc_path_;  // socket file to remove on close
  int listen_fd_ = -1;
  int fd_ = -1;
  FrameWriter writer_;
  FrameReader reader_;
  std::shared_ptr<SpscRing<RawMessage>> tx_, rx_;
  std::string peer_id_;     // the peer's routing id, as a ROUTER hands it out
  bool id_given_ = false;   // ROUTER send: the id frame of the current message was given
  bool drop_next_ = false;  // ROUTER send: unknown id without ROUTER_MANDATORY, drop the payload
  RawMessage held_;         // ROUTER receive: the payload behind the id frame handed out
  bool holding_ = false;
};

}  // namespace zbench::raw
