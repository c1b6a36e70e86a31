// Variant registry. The mimalloc path comes from CMake (ZBENCH_MIMALLOC_LIBRARY) so the preload
// names exactly the Debian library the build found.
#include "runner/variants.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#ifndef ZBENCH_MIMALLOC_LIBRARY
#define ZBENCH_MIMALLOC_LIBRARY ""
#endif

namespace zbench {

const std::vector<VariantBuild>& known_builds() {
  static const std::vector<VariantBuild> builds{
      {"libzmq", "zbench-worker-libzmq", "", "glibc", "ZMTP 3.1",
       "Debian's libzmq through cppzmq, process allocator glibc malloc", "libzmq (Debian)"},
      {"libzmq-mimalloc", "zbench-worker-libzmq", ZBENCH_MIMALLOC_LIBRARY, "mimalloc", "ZMTP 3.1",
       "the libzmq worker with Debian's libmimalloc preloaded as the process allocator",
       "libzmq (Debian)"},
      {"zlink", "zbench-worker-zlink", "", "std", "ZMP v2",
       "in-tree zlink built with ZLINK_ALLOCATOR=std (std::malloc/free)", "zlink"},
      {"zlink-mimalloc", "zbench-worker-zlink-mimalloc", "", "mimalloc", "ZMP v2",
       "in-tree zlink built with ZLINK_ALLOCATOR=mimalloc (mi_malloc/mi_free)", "zlink"},
      {"zlink-ext", "zbench-worker-zlink-ext", "", "as installed", "ZMP v2",
       "an installed zlink found through -DZBENCH_ZLINK_PREFIX", "zlink"},
      {"raw", "zbench-worker-raw", "", "glibc", "none (length-prefixed)",
       "no library: plain sockets / an SPSC ring, the ceiling of each transport (not a "
       "competitor)",
       "none (raw sockets)"},
  };
  return builds;
}

std::string worker_directory() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return ".";
  return exe.parent_path().string();
}

std::vector<VariantBuild> available_builds(const std::string& worker_dir) {
  std::vector<VariantBuild> out;
  for (const auto& b : known_builds()) {
    const auto worker = std::filesystem::path(worker_dir) / b.worker;
    if (access(worker.c_str(), X_OK) != 0) continue;
    if (b.name == "libzmq-mimalloc" && (b.preload.empty() || access(b.preload.c_str(), R_OK) != 0))
      continue;
    out.push_back(b);
  }
  return out;
}

std::vector<SelectedVariant> select_variants(const std::vector<std::string>& names,
                                             const std::string& worker_dir) {
  const auto available = available_builds(worker_dir);
  std::string valid;
  for (const auto& b : available) valid += (valid.empty() ? "" : ", ") + b.name;
  if (names.empty())
    throw std::invalid_argument("--variants: no variant given; available: " + valid);

  std::map<std::string, int> seen;
  std::vector<SelectedVariant> out;
  for (const auto& raw : names) {
    const std::string name = raw.substr(0, raw.find('#'));
    const VariantBuild* found = nullptr;
    for (const auto& b : available)
      if (b.name == name) found = &b;
    if (found == nullptr) {
      bool known = false;
      for (const auto& b : known_builds()) known = known || b.name == name;
      throw std::invalid_argument(
          fmt::format("--variants: '{}' is {}; available in this build: {}", raw,
                      known ? "not built in this build directory" : "not a known variant", valid));
    }
    const int count = ++seen[name];
    out.push_back({count == 1 ? name : fmt::format("{}#{}", name, count), *found});
  }
  return out;
}

}  // namespace zbench
