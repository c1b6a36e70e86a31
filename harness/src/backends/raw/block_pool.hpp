// Payload blocks of raw messages, recycled instead of returned to malloc. Over inproc a block is
// allocated by the sending thread and released by the receiving one; glibc then trims and
// regrows the sender's arena on every few hundred messages, which would make raw measure the
// allocator instead of the transport. Each thread keeps a cache of free blocks and trades them
// in batches with a shared depot, so the hot path touches a mutex once per batch.
#pragma once

#include <cstddef>

namespace zbench::raw {

// A block of at least `size` bytes (its real capacity in *capacity). Throws std::bad_alloc.
unsigned char* acquire_block(std::size_t size, std::size_t* capacity);

// Gives a block from acquire_block back (any thread).
void release_block(unsigned char* block, std::size_t capacity);

}  // namespace zbench::raw
