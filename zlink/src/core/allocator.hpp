// The single allocator of zlink's message hot path: message content blocks, decoder read
// buffers and encoder batch buffers all come from here. The implementation is fixed at build
// time: std::malloc/free by default, mi_malloc/mi_free when ZLINK_ALLOCATOR_MIMALLOC is defined.
#pragma once

#include <cstddef>
#include <memory>

#ifdef ZLINK_ALLOCATOR_MIMALLOC
#include <mimalloc.h>
#else
#include <cstdlib>
#endif

namespace zlink {

// Name of the compiled-in implementation: "std" or "mimalloc" (recorded in benchmark manifests).
const char* allocator_name() noexcept;

// tune_allocator(): adjusts the compiled-in implementation for message traffic, once per
// process; called when a context is created. The mimalloc build keeps pages freed by message
// bodies committed for decommit_delay_ms instead of mimalloc's default 25 ms: a queue of large
// bodies that drains and refills takes longer than 25 ms, so mimalloc handed those pages
// back to the kernel and the next bodies faulted them in again. A delay set in the
// environment (MIMALLOC_DECOMMIT_DELAY, or MIMALLOC_PURGE_DELAY in newer mimalloc) wins.
// The std build changes nothing: glibc's malloc is the whole application's allocator, so its
// tuning (mallopt) is the application's call, not a library's.
void tune_allocator() noexcept;

#ifdef ZLINK_ALLOCATOR_MIMALLOC
inline constexpr long decommit_delay_ms = 1000;
#endif

// Throws std::bad_alloc; kept out of line so the inline fast paths stay small.
[[noreturn]] void throw_bad_alloc();

// alloc(n): a block of at least n bytes, or nullptr when out of memory. It is aligned for any
// object that fits in n bytes (so to alignof(std::max_align_t) once n is at least that; mimalloc
// gives 8-byte blocks 8-byte alignment). n == 0 still yields a distinct block.
// The block may be released by dealloc on any thread: cross-thread frees are deliberately
// not hidden or batched here, because their cost is what the allocator builds compare.
inline void* alloc(std::size_t n) noexcept
{
    const std::size_t size = n == 0 ? 1 : n;
#ifdef ZLINK_ALLOCATOR_MIMALLOC
    return mi_malloc(size);
#else
    return std::malloc(size);
#endif
}

// alloc_aligned(n, align): like alloc, aligned to align (a power of two, at most 4096).
// Released with the same dealloc as every other block.
inline void* alloc_aligned(std::size_t n, std::size_t align) noexcept
{
    // std::aligned_alloc wants the size to be a multiple of the alignment.
    const std::size_t size = ((n == 0 ? 1 : n) + align - 1) & ~(align - 1);
#ifdef ZLINK_ALLOCATOR_MIMALLOC
    return mi_malloc_aligned(size, align);
#else
    return std::aligned_alloc(align, size);
#endif
}

// dealloc(p): releases a block from alloc/alloc_aligned (any thread); nullptr is a no-op.
inline void dealloc(void* p) noexcept
{
#ifdef ZLINK_ALLOCATOR_MIMALLOC
    mi_free(p);
#else
    std::free(p);
#endif
}

// alloc_or_throw(n): alloc that reports exhaustion with std::bad_alloc instead of nullptr.
inline void* alloc_or_throw(std::size_t n)
{
    void* p = alloc(n);
    if (p == nullptr)
        throw_bad_alloc();
    return p;
}

// Deleter so owners of a block can hold it in a std::unique_ptr.
struct dealloc_deleter {
    void operator()(void* p) const noexcept { dealloc(p); }
};

// An owned byte block from this allocator.
using unique_block = std::unique_ptr<unsigned char[], dealloc_deleter>;

// make_block(n): an owned block of n bytes; throws std::bad_alloc when out of memory.
inline unique_block make_block(std::size_t n)
{
    return unique_block(static_cast<unsigned char*>(alloc_or_throw(n)));
}

} // namespace zlink
