// Length-prefixed framing of the raw backend over a connected stream socket (tcp or ipc): each
// frame is a 4-byte little-endian length and the payload, nothing else. The writer coalesces
// small frames into one batch buffer and writes large payloads with writev straight from the
// message; the reader decodes many small frames per read and reads large payloads directly into
// the message. Blocking calls are bounded by the socket's SO_SNDTIMEO / SO_RCVTIMEO.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "backends/backend_types.hpp"
#include "backends/raw/raw_message.hpp"
#include "matrix/matrix.hpp"

namespace zbench::raw {

inline constexpr std::size_t kFrameHeaderBytes = 4;
// The largest payload the harness sends (matrix.hpp); a longer length means a corrupt stream,
// refused before anything is allocated for it.
inline constexpr std::size_t kMaxFrameBytes = max_message_size();
inline constexpr std::size_t kDefaultBatchBytes = 64 * 1024;

class FrameWriter {
 public:
  // Payloads of at least direct_bytes are not copied into the batch buffer.
  explicit FrameWriter(std::size_t batch_bytes = kDefaultBatchBytes,
                       std::size_t direct_bytes = kDefaultBatchBytes / 8);

  // Queues one frame on fd. It is written when the batch fills up, or at once when flush_now
  // (then nothing is left behind unless dontwait). dontwait never blocks: a frame that finds no
  // room returns would_block untouched, and bytes the kernel does not take stay queued for the
  // next call. Blocking writes that time out return would_block. Throws BackendError when the
  // connection fails.
  SendStatus write(int fd, const unsigned char* payload, std::size_t size, bool flush_now,
                   bool dontwait);

  // Writes every queued byte; true when none is left (false: dontwait or the timeout expired).
  bool flush(int fd, bool dontwait);

  std::size_t queued() const { return end_ - begin_; }

 private:
  void append(const unsigned char* bytes, std::size_t n);
  void append_header(std::size_t size);
  std::size_t room() const { return buf_.size() - end_; }
  void compact();
  // Writes the queued bytes followed by payload[0..size) (one gather write per attempt) until all
  // is written; false when the timeout expired (or dontwait would block) before that.
  bool write_all(int fd, const unsigned char* payload, std::size_t size, bool dontwait);

  std::vector<unsigned char> buf_;
  std::size_t begin_ = 0, end_ = 0;  // queued bytes are buf_[begin_, end_)
  std::size_t batch_bytes_;
  std::size_t direct_bytes_;
};

enum class ReadStatus { frame, timeout };

class FrameReader {
 public:
  explicit FrameReader(std::size_t buffer_bytes = kDefaultBatchBytes);

  // Reads the next frame into m. Returns timeout when no complete frame header arrived within
  // the socket's receive timeout (or at once with dontwait); once a header is in, the rest of
  // the frame is waited for, and a stall there throws BackendError, as do a closed connection
  // and a length above kMaxFrameBytes.
  ReadStatus read(int fd, RawMessage& m, bool dontwait);

  // Bytes already read from the socket and not yet handed out.
  std::size_t buffered() const { return end_ - begin_; }

 private:
  // One read of at most at_most bytes into the buffer; false on timeout / would-block. Throws
  // when the peer closed.
  bool fill(int fd, bool dontwait, std::size_t at_most);
  void make_room(std::size_t need);

  std::vector<unsigned char> buf_;
  std::size_t begin_ = 0, end_ = 0;
  bool last_large_ = false;  // the previous frame bypassed the buffer
};

}  // namespace zbench::raw
