// Socket topologies of the six benchmark patterns, written once for any backend. A topology has
// two ports: side A (throughput sender, latency pinger) and side B (receiver, echo). Each port
// knows how to send to and receive from the other side, including ROUTER routing-id frames and
// the poll-before-receive of ROUTER_ROUTER_POLL. PUBSUB uses a second PUB/SUB pair for B -> A.
#pragma once

#include <chrono>
#include <deque>
#include <string>

#include <fmt/format.h>

#include "backends/backend_types.hpp"
#include "matrix/matrix.hpp"
#include "patterns/payload_header.hpp"

namespace zbench {

struct TopologyConfig {
  Pattern pattern = Pattern::pair;
  Transport transport = Transport::tcp;
  int hwm = 1000;
  int stall_timeout_ms = 5000;  // any single blocking send/receive longer than this is a failure
  std::string ipc_dir;          // private directory for ipc socket files
  std::string name = "zb";      // prefix of inproc names and ipc files, unique per topology
};

template <class B>
struct Port {
  typename B::Socket* out = nullptr;
  typename B::Socket* in = nullptr;
  std::string peer_id;            // non-empty: `out` is a ROUTER; every send is prefixed with it
  bool in_has_id = false;         // `in` is a ROUTER: every message starts with an id frame
  bool poll_before_recv = false;  // ROUTER_ROUTER_POLL
  long recv_timeout_ms = 5000;
  typename B::Message id_scratch = B::empty();

  // Sends one payload (consumed). Blocking unless dontwait. SendFlush::later tells a batching
  // backend that another send follows at once (see backend_types.hpp).
  SendStatus send(typename B::Message& payload, bool dontwait = false,
                  SendFlush flush = SendFlush::now) {
    if (!peer_id.empty()) {
      auto id = B::message(peer_id.data(), peer_id.size());
      const SendStatus s = B::send(*out, id, true, dontwait);
      if (s != SendStatus::sent) return s;
    }
    return B::send(*out, payload, false, dontwait, flush);
  }

  // Receives one payload into `payload`; false when nothing arrived within the timeout.
  bool recv(typename B::Message& payload, long timeout_ms) {
    if (poll_before_recv && !B::poll_in(*in, timeout_ms)) return false;
    if (in_has_id) {
      if (!B::recv(*in, id_scratch)) return false;
      if (!B::more(id_scratch))
        throw BackendError("ROUTER delivered a routing id without a payload frame", 0);
    }
    return B::recv(*in, payload);
  }
  bool recv(typename B::Message& payload) { return recv(payload, recv_timeout_ms); }
};

template <class B>
class Topology {
 public:
  Topology(typename B::Context& ctx, const TopologyConfig& cfg) : ctx_(ctx), cfg_(cfg) { build(); }
  Topology(const Topology&) = delete;
  Topology& operator=(const Topology&) = delete;
  ~Topology() {
    for (auto& s : sockets_) B::close(s);
  }

  Port<B> a;  // sender / pinger
  Port<B> b;  // receiver / echo
  bool lossy() const { return cfg_.pattern == Pattern::pubsub; }

  // Deterministic ready handshake: a probe from A reaches B and a probe from B reaches A, so
  // both directions are connected (and subscribed) before anything is measured.
  void await_ready(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    deliver_probe(a, b, deadline, "A->B");
    deliver_probe(b, a, deadline, "B->A");
  }

 private:
  typename B::Socket& open(SocketKind kind, std::string routing_id = {}) {
    SocketSettings s;
    s.hwm = cfg_.hwm;
    s.rcvtimeo_ms = cfg_.stall_timeout_ms;
    s.sndtimeo_ms = cfg_.stall_timeout_ms;
    s.routing_id = std::move(routing_id);
    s.router_mandatory = kind == SocketKind::router;
    s.subscribe_all = kind == SocketKind::sub;
    sockets_.push_back(B::open(ctx_, kind, s));
    return sockets_.back();
  }

  std::string endpoint_for_bind() {
    const int n = next_endpoint_++;
    switch (cfg_.transport) {
      case Transport::tcp: return "tcp://127.0.0.1:*";
      case Transport::ipc: return fmt::format("ipc://{}/{}-{}.sock", cfg_.ipc_dir, cfg_.name, n);
      case Transport::inproc: return fmt::format("inproc://{}-{}", cfg_.name, n);
    }
    return {};
  }

  // Binds `server`, connects `client` to the address actually bound.
  void join(typename B::Socket& server, typename B::Socket& client) {
    const std::string bound = B::bind(server, endpoint_for_bind());
    B::connect(client, bound);
  }

  void build() {
    const long timeout = cfg_.stall_timeout_ms;
    a.recv_timeout_ms = b.recv_timeout_ms = timeout;
    switch (cfg_.pattern) {
      case Pattern::pair:
      case Pattern::dealer_dealer: {
        const SocketKind k = cfg_.pattern == Pattern::pair ? SocketKind::pair : SocketKind::dealer;
        auto& rx = open(k);
        auto& tx = open(k);
        join(rx, tx);
        a.out = a.in = &tx;
        b.out = b.in = &rx;
        break;
      }
      case Pattern::dealer_router: {
        auto& router = open(SocketKind::router, "zb-b");
        auto& dealer = open(SocketKind::dealer, "zb-a");
        join(router, dealer);
        a.out = a.in = &dealer;
        b.out = b.in = &router;
        b.peer_id = "zb-a";
        b.in_has_id = true;
        break;
      }
      case Pattern::router_router:
      case Pattern::router_router_poll: {
        auto& rb = open(SocketKind::router, "zb-b");
        auto& ra = open(SocketKind::router, "zb-a");
        join(rb, ra);
        a.out = a.in = &ra;
        b.out = b.in = &rb;
        a.peer_id = "zb-b";
        b.peer_id = "zb-a";
        a.in_has_id = b.in_has_id = true;
        a.poll_before_recv = b.poll_before_recv = cfg_.pattern == Pattern::router_router_poll;
        break;
      }
      case Pattern::pubsub: {
        auto& pub_ab = open(SocketKind::pub);
        auto& sub_ab = open(SocketKind::sub);
        join(pub_ab, sub_ab);
        auto& pub_ba = open(SocketKind::pub);
        auto& sub_ba = open(SocketKind::sub);
        join(pub_ba, sub_ba);
        a.out = &pub_ab;
        b.in = &sub_ab;
        b.out = &pub_ba;
        a.in = &sub_ba;
        break;
      }
    }
  }

  void deliver_probe(Port<B>& from, Port<B>& to, std::chrono::steady_clock::time_point deadline,
                     const char* direction) {
    // PUB drops a probe sent before the subscription arrives, so it probes again after every
    // millisecond of silence; reliable patterns send once and retry only while a ROUTER still
    // reports the peer unreachable. Never flooding keeps few stray probes behind the first.
    bool resend = true;
    std::uint64_t seq = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (resend) {
        auto probe = B::message(std::size_t{64});
        write_header(B::data(probe), seq++, PayloadKind::probe);
        resend = from.send(probe, true) != SendStatus::sent;
      }
      if (!B::poll_in(*to.in, 1)) {  // wait for the probe, 1 ms per retry
        resend = resend || lossy();
        continue;
      }
      auto msg = B::empty();
      if (!to.recv(msg, 1)) continue;
      if (B::size(msg) >= sizeof(PayloadHeader) &&
          read_header(B::data(msg)).kind == PayloadKind::probe)
        return;
    }
    throw BackendError(fmt::format("ready handshake {} did not complete", direction), 0);
  }

  typename B::Context& ctx_;
  TopologyConfig cfg_;
  std::deque<typename B::Socket> sockets_;  // deque: ports keep pointers into it
  int next_endpoint_ = 0;
};

}  // namespace zbench
