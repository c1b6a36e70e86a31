// libFuzzer target for the raw backend's frame reader: arbitrary bytes arrive on a Unix socket
// whose writer then closes. The reader must hand out whole frames, refuse bad lengths and report
// the closed peer, and never crash, hang or allocate beyond the frame limit.
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "backends/raw/stream_framing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;  // stays within one socket buffer, so the write cannot block
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return 0;
  const int buffer = 256 * 1024;
  setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
  if (size > 0 && write(fds[0], data, size) != static_cast<ssize_t>(size)) {
    close(fds[0]);
    close(fds[1]);
    return 0;
  }
  close(fds[0]);  // everything after the input reads as "peer closed"
  zbench::raw::FrameReader reader(4096);
  zbench::raw::RawMessage m;
  try {
    for (std::size_t frames = 0; frames <= size; ++frames)
      if (reader.read(fds[1], m, false) != zbench::raw::ReadStatus::frame) break;
  } catch (const zbench::BackendError&) {
  }
  close(fds[1]);
  return 0;
}
