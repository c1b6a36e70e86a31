// Out-of-line parts of the hot-path allocator (see allocator.hpp): its name for reports, its
// one-time tuning and the cold exhaustion path.
#include "allocator.hpp"

#include <cstdlib>
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

void tune_allocator() noexcept
{
#ifdef ZLINK_ALLOCATOR_MIMALLOC
    // A function-local static runs this once, however many contexts start concurrently.
    static const bool tuned = [] {
        if (std::getenv("MIMALLOC_DECOMMIT_DELAY") != nullptr ||
            std::getenv("MIMALLOC_PURGE_DELAY") != nullptr)
            return false;
        mi_option_set(mi_option_decommit_delay, decommit_delay_ms);
        return true;
    }();
    (void)tuned;
#endif
}

void throw_bad_alloc()
{
    throw std::bad_alloc();
}

} // namespace zlink
