// Stack folding. A ';' inside a frame name would split it, so it is replaced by ':'.
#include "profile/folded_stacks.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "profile/thread_roles.hpp"

namespace zbench::profile {

FoldedStacks fold(const std::vector<StackSample>& samples) {
  FoldedStacks out;
  for (const auto& s : samples) {
    std::string key(to_string(classify_thread(s.comm, s.pid, s.tid)));
    for (const auto& f : s.frames) {
      std::string frame = f;
      std::replace(frame.begin(), frame.end(), ';', ':');
      key += ';';
      key += frame;
    }
    ++out[key];
  }
  return out;
}

std::uint64_t total_samples(const FoldedStacks& folded) {
  std::uint64_t n = 0;
  for (const auto& [stack, count] : folded) n += count;
  return n;
}

std::string to_text(const FoldedStacks& folded) {
  std::string out;
  for (const auto& [stack, count] : folded) out += stack + " " + std::to_string(count) + "\n";
  return out;
}

FoldedStacks parse_folded(std::string_view text) {
  FoldedStacks out;
  int line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (line.empty()) continue;
    const auto space = line.rfind(' ');
    std::uint64_t count = 0;
    const char* end = line.data() + line.size();
    if (space == std::string_view::npos ||
        std::from_chars(line.data() + space + 1, end, count).ptr != end)
      throw std::runtime_error("folded stacks: line " + std::to_string(line_no) +
                               " is not 'frame;frame;... count'");
    out[std::string(line.substr(0, space))] += count;
  }
  return out;
}

std::vector<std::string_view> split_frames(std::string_view stack) {
  std::vector<std::string_view> out;
  while (true) {
    const auto semi = stack.find(';');
    out.push_back(stack.substr(0, semi));
    if (semi == std::string_view::npos) break;
    stack.remove_prefix(semi + 1);
  }
  return out;
}

}  // namespace zbench::profile
