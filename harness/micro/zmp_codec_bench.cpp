// ZMP v2 codec micro-benchmarks through zlink's internal headers (zlink_internal): encoding a
// batch of frames into the encoder's buffer, and decoding a pre-encoded byte stream.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "engine/zmp_decoder.hpp"
#include "engine/zmp_encoder.hpp"

namespace {

void sizes(benchmark::internal::Benchmark* b) {
  for (long s : {64L, 256L, 1024L, 65536L, 131072L, 262144L}) b->Arg(s);
}

// Adds frames until the batch is full, then starts over; large bodies are only referenced.
void zmp_encode(benchmark::State& state) {
  const auto size = static_cast<std::uint32_t>(state.range(0));
  std::vector<std::uint8_t> body(size, 0x5a);
  zlink::zmp::encoder enc;
  for (auto _ : state) {
    if (!enc.add(0, body.data(), size)) {
      enc.reset();
      enc.add(0, body.data(), size);
    }
    benchmark::DoNotOptimize(enc.pending_bytes());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(size));
}

struct CountingSink {
  std::vector<std::uint8_t> large;
  std::uint64_t frames = 0;
  bool on_frame(const zlink::zmp::header&, const std::uint8_t*) { return ++frames, true; }
  std::uint8_t* on_large_begin(const zlink::zmp::header& h) {
    large.resize(h.length);
    return large.data();
  }
  bool on_large_end(const zlink::zmp::header&) { return ++frames, true; }
};

// A stream of 64 frames is encoded once, then fed to a fresh decoder per iteration batch.
void zmp_decode(benchmark::State& state) {
  const auto size = static_cast<std::uint32_t>(state.range(0));
  std::vector<std::uint8_t> body(size, 0x5a), stream;
  for (int i = 0; i < 64; ++i) {
    zlink::zmp::encoder enc;
    enc.add(0, body.data(), size);
    for (const auto& seg : enc.segments()) {
      const auto* p = static_cast<const std::uint8_t*>(seg.data);
      stream.insert(stream.end(), p, p + seg.size);
    }
  }
  CountingSink sink;
  for (auto _ : state) {
    zlink::zmp::decoder dec;
    benchmark::DoNotOptimize(dec.feed(stream, sink).consumed);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(sink.frames));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
}

}  // namespace

BENCHMARK(zmp_encode)->Name("zlink/zmp_encode")->Apply(sizes);
BENCHMARK(zmp_decode)->Name("zlink/zmp_decode")->Apply(sizes);
