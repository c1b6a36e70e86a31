// Allocator frame rules. Exact names for the C entry points (so "freeaddrinfo" is not "free"),
// prefixes for allocator-internal families.
#include "profile/allocator_frames.hpp"

#include <array>

namespace zbench::profile {
namespace {

constexpr std::array<std::string_view, 22> kAllocExact{
    "malloc", "calloc", "realloc", "reallocarray", "posix_memalign", "aligned_alloc", "memalign",
    "valloc", "pvalloc", "sysmalloc", "malloc_consolidate", "unlink_chunk", "arena_get2",
    "_int_memalign", "__libc_malloc", "__libc_calloc", "__libc_realloc", "__libc_memalign",
    "__libc_pvalloc", "__libc_valloc", "__posix_memalign", "_mid_memalign"};
constexpr std::array<std::string_view, 6> kFreeExact{"free", "cfree", "__libc_free", "_int_free",
                                                     "__free", "free_perturb"};
constexpr std::array<std::string_view, 9> kAllocPrefix{
    "_int_malloc", "_int_realloc", "tcache", "mi_", "_mi_", "operator new", "mi_new",
    "__libc_malloc", "__GI___libc_malloc"};
constexpr std::array<std::string_view, 7> kFreePrefix{
    "mi_free", "_mi_free", "operator delete", "_int_free", "__GI___libc_free", "tcache_put",
    "mi_cfree"};

// "operator new(unsigned long)" and "malloc@plt" both name the function before the decoration.
std::string_view base_name(std::string_view frame) {
  if (frame.ends_with("@plt")) frame.remove_suffix(4);
  if (!frame.starts_with("operator")) {
    const auto paren = frame.find('(');
    if (paren != std::string_view::npos) frame = frame.substr(0, paren);
  }
  // Compiler clones of C functions: "_mid_memalign.constprop.0", "_int_free.cold".
  const auto dot = frame.find('.');
  if (dot != std::string_view::npos && dot > 0 && frame.find("::") == std::string_view::npos)
    frame = frame.substr(0, dot);
  return frame;
}

template <std::size_t N>
bool any_exact(const std::array<std::string_view, N>& names, std::string_view f) {
  for (auto n : names)
    if (f == n) return true;
  return false;
}

template <std::size_t N>
bool any_prefix(const std::array<std::string_view, N>& names, std::string_view f) {
  for (auto n : names)
    if (f.starts_with(n)) return true;
  return false;
}

}  // namespace

bool is_free_frame(std::string_view frame) {
  const auto f = base_name(frame);
  return any_exact(kFreeExact, f) || any_prefix(kFreePrefix, f);
}

bool is_allocator_frame(std::string_view frame) {
  // Debian's libmimalloc is stripped: its internal functions only show as the library itself.
  if (frame.starts_with("[libmimalloc.so")) return true;
  const auto f = base_name(frame);
  return any_exact(kAllocExact, f) || any_prefix(kAllocPrefix, f) || is_free_frame(frame);
}

bool is_allocator_wrapper_frame(std::string_view frame) {
  if (frame.ends_with("@plt")) return is_allocator_frame(frame);
  const auto f = base_name(frame);
  return f == "zlink::alloc" || f == "zlink::dealloc" || f == "zlink::alloc_aligned" ||
         f == "zlink::alloc_or_throw" || f == "zlink::make_block" ||
         f == "zlink::dealloc_deleter::operator()";
}

}  // namespace zbench::profile
