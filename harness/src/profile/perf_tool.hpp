// Driving Linux perf: can it record here (binary present, perf_event_paranoid, a trial record),
// and the command lines for cpu-clock call-graph recording and for `perf script`.
#pragma once

#include <string>
#include <vector>

namespace zbench::profile {

struct PerfAvailability {
  bool usable = false;
  std::string perf;    // path of the perf binary
  std::string reason;  // when not usable: what is wrong and what to change
};

// Checks PATH for perf, reads /proc/sys/kernel/perf_event_paranoid and runs a 50 ms trial
// `perf record -e cpu-clock` of /bin/true into scratch_dir.
PerfAvailability check_perf(const std::string& scratch_dir);

// How call stacks are unwound: frame pointers (cheap; our `profile` preset keeps them) or
// DWARF (works for Debian's libzmq, built without frame pointers).
enum class CallGraph { fp, dwarf };

struct RecordOptions {
  int frequency_hz = 999;
  CallGraph call_graph = CallGraph::dwarf;
  int dwarf_stack_bytes = 16384;  // bytes of stack copied per sample for DWARF unwinding
};

// argv prefix for `perf record ... -o data_file --`; append the profiled command.
std::vector<std::string> perf_record_argv(const std::string& perf, const std::string& data_file,
                                          const RecordOptions& options);
// argv of `perf script` producing the text parse_perf_script reads.
std::vector<std::string> perf_script_argv(const std::string& perf, const std::string& data_file);

}  // namespace zbench::profile
