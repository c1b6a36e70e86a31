// The raw backend's pieces on their own: length-prefixed framing over a Unix socket pair, the
// inproc SPSC ring, ROUTER id-frame handling, and the shared pattern code driven through the raw
// backend for every pattern and transport. Bounded: every wait has a timeout, nothing sleeps.
#include <gtest/gtest.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <thread>
#include <vector>

#include "backends/raw/spsc_ring.hpp"
#include "backends/raw/stream_framing.hpp"
#include "backends/raw/stream_sockets.hpp"
#include "backends/raw_backend.hpp"
#include "patterns/latency.hpp"
#include "patterns/throughput.hpp"
#include "test_support.hpp"

namespace zbench {
namespace {

using raw::FrameReader;
using raw::FrameWriter;
using raw::RawMessage;
using raw::ReadStatus;

// A connected Unix stream socket pair whose blocking calls give up after 2 s.
struct SocketPair {
  int a = -1, b = -1;
  SocketPair() {
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      throw std::runtime_error("socketpair");
    a = fds[0];
    b = fds[1];
    for (int fd : fds) raw::configure_stream(fd, raw::StreamKind::ipc, 2000, 2000);
  }
  ~SocketPair() {
    if (a >= 0) close(a);
    if (b >= 0) close(b);
  }
};

bool readable_now(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, 0) > 0;
}

// Payload i of `size` bytes: its index, then a byte pattern derived from it.
std::vector<unsigned char> payload(std::size_t i, std::size_t size) {
  std::vector<unsigned char> v(size);
  for (std::size_t k = 0; k < size; ++k) v[k] = static_cast<unsigned char>((i * 31 + k) & 0xff);
  return v;
}

void expect_payload(RawMessage& m, std::size_t i, std::size_t size) {
  ASSERT_EQ(m.size(), size) << "message " << i;
  const auto want = payload(i, size);
  if (size > 0) {  // memcmp may not be given the null data() of an empty vector
    EXPECT_EQ(std::memcmp(m.data(), want.data(), size), 0) << "message " << i;
  }
}

TEST(RawFraming, SmallFramesWaitInTheBatchUntilFlushed) {
  SocketPair s;
  FrameWriter writer(4096, 1024);
  for (std::size_t i = 0; i < 20; ++i) {
    const auto p = payload(i, 64);
    ASSERT_EQ(writer.write(s.a, p.data(), p.size(), false, false), SendStatus::sent);
  }
  EXPECT_EQ(writer.queued(), 20u * (64 + raw::kFrameHeaderBytes));
  EXPECT_FALSE(readable_now(s.b)) << "nothing may reach the peer before a flush";
  ASSERT_TRUE(writer.flush(s.a, false));
  EXPECT_EQ(writer.queued(), 0u);
  FrameReader reader(4096);
  RawMessage m;
  for (std::size_t i = 0; i < 20; ++i) {
    ASSERT_EQ(reader.read(s.b, m, false), ReadStatus::frame);
    expect_payload(m, i, 64);
  }
  EXPECT_EQ(reader.buffered(), 0u);
}

TEST(RawFraming, AFullBatchIsWrittenWithoutAFlush) {
  SocketPair s;
  FrameWriter writer(1024, 512);
  const auto p = payload(0, 100);
  for (int i = 0; i < 20 && !readable_now(s.b); ++i)
    ASSERT_EQ(writer.write(s.a, p.data(), p.size(), false, false), SendStatus::sent);
  EXPECT_TRUE(readable_now(s.b));
  EXPECT_LE(writer.queued(), 1024u);
}

TEST(RawFraming, MixedSizesArriveWholeAndInOrder) {
  SocketPair s;
  const std::vector<std::size_t> sizes{64, 300000, 16, 70000, 0, 5000, 262144, 64, 9000, 1};
  std::thread sender([&] {
    FrameWriter writer(8192, 4096);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      const auto p = payload(i, sizes[i]);
      const bool last = i + 1 == sizes.size();
      ASSERT_EQ(writer.write(s.a, p.data(), p.size(), last, false), SendStatus::sent);
    }
  });
  FrameReader reader(16384);
  RawMessage m;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    ASSERT_EQ(reader.read(s.b, m, false), ReadStatus::frame) << "message " << i;
    expect_payload(m, i, sizes[i]);
  }
  sender.join();
}

TEST(RawFraming, ReadTimesOutUntilAWholeHeaderArrives) {
  SocketPair s;
  raw::configure_stream(s.b, raw::StreamKind::ipc, 20, 2000);
  FrameReader reader;
  RawMessage m;
  EXPECT_EQ(reader.read(s.b, m, false), ReadStatus::timeout);
  EXPECT_EQ(reader.read(s.b, m, true), ReadStatus::timeout);
  const unsigned char frame[] = {3, 0, 0, 0, 'a', 'b', 'c'};
  ASSERT_EQ(write(s.a, frame, 2), 2);
  EXPECT_EQ(reader.read(s.b, m, false), ReadStatus::timeout);  // half a header stays buffered
  ASSERT_EQ(write(s.a, frame + 2, 5), 5);
  ASSERT_EQ(reader.read(s.b, m, false), ReadStatus::frame);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(m.data()), m.size()), "abc");
}

TEST(RawFraming, GarbageLengthAndPeerCloseAreErrors) {
  {
    SocketPair s;
    const unsigned char garbage[] = {0xff, 0xff, 0xff, 0xff};
    ASSERT_EQ(write(s.a, garbage, 4), 4);
    FrameReader reader;
    RawMessage m;
    EXPECT_THROW(reader.read(s.b, m, false), BackendError);
  }
  {
    SocketPair s;
    const unsigned char partial[] = {10, 0, 0, 0, 'x'};
    ASSERT_EQ(write(s.a, partial, sizeof partial), 5);
    close(s.a);
    s.a = -1;
    FrameReader reader;
    RawMessage m;
    EXPECT_THROW(reader.read(s.b, m, false), BackendError);
  }
}

TEST(RawFraming, DontwaitReportsWouldBlockInsteadOfBlocking) {
  SocketPair s;
  FrameWriter writer(65536, 8192);
  const auto p = payload(0, 65536);
  std::size_t sent = 0;
  for (int i = 0; i < 10000; ++i) {  // the kernel buffer fills long before this bound
    if (writer.write(s.a, p.data(), p.size(), true, true) != SendStatus::sent) break;
    ++sent;
  }
  ASSERT_LT(sent, 10000u) << "a DONTWAIT send never reported would_block";
  std::thread drain([&] {
    FrameReader reader;
    RawMessage m;
    for (std::size_t i = 0; i < sent; ++i) {
      ASSERT_EQ(reader.read(s.b, m, false), ReadStatus::frame);
      expect_payload(m, 0, p.size());
    }
  });
  EXPECT_TRUE(writer.flush(s.a, false));
  drain.join();
}

TEST(RawRing, DeliversEveryItemInOrderThroughATinyRing) {
  raw::SpscRing<RawMessage> ring(4);
  constexpr std::uint64_t kCount = 50000;
  std::thread producer([&] {
    for (std::uint64_t i = 0; i < kCount; ++i) {
      RawMessage m(i % 3 == 0 ? 1000 : 64);  // inline and heap payloads
      write_header(m.data(), i, PayloadKind::measured);
      ASSERT_TRUE(ring.push(m, 5000)) << "push " << i;
    }
  });
  RawMessage m;
  for (std::uint64_t i = 0; i < kCount; ++i) {
    ASSERT_TRUE(ring.pop(m, 5000)) << "pop " << i;
    ASSERT_EQ(read_header(m.data()).seq, i);
    ASSERT_EQ(m.size(), i % 3 == 0 ? 1000u : 64u);
  }
  producer.join();
}

TEST(RawRing, FullAndEmptyRingsTimeOut) {
  raw::SpscRing<RawMessage> ring(2);
  EXPECT_EQ(ring.capacity(), 2u);
  RawMessage m(8);
  ASSERT_TRUE(ring.push(m, 0));
  m.resize(8);
  ASSERT_TRUE(ring.push(m, 0));
  m.resize(8);
  EXPECT_FALSE(ring.push(m, 0));
  EXPECT_FALSE(ring.push(m, 10));
  EXPECT_EQ(m.size(), 8u) << "a refused message stays with the caller";
  RawMessage out;
  EXPECT_TRUE(ring.pop(out, 0));
  EXPECT_TRUE(ring.pop(out, 10));
  EXPECT_FALSE(ring.pop(out, 0));
  EXPECT_FALSE(ring.pop(out, 10));
  EXPECT_FALSE(ring.wait_readable(10));
}

// Every transport: a ROUTER hands out its peer's id first and sends only to that id.
class RawRouter : public ::testing::TestWithParam<Transport> {};

TEST_P(RawRouter, HandsOutThePeerIdAndChecksTheIdItIsGiven) {
  TempDirectory dir;
  auto ctx = RawBackend::make_context(1);
  SocketSettings rs, ds;
  rs.routing_id = "zb-b";
  rs.router_mandatory = true;
  rs.rcvtimeo_ms = rs.sndtimeo_ms = ds.rcvtimeo_ms = ds.sndtimeo_ms = 2000;
  ds.routing_id = "zb-a";
  auto router = RawBackend::open(ctx, SocketKind::router, rs);
  auto dealer = RawBackend::open(ctx, SocketKind::dealer, ds);
  const std::string ep = GetParam() == Transport::tcp   ? "tcp://127.0.0.1:*"
                         : GetParam() == Transport::ipc ? "ipc://" + (dir.path / "r.sock").string()
                                                        : std::string("inproc://router");
  RawBackend::connect(dealer, RawBackend::bind(router, ep));

  auto hello = RawBackend::message("hello", 5);
  ASSERT_EQ(RawBackend::send(dealer, hello, false), SendStatus::sent);
  auto part = RawBackend::empty();
  ASSERT_TRUE(RawBackend::poll_in(router, 2000));
  ASSERT_TRUE(RawBackend::recv(router, part));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(part.data()), part.size()), "zb-a");
  EXPECT_TRUE(RawBackend::more(part));
  ASSERT_TRUE(RawBackend::recv(router, part));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(part.data()), part.size()), "hello");
  EXPECT_FALSE(RawBackend::more(part));

  auto wrong = RawBackend::message("zb-x", 4);
  EXPECT_EQ(RawBackend::send(router, wrong, true), SendStatus::unreachable);
  auto id = RawBackend::message("zb-a", 4);
  auto back = RawBackend::message("back", 4);
  ASSERT_EQ(RawBackend::send(router, id, true), SendStatus::sent);
  ASSERT_EQ(RawBackend::send(router, back, false), SendStatus::sent);
  ASSERT_TRUE(RawBackend::recv(dealer, part));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(part.data()), part.size()), "back");

  auto multi = RawBackend::message("x", 1);
  EXPECT_THROW(RawBackend::send(dealer, multi, true), BackendError) << "raw is single-part";
}

INSTANTIATE_TEST_SUITE_P(AllTransports, RawRouter,
                         ::testing::Values(Transport::tcp, Transport::ipc, Transport::inproc),
                         [](const auto& p) { return std::string(to_string(p.param)); });

TEST(RawEndpoints, BadEndpointsAreClearErrors) {
  auto ctx = RawBackend::make_context(1);
  auto s = RawBackend::open(ctx, SocketKind::pair, {});
  EXPECT_THROW(RawBackend::bind(s, "udp://127.0.0.1:1"), BackendError);
  EXPECT_THROW(RawBackend::bind(s, "tcp://localhost:*"), BackendError);
  EXPECT_THROW(RawBackend::connect(s, "inproc://nobody"), BackendError);
}

// The shared pattern code (ready handshake, throughput with sequence checks, latency) through
// the raw backend, in-process, for every pattern and transport, with tiny phases.
class RawPatterns : public ::testing::TestWithParam<std::tuple<Pattern, Transport>> {};

TEST_P(RawPatterns, ThroughputAndLatencyVerify) {
  const auto [pattern, transport] = GetParam();
  TempDirectory dir;
  auto ctx = RawBackend::make_context(1);
  TopologyConfig cfg;
  cfg.pattern = pattern;
  cfg.transport = transport;
  cfg.ipc_dir = dir.path.string();
  PhaseConfig phases;
  phases.size = 70000;  // above the direct-write threshold: exercises the gather path
  phases.warmup_s = 0.005;
  phases.duration_s = 0.02;
  phases.latency_duration_s = 0.005;
  phases.latency_warmup_round_trips = 5;
  for (std::size_t size : {std::size_t{64}, std::size_t{70000}}) {
    phases.size = size;
    cfg.name = fmt::format("thr-{}", size);
    {
      Topology<RawBackend> topo(ctx, cfg);
      topo.await_ready(std::chrono::seconds(5));
      const ThroughputResult r = run_throughput(topo, phases);
      EXPECT_GE(r.messages, 2u);
      EXPECT_EQ(r.dropped, 0u) << "raw never drops, PUBSUB included";
    }
    cfg.name = fmt::format("lat-{}", size);
    {
      Topology<RawBackend> topo(ctx, cfg);
      topo.await_ready(std::chrono::seconds(5));
      const LatencyRun lat = run_latency(topo, phases);
      EXPECT_GT(lat.result.round_trips, 0u);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllCells, RawPatterns,
                         ::testing::Combine(::testing::ValuesIn(all_patterns()),
                                            ::testing::Values(Transport::tcp, Transport::ipc,
                                                              Transport::inproc)),
                         [](const auto& p) {
                           std::string name = fmt::format("{}_{}", to_string(std::get<0>(p.param)),
                                                          to_string(std::get<1>(p.param)));
                           return name;
                         });

}  // namespace
}  // namespace zbench
