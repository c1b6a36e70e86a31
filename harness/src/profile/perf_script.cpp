// Parser for `perf script` text. The comm may contain spaces, so the header is read from the
// right: the last token is "pid/tid" and everything before it is the thread name.
#include "profile/perf_script.hpp"

#include <algorithm>
#include <charconv>

namespace zbench::profile {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parse_int(std::string_view s, int& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

bool parse_header(std::string_view line, StackSample& out) {
  line = trim(line);
  const auto space = line.rfind(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view ids = line.substr(space + 1);
  const auto slash = ids.find('/');
  if (slash == std::string_view::npos) return false;
  if (!parse_int(ids.substr(0, slash), out.pid) || !parse_int(ids.substr(slash + 1), out.tid))
    return false;
  out.comm = std::string(trim(line.substr(0, space)));
  return true;
}

// "    7f12 sym+0x1a (/usr/lib/libc.so.6)" -> frame name; false when the line has no dso part.
bool parse_frame(std::string_view line, std::string& out) {
  line = trim(line);
  const auto ip_end = line.find(' ');
  if (ip_end == std::string_view::npos || line.back() != ')') return false;
  const auto open = line.rfind(" (");
  if (open == std::string_view::npos || open < ip_end) return false;
  const std::string_view dso = line.substr(open + 2, line.size() - open - 3);
  out = frame_name(trim(line.substr(ip_end, open - ip_end)), dso);
  return true;
}

}  // namespace

std::string frame_name(std::string_view symbol, std::string_view dso) {
  if (symbol.empty() || symbol == "[unknown]") {
    const auto slash = dso.rfind('/');
    const std::string_view file = slash == std::string_view::npos ? dso : dso.substr(slash + 1);
    return "[" + std::string(file.empty() ? "unknown" : file) + "]";
  }
  const auto plus = symbol.rfind("+0x");
  if (plus != std::string_view::npos && plus > 0) symbol = symbol.substr(0, plus);
  // Symbol versions are noise; "@plt" stubs are kept, as they are the cost of a call indirection.
  const auto at = symbol.find('@');
  if (at != std::string_view::npos && at > 0 && symbol.substr(at) != "@plt" &&
      symbol.find('(') == std::string_view::npos)
    symbol = symbol.substr(0, at);
  return std::string(symbol);
}

std::vector<StackSample> parse_perf_script(std::string_view text, int* skipped) {
  std::vector<StackSample> out;
  int bad = 0;
  bool in_sample = false;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (trim(line).empty()) {
      in_sample = false;
    } else if (line.front() != ' ' && line.front() != '\t') {
      StackSample s;
      in_sample = parse_header(line, s);
      if (in_sample) out.push_back(std::move(s));
      else ++bad;
    } else if (in_sample) {
      std::string frame;
      if (parse_frame(line, frame)) out.back().frames.push_back(std::move(frame));
      else ++bad;
    }
  }
  for (auto& s : out) std::reverse(s.frames.begin(), s.frames.end());
  if (skipped != nullptr) *skipped = bad;
  return out;
}

}  // namespace zbench::profile
