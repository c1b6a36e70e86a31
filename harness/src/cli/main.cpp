// zbench: benchmark zlink against libzmq cell by cell, and report what is real and what is noise.
// Exit codes: 0 ok, 1 some runs failed (results still written), 2 bad usage, 130 interrupted.
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/usage_error.hpp"
#include "matrix/matrix.hpp"

int main(int argc, char** argv) {
  using namespace zbench;
  remember_command_line(argc, argv);
  CLI::App app{"zbench: a benchmark-and-profiling harness comparing zlink and libzmq"};
  app.set_version_flag("--version", std::string("zbench ") + ZBENCH_VERSION);
  app.require_subcommand(1);
  std::map<std::string, std::function<int()>> commands{
      {"run", add_run_command(app)},         {"list", add_list_command(app)},
      {"report", add_report_command(app)},   {"compare", add_compare_command(app)},
      {"profile", add_profile_command(app)}, {"micro", add_micro_command(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  try {
    return commands.at(app.get_subcommands().front()->get_name())();
  } catch (const UsageError& e) {
    std::cerr << "zbench: error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const MatrixError& e) {
    std::cerr << "zbench: error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "zbench: error: " << e.what() << "\n";
    return 1;
  }
}
