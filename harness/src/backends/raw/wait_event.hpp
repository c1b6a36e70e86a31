// A futex-backed event for the inproc ring, with one waiter at a time (each side of an SPSC
// ring waits on its own event). The waiter spins for a couple of microseconds, then announces
// that it sleeps and sleeps until notified or until its deadline; the notifier makes a system
// call only for a sleeping waiter, once per sleep. The fences make a wake-up impossible to lose
// (Dekker-style: the waiter announces then re-checks, the notifier publishes then looks).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace zbench::raw {

using Deadline = std::chrono::steady_clock::time_point;

// A deadline `timeout_ms` from now; -1 (no timeout) gives the farthest representable time.
Deadline deadline_after(long timeout_ms);

class WaitEvent {
 public:
  // Waits until ready() is true (true) or timeout_ms passes (false; 0 = just look, -1 = no
  // limit). ready() must read the state the notifier publishes before it calls notify(). The
  // clock is read only once waiting has begun, never on the fast path.
  template <class Ready>
  bool wait(Ready ready, long timeout_ms) {
    if (ready()) return true;
    if (timeout_ms == 0) return false;
    const Deadline deadline = deadline_after(timeout_ms);
    if (spin(ready)) return true;
    for (;;) {
      sleeping_.store(1, std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_seq_cst);
      if (ready()) {
        sleeping_.store(0, std::memory_order_relaxed);
        return true;
      }
      const bool in_time = sleep(deadline);
      sleeping_.store(0, std::memory_order_relaxed);
      if (ready()) return true;
      if (!in_time) return false;
    }
  }

  // Call after publishing the state ready() reads.
  void notify() {
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (sleeping_.load(std::memory_order_relaxed) != 0 &&
        sleeping_.exchange(0, std::memory_order_relaxed) != 0)
      wake();
  }

 private:
  // A short spin keeps a ping-pong between two running threads off the scheduler. It is bounded
  // by time, not iterations: under a hypervisor PAUSE can cost anywhere from 40 to 400 ns.
  template <class Ready>
  static bool spin(Ready& ready) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinUs);
    for (unsigned i = 1;; ++i) {
      pause();
      if (ready()) return true;
      if ((i & 15) == 0 && std::chrono::steady_clock::now() >= until) return false;
    }
  }
  static constexpr int kSpinUs = 2;
  static void pause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  // Sleeps while sleeping_ is still 1, at most until the deadline; false once it has passed.
  bool sleep(Deadline deadline);
  void wake();

  std::atomic<std::uint32_t> sleeping_{0};  // the futex word: 1 while the waiter may sleep
};

}  // namespace zbench::raw
