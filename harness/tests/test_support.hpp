// Helpers shared by the harness tests: a private temporary directory and running zbench itself.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "runner/subprocess.hpp"

namespace zbench {

struct TempDirectory {
  std::filesystem::path path;
  TempDirectory() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "zbench-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// Runs the built zbench with args; bounded by timeout_s.
inline ProcessResult run_zbench(const std::vector<std::string>& args, double timeout_s = 300,
                                std::vector<std::string> env = {}) {
  ProcessSpec spec;
  spec.argv = {ZBENCH_BINARY};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.timeout_s = timeout_s;
  spec.extra_env = std::move(env);
  return run_process(spec);
}

// A valid sample line written by hand, so tests need not go through the JSON library.
inline std::string nlohmann_free_sample_line() {
  return R"({"variant":"libzmq","cell":"PAIR/tcp/64","run":0,"ok":true})";
}

// Short phases so end-to-end runs take a fraction of a second per worker.
inline std::vector<std::string> quick_phase_flags(const std::string& timeout_s = "20") {
  return {"--warmup",         "0.01", "--duration", "0.05",   "--latency-duration", "0.02",
          "--latency-warmup", "20",   "--timeout",  timeout_s};
}

}  // namespace zbench
