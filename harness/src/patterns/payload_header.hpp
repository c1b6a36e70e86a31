// The 16-byte header at the start of every benchmark payload: a sequence number and a kind.
// The receiver uses it to verify count and order and to tell control messages from data.
#pragma once

#include <cstdint>
#include <cstring>

namespace zbench {

enum class PayloadKind : std::uint32_t {
  probe = 1,     // ready handshake; ignored once data flows
  warmup = 2,    // throughput data before the measured interval
  measured = 3,  // throughput data inside the measured interval
  end = 4,       // throughput stream finished; carries the next sequence number
  ping = 5,      // latency request
  stop = 6,      // latency phase finished
};

struct PayloadHeader {
  std::uint64_t seq;
  PayloadKind kind;
  std::uint32_t reserved;
};
static_assert(sizeof(PayloadHeader) == 16);

inline void write_header(unsigned char* payload, std::uint64_t seq, PayloadKind kind) {
  const PayloadHeader h{seq, kind, 0};
  std::memcpy(payload, &h, sizeof h);
}

inline PayloadHeader read_header(const unsigned char* payload) {
  PayloadHeader h;
  std::memcpy(&h, payload, sizeof h);
  return h;
}

}  // namespace zbench
