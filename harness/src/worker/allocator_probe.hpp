// Run-time check of which allocator serves this process's malloc, so the manifest records what
// actually ran (e.g. that an LD_PRELOADed mimalloc really took over), not what was intended.
#pragma once

#include <string>

namespace zbench {

// "mimalloc" when a block from malloc() lives in mimalloc's heap, else "glibc".
std::string detect_process_allocator();

}  // namespace zbench
