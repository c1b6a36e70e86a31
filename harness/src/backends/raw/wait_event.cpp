// The system-call half of WaitEvent: futex wait with a relative timeout and futex wake.
#include "backends/raw/wait_event.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

namespace zbench::raw {

Deadline deadline_after(long timeout_ms) {
  if (timeout_ms < 0) return Deadline::max();
  return std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
}

bool WaitEvent::sleep(Deadline deadline) {
  const auto now = std::chrono::steady_clock::now();
  if (now >= deadline) return false;
  timespec ts{};
  timespec* timeout = nullptr;
  if (deadline != Deadline::max()) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - now).count();
    ts.tv_sec = static_cast<time_t>(ns / 1000000000);
    ts.tv_nsec = static_cast<long>(ns % 1000000000);
    timeout = &ts;
  }
  // EAGAIN (already woken), EINTR and ETIMEDOUT all mean "look again"; the caller re-checks.
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&sleeping_), FUTEX_WAIT_PRIVATE, 1, timeout,
          nullptr, 0);
  return true;
}

void WaitEvent::wake() {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&sleeping_), FUTEX_WAKE_PRIVATE, 1, nullptr,
          nullptr, 0);
}

}  // namespace zbench::raw
