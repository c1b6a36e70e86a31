// Latency phase: a pinger thread sends one message and waits for its echo, an echo thread sends
// each ping straight back. Every round trip is timed; one-way latency is reported as RTT / 2
// (the figure libzmq's own latency tools print), with its distribution.
#pragma once

#include <chrono>
#include <exception>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "model/sample.hpp"
#include "patterns/latency_summary.hpp"
#include "patterns/phase_config.hpp"
#include "patterns/thread_name.hpp"
#include "patterns/throughput.hpp"
#include "patterns/topology.hpp"

namespace zbench {

namespace detail {

template <class B>
void echo_loop(Port<B>& port) {
  auto msg = B::empty();
  for (;;) {
    if (!port.recv(msg)) throw VerificationError("echo side got nothing for the stall timeout");
    if (B::size(msg) < sizeof(PayloadHeader)) throw VerificationError("echo got a short message");
    const PayloadKind kind = read_header(B::data(msg)).kind;
    if (kind == PayloadKind::stop) return;
    if (kind != PayloadKind::ping) continue;  // late probes or END repeats from earlier phases
    if (port.send(msg) != SendStatus::sent) throw VerificationError("echo send stalled");
  }
}

// Waits for the echo of ping `seq`, skipping leftovers of earlier phases.
template <class B>
void await_echo(Port<B>& port, typename B::Message& msg, std::uint64_t seq, std::size_t size) {
  for (;;) {
    if (!port.recv(msg))
      throw VerificationError(fmt::format("no echo of ping {} within the stall timeout", seq));
    if (B::size(msg) < sizeof(PayloadHeader)) throw VerificationError("short echo");
    const PayloadHeader h = read_header(B::data(msg));
    if (h.kind != PayloadKind::ping) continue;
    if (h.seq != seq || B::size(msg) != size)
      throw VerificationError(fmt::format("echo mismatch: sent ping {} of {} bytes, got {} of {}",
                                          seq, size, h.seq, B::size(msg)));
    return;
  }
}

}  // namespace detail

struct LatencyRun {
  LatencyResult result;
  double warmup_s = 0;
  double measured_s = 0;
};

template <class B>
LatencyRun run_latency(Topology<B>& topo, const PhaseConfig& cfg) {
  using clock = std::chrono::steady_clock;
  std::exception_ptr echo_error;
  std::thread echo([&] {
    name_this_thread("zb-echo");
    try {
      detail::echo_loop(topo.b);
    } catch (...) {
      echo_error = std::current_exception();
    }
  });

  name_this_thread("zb-ping");  // the calling thread pings
  std::vector<std::int64_t> rtt_ns;
  rtt_ns.reserve(
      static_cast<std::size_t>(std::min<std::uint64_t>(cfg.latency_max_round_trips, 1 << 20)));
  LatencyRun run;
  std::uint64_t round_trips_total = 0;
  std::exception_ptr ping_error;
  try {
    auto reply = B::empty();
    const auto started = clock::now();
    clock::time_point measuring_since{};
    const auto budget = std::chrono::duration<double>(cfg.latency_duration_s);
    std::uint64_t seq = 0;
    for (;; ++seq) {
      const bool warm = seq < cfg.latency_warmup_round_trips;
      if (seq == cfg.latency_warmup_round_trips) measuring_since = clock::now();
      // A loaded machine may stretch round trips; a minimum count keeps the figures meaningful.
      constexpr std::size_t min_round_trips = 20;
      if (!warm && (rtt_ns.size() >= cfg.latency_max_round_trips ||
                    (clock::now() - measuring_since >= budget && rtt_ns.size() >= min_round_trips)))
        break;
      auto ping = B::message(cfg.size);
      write_header(B::data(ping), seq, PayloadKind::ping);
      const auto t0 = clock::now();
      if (topo.a.send(ping) != SendStatus::sent) throw VerificationError("ping send stalled");
      detail::await_echo(topo.a, reply, seq, cfg.size);
      const auto t1 = clock::now();
      if (!warm)
        rtt_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    }
    round_trips_total = seq;
    run.warmup_s = std::chrono::duration<double>(measuring_since - started).count();
    run.measured_s = std::chrono::duration<double>(clock::now() - measuring_since).count();
  } catch (...) {
    ping_error = std::current_exception();
  }
  // Stop the echo thread whatever happened, so the worker can report instead of hanging.
  auto stop = B::message(cfg.size);
  write_header(B::data(stop), 0, PayloadKind::stop);
  const bool stop_sent = topo.a.send(stop) == SendStatus::sent;
  if (stop_sent || echo_error)
    echo.join();
  else
    echo.detach();  // the echo thread ends at its own stall timeout; the worker exits first
  if (ping_error) std::rethrow_exception(ping_error);
  if (echo_error) std::rethrow_exception(echo_error);
  run.result = summarise_round_trips(rtt_ns);
  run.result.round_trips_total = round_trips_total;
  return run;
}

}  // namespace zbench
