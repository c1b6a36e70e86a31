// Vocabulary shared by every backend (libzmq through cppzmq, zlink through its C API): socket
// kinds, per-socket settings and send outcomes. Backends are static-function structs used as
// template parameters, so the pattern code never makes a virtual call per message.
#pragma once

#include <stdexcept>
#include <string>

namespace zbench {

enum class SocketKind { pair, pub, sub, dealer, router };

struct SocketSettings {
  int hwm = 1000;        // applied to SNDHWM and RCVHWM
  int linger_ms = 0;     // the worker never needs queued messages after it finishes
  int rcvtimeo_ms = -1;  // bounds every blocking receive so a stall becomes an error
  int sndtimeo_ms = -1;
  std::string routing_id;         // empty: library default
  bool router_mandatory = false;  // ROUTER: unroutable sends fail instead of vanishing
  bool subscribe_all = false;     // SUB: subscribe to the empty prefix
};

enum class SendStatus { sent, would_block, unreachable };

// Whether the caller sends again at once on the same socket (the throughput stream does). A
// backend that batches writes on the caller's thread (raw) may then keep a small message back
// for its next write instead of writing it now; libzmq and zlink ignore it, since their I/O
// threads batch whatever is queued on their own.
enum class SendFlush { now, later };

// A library call failed in a way the worker cannot recover from; what() names the call and errno.
class BackendError : public std::runtime_error {
 public:
  BackendError(const std::string& what, int err) : std::runtime_error(what), error(err) {}
  int error;
};

}  // namespace zbench
