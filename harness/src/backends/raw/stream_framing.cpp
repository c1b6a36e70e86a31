// The framing of raw tcp/ipc streams: batching writer and buffered reader (see the header).
#include "backends/raw/stream_framing.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace zbench::raw {
namespace {

[[noreturn]] void fail(const char* what, int err) {
  throw BackendError(fmt::format("raw: {}: {}", what, std::strerror(err)), err);
}

bool would_block(int err) { return err == EAGAIN || err == EWOULDBLOCK; }

void put_length(unsigned char* out, std::size_t size) {
  const auto v = static_cast<std::uint32_t>(size);
  out[0] = static_cast<unsigned char>(v);
  out[1] = static_cast<unsigned char>(v >> 8);
  out[2] = static_cast<unsigned char>(v >> 16);
  out[3] = static_cast<unsigned char>(v >> 24);
}

std::size_t get_length(const unsigned char* in) {
  return static_cast<std::size_t>(in[0]) | static_cast<std::size_t>(in[1]) << 8 |
         static_cast<std::size_t>(in[2]) << 16 | static_cast<std::size_t>(in[3]) << 24;
}

}  // namespace

FrameWriter::FrameWriter(std::size_t batch_bytes, std::size_t direct_bytes)
    : buf_(std::max(batch_bytes, kFrameHeaderBytes)),
      batch_bytes_(std::max(batch_bytes, kFrameHeaderBytes)),
      direct_bytes_(direct_bytes) {}

void FrameWriter::compact() {
  if (begin_ == 0) return;
  std::memmove(buf_.data(), buf_.data() + begin_, queued());
  end_ -= begin_;
  begin_ = 0;
}

void FrameWriter::append(const unsigned char* bytes, std::size_t n) {
  if (room() < n) compact();
  if (room() < n) buf_.resize(end_ + n);  // only a DONTWAIT frame larger than the batch grows it
  if (n > 0) std::memcpy(buf_.data() + end_, bytes, n);
  end_ += n;
}

void FrameWriter::append_header(std::size_t size) {
  unsigned char header[kFrameHeaderBytes];
  put_length(header, size);
  append(header, sizeof header);
}

bool FrameWriter::write_all(int fd, const unsigned char* payload, std::size_t size, bool dontwait) {
  std::size_t payload_done = 0;
  while (queued() > 0 || payload_done < size) {
    iovec iov[2];
    int count = 0;
    if (queued() > 0) iov[count++] = {buf_.data() + begin_, queued()};
    if (payload_done < size)
      iov[count++] = {const_cast<unsigned char*>(payload) + payload_done, size - payload_done};
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = static_cast<decltype(msg.msg_iovlen)>(count);
    const ssize_t n = sendmsg(fd, &msg, MSG_NOSIGNAL | (dontwait ? MSG_DONTWAIT : 0));
    if (n < 0) {
      if (errno == EINTR) continue;
      if (would_block(errno)) return false;
      fail("write", errno);
    }
    auto written = static_cast<std::size_t>(n);
    const std::size_t from_queue = std::min(written, queued());
    begin_ += from_queue;
    payload_done += written - from_queue;
  }
  begin_ = end_ = 0;
  return true;
}

bool FrameWriter::flush(int fd, bool dontwait) {
  if (queued() == 0) return true;
  return write_all(fd, nullptr, 0, dontwait);
}

SendStatus FrameWriter::write(int fd, const unsigned char* payload, std::size_t size,
                              bool flush_now, bool dontwait) {
  if (size > kMaxFrameBytes)
    throw BackendError(fmt::format("raw: a message of {} bytes exceeds the frame limit of {}", size,
                                   kMaxFrameBytes),
                       EMSGSIZE);
  const std::size_t frame = kFrameHeaderBytes + size;
  if (dontwait) {
    // Never blocks: a frame is accepted whole into the queue (which may grow for it when it is
    // empty) and written as far as the kernel takes it; the rest goes out with the next call.
    flush(fd, true);
    if (queued() > 0 && queued() + frame > batch_bytes_) return SendStatus::would_block;
    append_header(size);
    append(payload, size);
    if (flush_now || queued() >= batch_bytes_) flush(fd, true);
    return SendStatus::sent;
  }
  if (size >= direct_bytes_) {
    // Large payload: queued small frames, this header and the payload in one gather write.
    if (room() < kFrameHeaderBytes) compact();
    append_header(size);
    return write_all(fd, payload, size, false) ? SendStatus::sent : SendStatus::would_block;
  }
  if (queued() + frame > batch_bytes_ && !flush(fd, false)) return SendStatus::would_block;
  append_header(size);
  append(payload, size);
  if ((flush_now || queued() >= batch_bytes_) && !flush(fd, false)) return SendStatus::would_block;
  return SendStatus::sent;
}

FrameReader::FrameReader(std::size_t buffer_bytes)
    : buf_(std::max<std::size_t>(buffer_bytes, 4096)) {}

void FrameReader::make_room(std::size_t need) {
  if (begin_ + need <= buf_.size()) return;
  std::memmove(buf_.data(), buf_.data() + begin_, buffered());
  end_ -= begin_;
  begin_ = 0;
}

bool FrameReader::fill(int fd, bool dontwait, std::size_t at_most) {
  if (begin_ == end_) begin_ = end_ = 0;
  if (buf_.size() - end_ < buf_.size() / 4) make_room(buf_.size());
  const std::size_t want = std::min(buf_.size() - end_, at_most);
  for (;;) {
    const ssize_t n = recv(fd, buf_.data() + end_, want, dontwait ? MSG_DONTWAIT : 0);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) throw BackendError("raw: the peer closed the connection", ECONNRESET);
    if (errno == EINTR) continue;
    if (would_block(errno)) return false;
    fail("read", errno);
  }
}

ReadStatus FrameReader::read(int fd, RawMessage& m, bool dontwait) {
  // After a large frame, read only the next header: if that frame is large too, its payload then
  // goes straight into the message instead of through the buffer (a syscall saved a big copy).
  while (buffered() < kFrameHeaderBytes)
    if (!fill(fd, dontwait, last_large_ ? kFrameHeaderBytes - buffered() : buf_.size()))
      return ReadStatus::timeout;
  const std::size_t size = get_length(buf_.data() + begin_);
  if (size > kMaxFrameBytes)
    throw BackendError(fmt::format("raw: frame length {} exceeds the limit of {}; the stream is "
                                   "corrupt",
                                   size, kMaxFrameBytes),
                       EPROTO);
  const std::size_t frame = kFrameHeaderBytes + size;
  // A small frame is completed in the buffer (one read brings the frames after it too); a large
  // one is read straight into the message below.
  last_large_ = frame > buf_.size() / 2;
  if (!last_large_) {
    make_room(frame);
    while (buffered() < frame)
      if (!fill(fd, false, buf_.size()))
        throw BackendError("raw: a frame stayed incomplete for the stall timeout", ETIMEDOUT);
  }
  begin_ += kFrameHeaderBytes;
  m.resize(size);
  const std::size_t have = std::min(buffered(), size);
  if (have > 0) std::memcpy(m.data(), buf_.data() + begin_, have);
  begin_ += have;
  for (std::size_t done = have; done < size;) {
    const ssize_t n = recv(fd, m.data() + done, size - done, 0);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) throw BackendError("raw: the peer closed the connection mid-frame", ECONNRESET);
    if (errno == EINTR) continue;
    if (would_block(errno))
      throw BackendError("raw: a frame stayed incomplete for the stall timeout", ETIMEDOUT);
    fail("read", errno);
  }
  return ReadStatus::frame;
}

}  // namespace zbench::raw
