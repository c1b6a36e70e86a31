// perf detection and command lines. The trial record is what really decides: paranoia levels,
// containers and seccomp can each forbid perf_event_open, and only a real attempt tells.
#include "profile/perf_tool.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "runner/subprocess.hpp"

namespace zbench::profile {
namespace {

std::string find_in_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path == nullptr ? "/usr/bin:/bin" : path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const auto candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

std::string paranoia_hint() {
  std::ifstream in("/proc/sys/kernel/perf_event_paranoid");
  int level = 0;
  if (!(in >> level)) return "";
  if (level <= 1 || geteuid() == 0) return fmt::format(" (kernel.perf_event_paranoid is {})", level);
  return fmt::format("; kernel.perf_event_paranoid is {} and this user is not root: run "
                     "`sudo sysctl kernel.perf_event_paranoid=1` (or run as root)", level);
}

}  // namespace

PerfAvailability check_perf(const std::string& scratch_dir) {
  PerfAvailability out;
  out.perf = find_in_path("perf");
  if (out.perf.empty()) {
    out.reason = "perf is not installed: install the Debian package linux-perf "
                 "(apt-get install linux-perf)";
    return out;
  }
  const std::string data = (std::filesystem::path(scratch_dir) / "perf-trial.data").string();
  ProcessSpec spec;
  spec.argv = {out.perf, "record", "-q", "-e", "cpu-clock", "-F", "99", "-g", "-o", data, "--",
               "/bin/sleep", "0.05"};
  spec.timeout_s = 20;
  ProcessResult r;
  try {
    r = run_process(spec);
  } catch (const std::exception& e) {
    out.reason = fmt::format("perf could not be started ({})", e.what());
    return out;
  }
  std::error_code ec;
  std::filesystem::remove(data, ec);
  if (r.timed_out || r.signaled || r.exit_code != 0) {
    out.reason = fmt::format("`perf record -e cpu-clock` failed{}: {}", paranoia_hint(),
                             tail_lines(r.err, 3));
    return out;
  }
  out.usable = true;
  return out;
}

std::vector<std::string> perf_record_argv(const std::string& perf, const std::string& data_file,
                                          const RecordOptions& options) {
  std::vector<std::string> argv{perf, "record", "-q", "-e", "cpu-clock", "-F",
                                std::to_string(options.frequency_hz), "-o", data_file};
  if (options.call_graph == CallGraph::fp) {
    argv.insert(argv.end(), {"--call-graph", "fp"});
  } else {
    argv.insert(argv.end(), {"--call-graph", fmt::format("dwarf,{}", options.dwarf_stack_bytes)});
  }
  argv.push_back("--");
  return argv;
}

std::vector<std::string> perf_script_argv(const std::string& perf, const std::string& data_file) {
  // --no-inline: inline expansion runs addr2line per frame and takes minutes on DWARF stacks.
  return {perf, "script", "-i", data_file, "-F", "comm,pid,tid,ip,sym,dso", "--no-inline"};
}

}  // namespace zbench::profile
