// The zbench subcommands. Each registers its flags on a CLI11 app and returns an exit code.
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace zbench {

// The command line as typed (shell-quoted where needed), recorded in manifests and reports.
void remember_command_line(int argc, char** argv);
const std::string& command_line();

// Adds the subcommand to app; the returned callable runs it after parsing.
std::function<int()> add_run_command(CLI::App& app);
std::function<int()> add_list_command(CLI::App& app);
std::function<int()> add_report_command(CLI::App& app);
std::function<int()> add_compare_command(CLI::App& app);
std::function<int()> add_profile_command(CLI::App& app);
std::function<int()> add_micro_command(CLI::App& app);

}  // namespace zbench
