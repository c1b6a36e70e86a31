// Which stack frames belong to the allocator: the C malloc family, glibc's malloc internals,
// mimalloc's mi_* / _mi_* functions and C++ operator new/delete. These rules decide the
// "allocator share" every report quotes, so they are listed in one place.
#pragma once

#include <string_view>

namespace zbench::profile {

// True for a frame inside an allocator (allocation or release).
bool is_allocator_frame(std::string_view frame);
// True for an allocator frame on the release side (free, mi_free, operator delete, _int_free...).
bool is_free_frame(std::string_view frame);
// True for a call-indirection frame around the allocator: a PLT stub of an allocator function,
// or a zlink allocator wrapper that was not inlined (zlink::alloc, zlink::dealloc, ...).
bool is_allocator_wrapper_frame(std::string_view frame);

}  // namespace zbench::profile
