// Asks mimalloc (if it is loaded at all) whether it owns a block that plain malloc() returned.
// Looking the symbol up at run time keeps the worker free of a link-time mimalloc dependency.
#include "worker/allocator_probe.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace zbench {

std::string detect_process_allocator() {
  using owns_fn = bool (*)(const void*);
  auto* owns = reinterpret_cast<owns_fn>(dlsym(RTLD_DEFAULT, "mi_is_in_heap_region"));
  void* block = std::malloc(64);
  const bool mimalloc = owns != nullptr && block != nullptr && owns(block);
  std::free(block);
  return mimalloc ? "mimalloc" : "glibc";
}

}  // namespace zbench
