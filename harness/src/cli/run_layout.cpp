// Run directory layout and the command-line record.
#include "cli/run_layout.hpp"

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/usage_error.hpp"

namespace zbench {
namespace {

std::string g_command_line;

std::string shell_quote(const std::string& arg) {
  if (!arg.empty() && arg.find_first_of(" \t\n'\"\\$`*?&;|<>()[]{}!#~") == std::string::npos)
    return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

void remember_command_line(int argc, char** argv) {
  g_command_line.clear();
  for (int i = 0; i < argc; ++i) {
    if (i > 0) g_command_line += ' ';
    g_command_line += shell_quote(argv[i]);
  }
}

const std::string& command_line() { return g_command_line; }

RunLayout default_layout(const std::filesystem::path& results_root,
                         const std::filesystem::path& reports_root, const std::string& run_id) {
  return {results_root / run_id, reports_root / run_id};
}

RunLayout out_layout(const std::filesystem::path& out) { return {out, out}; }

RunLayout existing_layout(const std::filesystem::path& dir, const std::string& flag) {
  if (!std::filesystem::is_regular_file(dir / "manifest.json"))
    throw UsageError(
        fmt::format("{}: '{}' is not a results directory (it has no manifest.json); "
                    "give a directory written by zbench run",
                    flag, dir.string()));
  // results/<id> keeps its report in reports/<id>; any other directory holds its own report.
  auto norm = dir.lexically_normal();
  if (norm.filename().empty()) norm = norm.parent_path();  // "results/<id>/"
  if (norm.parent_path().filename() == "results")
    return {dir, norm.parent_path().parent_path() / "reports" / norm.filename()};
  return {dir, dir};
}

}  // namespace zbench
