// zlink's message hot pieces through its public C API: message init/close at each size (inline
// vs allocated bodies), copy (a reference-count bump for large bodies), and the socket-to-socket
// pipe hand-off as an inproc PAIR send + receive on one thread.
#include <benchmark/benchmark.h>
#include <zlink.h>

#include <cstring>
#include <stdexcept>

namespace {

void sizes(benchmark::internal::Benchmark* b) {
  for (long s : {64L, 256L, 1024L, 65536L, 131072L, 262144L}) b->Arg(s);
}

void msg_init_close(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    zlink_msg_t m;
    zlink_msg_init_size(&m, size);
    benchmark::DoNotOptimize(zlink_msg_data(&m));
    zlink_msg_close(&m);
  }
  state.SetItemsProcessed(state.iterations());
}

void msg_copy(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  zlink_msg_t source;
  zlink_msg_init_size(&source, size);
  for (auto _ : state) {
    zlink_msg_t copy;
    zlink_msg_init(&copy);
    zlink_msg_copy(&copy, &source);
    zlink_msg_close(&copy);
  }
  zlink_msg_close(&source);
  state.SetItemsProcessed(state.iterations());
}

// One message through an inproc PAIR: send then receive on the same thread, so the time is
// the pipe hand-off itself (write, flush, read) without any thread wake-up.
void inproc_pair_handoff(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  void* ctx = zlink_ctx_new();
  void* a = zlink_socket(ctx, ZLINK_PAIR);
  void* b = zlink_socket(ctx, ZLINK_PAIR);
  if (zlink_bind(a, "inproc://micro-handoff") != 0 || zlink_connect(b, "inproc://micro-handoff") != 0)
    throw std::runtime_error("inproc bind/connect failed");
  for (auto _ : state) {
    zlink_msg_t out, in;
    zlink_msg_init_size(&out, size);
    zlink_msg_send(&out, a, 0);
    zlink_msg_init(&in);
    zlink_msg_recv(&in, b, 0);
    zlink_msg_close(&in);
  }
  int linger = 0;
  zlink_setsockopt(a, ZLINK_LINGER, &linger, sizeof linger);
  zlink_setsockopt(b, ZLINK_LINGER, &linger, sizeof linger);
  zlink_close(a);
  zlink_close(b);
  zlink_ctx_term(ctx);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(msg_init_close)->Name("zlink/msg_init_close")->Apply(sizes);
BENCHMARK(msg_copy)->Name("zlink/msg_copy")->Apply(sizes);
BENCHMARK(inproc_pair_handoff)->Name("zlink/inproc_pair_handoff")->Apply(sizes);
