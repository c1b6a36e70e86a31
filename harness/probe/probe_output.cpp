// The probe's public API (window marks, message count) and its report: a JSON document written
// at process exit to the file named by ZBENCH_PROBE_OUT. The writer formats into static memory
// with write(2), so reporting never disturbs the counts it reports.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "hook_guard.hpp"
#include "probe_state.hpp"
#include "zbench_probe.h"

namespace zbench::probe {
namespace {

Snapshot g_begin, g_end, g_now, g_window;
bool g_begun = false, g_ended = false;
std::atomic<std::uint64_t> g_messages{0};
char g_path[4096];

class Writer {
 public:
  void text(const char* s) noexcept {
    while (*s != '\0') put(*s++);
  }
  void number(std::uint64_t v) noexcept {
    char digits[24];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) put(digits[--n]);
  }
  void string(const char* s) noexcept {
    put('"');
    for (; *s != '\0'; ++s) {
      const auto c = static_cast<unsigned char>(*s);
      if (c == '"' || c == '\\') put('\\');
      put(c < 0x20 ? '?' : static_cast<char>(c));
    }
    put('"');
  }
  void field(const char* name, std::uint64_t v) noexcept {
    string(name);
    put(':');
    number(v);
  }
  void put(char c) noexcept {
    if (used_ < sizeof buf_) buf_[used_++] = c;
  }
  void flush_to(int fd) noexcept {
    std::size_t done = 0;
    while (done < used_) {
      const ssize_t n = ::write(fd, buf_ + done, used_ - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
  }

 private:
  static inline char buf_[1 << 20];
  std::size_t used_ = 0;
};

void write_counts(Writer& w, const Snapshot& s) noexcept {
  w.field("allocs", s.allocs);
  w.text(",");
  w.field("frees", s.frees);
  w.text(",");
  w.field("bytes_allocated", s.bytes_allocated);
  w.text(",");
  w.field("bytes_freed", s.bytes_freed);
  w.text(",");
  w.field("cross_thread_frees", s.cross_frees);
  w.text(",");
  w.field("untracked_frees", s.untracked_frees);
  w.text(",");
  w.field("minor_page_faults", s.kernel.minor_faults);
  w.text(",");
  w.field("major_page_faults", s.kernel.major_faults);
  w.text(",");
  w.field("voluntary_context_switches", s.kernel.voluntary_switches);
  w.text(",");
  w.field("involuntary_context_switches", s.kernel.involuntary_switches);
  w.text(",\"size_histogram\":[");
  bool first = true;
  for (int b = 0; b < kBuckets; ++b) {
    if (s.hist[b] == 0) continue;
    w.text(first ? "{" : ",{");
    first = false;
    w.field("le", std::uint64_t{1} << b);
    w.text(",");
    w.field("count", s.hist[b]);
    w.text("}");
  }
  w.text("]");
}

void write_threads(Writer& w, const Snapshot& s) noexcept {
  w.text(",\"threads\":[");
  bool first = true;
  for (int t = 0; t < s.thread_count; ++t) {
    const ThreadCounts& c = s.threads[t];
    if (c.allocs == 0 && c.frees == 0) continue;
    w.text(first ? "{\"name\":" : ",{\"name\":");
    first = false;
    w.string(thread_name(t));
    w.text(",");
    w.field("allocs", c.allocs);
    w.text(",");
    w.field("frees", c.frees);
    w.text(",");
    w.field("bytes", c.bytes);
    w.text(",");
    w.field("cross_thread_frees", c.cross_frees);
    w.text("}");
  }
  w.text("],\"cross_thread_pairs\":[");
  first = true;
  for (int a = 0; a < s.thread_count; ++a)
    for (int f = 0; f < s.thread_count; ++f) {
      if (s.cross[a][f] == 0) continue;
      w.text(first ? "{\"allocated_by\":" : ",{\"allocated_by\":");
      first = false;
      w.string(thread_name(a));
      w.text(",\"freed_by\":");
      w.string(thread_name(f));
      w.text(",");
      w.field("count", s.cross[a][f]);
      w.text("}");
    }
  w.text("]");
}

// ZBENCH_PROBE_OUT with "%p" replaced by the process id, so a wrapper process that inherits
// LD_PRELOAD (timeout, a shell) does not overwrite the measured program's report.
const char* expanded_path() noexcept {
  static char out[sizeof g_path + 24];
  std::size_t o = 0;
  for (const char* s = g_path; *s != '\0' && o + 24 < sizeof out; ++s) {
    if (s[0] == '%' && s[1] == 'p') {
      char digits[24];
      int n = 0;
      for (auto pid = static_cast<std::uint64_t>(getpid()); n == 0 || pid != 0; pid /= 10)
        digits[n++] = static_cast<char>('0' + pid % 10);
      while (n > 0) out[o++] = digits[--n];
      ++s;
    } else {
      out[o++] = *s;
    }
  }
  out[o] = '\0';
  return out;
}

void write_report() noexcept {
  if (g_path[0] == '\0') return;
  take_snapshot(g_now);
  if (g_begun) subtract(g_ended ? g_end : g_now, g_begin, g_window);
  Writer w;
  w.text("{\"schema\":\"zbench-probe/1\",\"window\":{\"marked\":");
  w.text(g_begun ? "true," : "false,");
  w.field("messages", g_messages.load());
  w.text(",");
  write_counts(w, g_begun ? g_window : g_now);
  write_threads(w, g_begun ? g_window : g_now);
  w.text("},\"process\":{");
  write_counts(w, g_now);
  write_threads(w, g_now);
  w.text("}}\n");
  const int fd = ::open(expanded_path(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  w.flush_to(fd);
  ::close(fd);
}

__attribute__((constructor(102))) void read_environment() {
  const char* path = std::getenv("ZBENCH_PROBE_OUT");
  if (path != nullptr && std::strlen(path) < sizeof g_path) std::strcpy(g_path, path);
}

// Runs after main returns and static destructors of the program have mostly run.
__attribute__((destructor)) void report_at_exit() {
  HookGuard guard;
  write_report();
}

}  // namespace
}  // namespace zbench::probe

using namespace zbench::probe;

extern "C" __attribute__((visibility("default"))) void zbench_probe_mark(const char* name) {
  HookGuard guard;
  if (name == nullptr) return;
  if (std::strcmp(name, "begin") == 0) {
    take_snapshot(g_begin);
    g_begun = true;
    g_ended = false;
  } else if (std::strcmp(name, "end") == 0 && g_begun) {
    take_snapshot(g_end);
    g_ended = true;
  }
}

extern "C" __attribute__((visibility("default"))) void zbench_probe_messages(unsigned long long n) {
  g_messages.fetch_add(n, std::memory_order_relaxed);
}
