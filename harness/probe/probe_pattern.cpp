// Test program for the probe: a fixed pattern of allocations, frees and cross-thread frees
// inside a marked window, through malloc or mimalloc's mi_* functions; or ("kernel") a known
// number of fresh pages touched and of sleeps inside the window, for the kernel counts.
// probe_exact_test.cpp runs it under LD_PRELOAD and checks the probe's counts.
#include <dlfcn.h>
#include <mimalloc.h>
#include <poll.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace {

struct Api {
  void* (*alloc)(std::size_t);
  void (*release)(void*);
  void* (*zeroed)(std::size_t, std::size_t);
  void* (*resize)(void*, std::size_t);
};

// Looked up once, before the window: dlsym itself allocates and frees.
using mark_fn = void (*)(const char*);
const mark_fn g_mark = reinterpret_cast<mark_fn>(dlsym(RTLD_DEFAULT, "zbench_probe_mark"));

void mark(const char* name) {
  if (g_mark != nullptr) g_mark(name);
}

void* g_blocks[500];
std::atomic<int> g_stage{0};  // 1: blocks ready for the consumer, 2: consumer freed them

}  // namespace

// Touches kPages fresh anonymous pages (each a minor fault) and sleeps kSleeps times (each a
// voluntary context switch) inside the window. 1 MiB is too small and unaligned for a
// transparent huge page, so every page faults on its own.
constexpr int kPages = 256;
constexpr int kSleeps = 5;

int kernel_pattern() {
  const long page = sysconf(_SC_PAGESIZE);
  const std::size_t bytes = static_cast<std::size_t>(kPages) * static_cast<std::size_t>(page);
  void* region = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) return 1;
  mark("begin");
  auto* bytes_ptr = static_cast<volatile unsigned char*>(region);
  for (int i = 0; i < kPages; ++i) bytes_ptr[static_cast<std::size_t>(i) * static_cast<std::size_t>(page)] = 1;
  // The sleep is the event being counted, not a wait for something else.
  for (int i = 0; i < kSleeps; ++i) poll(nullptr, 0, 1);
  mark("end");
  munmap(region, bytes);
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "kernel") == 0) return kernel_pattern();
  const bool mi = argc > 1 && std::strcmp(argv[1], "mimalloc") == 0;
  const Api api = mi ? Api{mi_malloc, mi_free, mi_calloc, mi_realloc}
                     : Api{std::malloc, std::free, std::calloc, std::realloc};
  std::thread consumer([&] {
    while (g_stage.load() != 1) {
    }
    for (void* p : g_blocks) api.release(p);
    g_stage.store(2);
  });
  mark("begin");
  for (int i = 0; i < 1000; ++i) api.release(api.alloc(100));      // same thread
  for (void*& p : g_blocks) p = api.alloc(3000);                    // freed by the consumer
  g_stage.store(1);
  while (g_stage.load() != 2) {
  }
  for (int i = 0; i < 10; ++i) api.release(api.zeroed(4, 8));
  for (int i = 0; i < 5; ++i) api.release(api.resize(api.alloc(16), 64));
  mark("end");
  consumer.join();
  return 0;
}
