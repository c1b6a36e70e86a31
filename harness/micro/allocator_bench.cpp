// Allocator micro-benchmarks at each message size: alloc+free on one thread, and alloc on the
// benchmark thread with the free on a consumer thread (the I/O-thread-frees pattern), for glibc
// malloc/free and mimalloc's mi_malloc/mi_free called explicitly, side by side in one binary.
#include <benchmark/benchmark.h>
#include <mimalloc.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "spsc_queue.hpp"

namespace {

using zbench::micro::SpscQueue;

struct Glibc {
  static void* alloc(std::size_t n) { return std::malloc(n); }
  static void release(void* p) { std::free(p); }
};

struct Mimalloc {
  static void* alloc(std::size_t n) { return mi_malloc(n); }
  static void release(void* p) { mi_free(p); }
};

// The first byte is written so the block is really touched, as a message body would be.
template <class A>
void same_thread(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto* p = static_cast<unsigned char*>(A::alloc(size));
    p[0] = 1;
    benchmark::DoNotOptimize(p);
    A::release(p);
  }
  state.SetItemsProcessed(state.iterations());
}

template <class A>
void cross_thread(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  SpscQueue queue(4096);
  std::atomic<bool> stop{false};
  std::thread consumer([&] {
    while (true) {
      if (void* p = queue.pop()) A::release(p);
      else if (stop.load(std::memory_order_acquire)) break;
    }
    while (void* p = queue.pop()) A::release(p);
  });
  for (auto _ : state) {
    auto* p = static_cast<unsigned char*>(A::alloc(size));
    p[0] = 1;
    while (!queue.push(p)) {
    }
  }
  stop.store(true, std::memory_order_release);
  consumer.join();
  state.SetItemsProcessed(state.iterations());
}

// 64 B ... 256 KiB: the harness's message sizes.
void sizes(benchmark::internal::Benchmark* b) {
  for (long s : {64L, 256L, 1024L, 65536L, 131072L, 262144L}) b->Arg(s);
}

}  // namespace

BENCHMARK(same_thread<Glibc>)->Name("alloc_free/same_thread/glibc")->Apply(sizes);
BENCHMARK(same_thread<Mimalloc>)->Name("alloc_free/same_thread/mimalloc")->Apply(sizes);
BENCHMARK(cross_thread<Glibc>)->Name("alloc_free/cross_thread/glibc")->Apply(sizes)->UseRealTime();
BENCHMARK(cross_thread<Mimalloc>)->Name("alloc_free/cross_thread/mimalloc")->Apply(sizes)->UseRealTime();
