// The registry of variant builds the runner can drive: which worker executable measures each,
// what is preloaded into it, and what allocator and protocol it is declared to use.
#pragma once

#include <string>
#include <vector>

namespace zbench {

struct VariantBuild {
  std::string name;         // libzmq, libzmq-mimalloc, zlink, zlink-mimalloc, zlink-ext, raw
  std::string worker;       // worker executable file name, next to zbench
  std::string preload;      // shared library to LD_PRELOAD into the worker; empty = none
  std::string allocator;    // allocator the build is meant to use
  std::string protocol;     // wire protocol on tcp/ipc
  std::string description;  // one line for `zbench list`
  std::string library;      // the messaging library measured, as the manifest names it
};

struct SelectedVariant {
  std::string label;  // unique within a run: a repeated name gets "#2", "#3", ...
  VariantBuild build;
};

// Every variant zbench knows, whether or not this build produced its worker.
const std::vector<VariantBuild>& known_builds();

// The directory holding zbench and its workers (from /proc/self/exe).
std::string worker_directory();

// Known builds whose worker executable exists in worker_dir (and whose preload exists).
std::vector<VariantBuild> available_builds(const std::string& worker_dir);

// Resolves user-supplied names (possibly repeated, possibly already labelled "libzmq#2").
// Throws std::invalid_argument listing the available variants when a name is unknown or missing.
std::vector<SelectedVariant> select_variants(const std::vector<std::string>& names,
                                             const std::string& worker_dir);

}  // namespace zbench
