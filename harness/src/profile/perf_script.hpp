// Reads the text of `perf script -F comm,pid,tid,ip,sym,dso` into call-stack samples: one header
// line per sample ("comm pid/tid"), then one line per frame, leaf first, then a blank line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zbench::profile {

struct StackSample {
  std::string comm;                 // thread name at sample time ("zb-send", "ZMQbg/IO/0")
  int pid = 0;
  int tid = 0;
  std::vector<std::string> frames;  // root first; each a display name (see frame_name)
};

// A frame's display name: the symbol without offset or symbol version ("cfree@GLIBC_2.2.5" ->
// "cfree"), or "[dso file name]" when perf could not name the symbol.
std::string frame_name(std::string_view symbol, std::string_view dso);

// Parses perf script output. Lines it cannot read are skipped and counted in *skipped.
std::vector<StackSample> parse_perf_script(std::string_view text, int* skipped = nullptr);

}  // namespace zbench::profile
