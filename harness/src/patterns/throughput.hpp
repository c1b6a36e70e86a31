// Throughput phase: one thread sends as fast as the socket accepts, another receives. The
// stream carries sequence numbers; the receiver verifies count and order (PUBSUB may drop at
// HWM, and its drops are counted, never hidden). Time-based, on the receiver's clock: the
// sender sends warm-up data, then measured data until the receiver has been receiving measured
// data for the configured duration, then an END marker. Timing at the receiver keeps the
// interval full even when a loaded machine stalls the sender for a while.
#pragma once

#include <atomic>
#include <chrono>
#include <exception>
#include <thread>

#include <fmt/format.h>

#include "model/sample.hpp"
#include "patterns/phase_config.hpp"
#include "patterns/thread_name.hpp"
#include "patterns/topology.hpp"

namespace zbench {

class VerificationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {

enum class StreamPhase : int { warmup, measured, stop };

template <class B>
struct ThroughputRun {
  ThroughputRun(Topology<B>& t, const PhaseConfig& c) : topo(t), cfg(c) {}
  Topology<B>& topo;
  const PhaseConfig& cfg;
  std::atomic<StreamPhase> phase{StreamPhase::warmup};
  std::atomic<bool> receiver_done{false};
  std::uint64_t measured_sent = 0;
  std::uint64_t sent_total = 0;
  ThroughputResult result;
  std::exception_ptr sender_error, receiver_error;

  void send_loop() {
    std::uint64_t seq = 0;
    bool injected_loss = false;
    for (StreamPhase ph; (ph = phase.load(std::memory_order_relaxed)) != StreamPhase::stop;) {
      auto msg = B::message(cfg.size);
      const bool measured = ph == StreamPhase::measured;
      if (measured && cfg.fault == Fault::lose && !injected_loss && measured_sent == 10) {
        ++seq;  // test-only: skip one sequence number, as if the library lost a message
        injected_loss = true;
      }
      write_header(B::data(msg), seq++, measured ? PayloadKind::measured : PayloadKind::warmup);
      // More messages follow at once until the phase stops; send_end flushes.
      if (topo.a.send(msg, false, SendFlush::later) != SendStatus::sent)
        throw VerificationError(
            fmt::format("send of message {} stalled (blocked longer than "
                        "the stall timeout)",
                        seq - 1));
      measured_sent += measured ? 1 : 0;
      ++sent_total;
    }
    send_end(seq);
  }

  // A reliable socket delivers END once; PUB may drop it at HWM, so it is repeated until the
  // receiver confirms, with 100 us between tries (a bound on the error of its arrival time).
  void send_end(std::uint64_t seq) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    do {
      auto end = B::message(cfg.size);
      write_header(B::data(end), seq, PayloadKind::end);
      const SendStatus s = topo.a.send(end, topo.lossy());
      if (!topo.lossy()) {
        if (s != SendStatus::sent) throw VerificationError("END marker could not be sent");
        return;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    } while (!receiver_done.load() && std::chrono::steady_clock::now() < deadline);
  }

  void receive_loop() {
    using clock = std::chrono::steady_clock;
    auto msg = B::empty();
    std::uint64_t expected = 0, measured = 0;
    clock::time_point first{}, last{};
    const auto duration =
        std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(cfg.duration_s));
    // Reading the clock costs tens of ns; for small messages look at it every 256 messages.
    const std::uint64_t clock_mask = cfg.size >= 4096 ? 0 : 255;
    for (;;) {
      if (!topo.b.recv(msg))
        throw VerificationError(fmt::format(
            "receiver got nothing for the stall timeout after {} messages (expected seq {})",
            measured, expected));
      if (B::size(msg) < sizeof(PayloadHeader))
        throw VerificationError(
            fmt::format("message of {} bytes has no sequence header", B::size(msg)));
      const PayloadHeader h = read_header(B::data(msg));
      if (h.kind == PayloadKind::probe)
        continue;  // a late ready-handshake probe (PUB repeats them)
      if (B::size(msg) != cfg.size)
        throw VerificationError(
            fmt::format("message {} has {} bytes, expected {}", h.seq, B::size(msg), cfg.size));
      if (h.seq != expected) {
        if (!topo.lossy() || h.seq < expected)
          throw VerificationError(
              fmt::format("sequence error: expected message {}, received {} ({})", expected, h.seq,
                          h.seq > expected ? "messages lost" : "reordered or duplicated"));
      }
      expected = h.seq + 1;
      if (h.kind == PayloadKind::measured) {
        if (measured++ == 0) {
          first = clock::now();
        } else if ((measured & clock_mask) == 0 && clock::now() - first >= duration) {
          phase.store(StreamPhase::stop, std::memory_order_relaxed);
        }
      } else if (h.kind == PayloadKind::end) {
        last = clock::now();
        break;
      }
    }
    receiver_done.store(true);
    result.messages = measured;
    result.seconds = std::chrono::duration<double>(last - first).count();
  }
};

}  // namespace detail

template <class B>
ThroughputResult run_throughput(Topology<B>& topo, const PhaseConfig& cfg) {
  detail::ThroughputRun<B> run(topo, cfg);
  std::thread receiver([&] {
    name_this_thread("zb-recv");
    try {
      run.receive_loop();
    } catch (...) {
      run.receiver_error = std::current_exception();
      run.phase.store(detail::StreamPhase::stop);
    }
  });
  std::thread sender([&] {
    name_this_thread("zb-send");
    try {
      run.send_loop();
    } catch (...) {
      run.sender_error = std::current_exception();
    }
  });
  // The main thread times the warm-up; the receiver ends the measured interval.
  std::this_thread::sleep_for(std::chrono::duration<double>(cfg.warmup_s));
  auto expected = detail::StreamPhase::warmup;
  run.phase.compare_exchange_strong(expected, detail::StreamPhase::measured);
  sender.join();
  receiver.join();
  if (run.receiver_error) std::rethrow_exception(run.receiver_error);
  if (run.sender_error) std::rethrow_exception(run.sender_error);

  ThroughputResult r = run.result;
  r.sent = run.measured_sent;
  r.sent_total = run.sent_total;
  if (r.messages > r.sent)
    throw VerificationError(
        fmt::format("received {} measured messages but only {} were sent", r.messages, r.sent));
  r.dropped = r.sent - r.messages;
  if (r.messages < 2 || r.seconds <= 0)
    throw VerificationError(fmt::format(
        "only {} messages arrived in the measured interval; raise --duration", r.messages));
  r.msgs_per_sec = static_cast<double>(r.messages) / r.seconds;
  r.mb_per_sec = r.msgs_per_sec * static_cast<double>(cfg.size) / 1e6;
  return r;
}

}  // namespace zbench
