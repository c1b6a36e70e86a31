// Out-of-line parts of the hot-path allocator (see allocator.hpp): its name for reports and
// the cold exhaustion path.
#include "allocator.hpp"

#include <new>

namespace zlink {

const char* allocator_name() noexcept
{
#ifdef ZLINK_ALLOCATOR_MIMALLOC
    return "mimalloc";
#else
    return "std";
#endif
}

void throw_bad_alloc()
{
    throw std::bad_alloc();
}

} // namespace zlink
