// `zbench list`: the patterns, transports, sizes and variants this build can run.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "matrix/matrix.hpp"
#include "runner/variants.hpp"

namespace zbench {

std::function<int()> add_list_command(CLI::App& app) {
  app.add_subcommand("list", "List patterns, transports, sizes and the variants built here");
  return [] {
    std::cout << "patterns:";
    for (Pattern p : all_patterns()) std::cout << " " << to_string(p);
    std::cout << "\ntransports:";
    for (Transport t : all_transports()) std::cout << " " << to_string(t);
    std::cout << "\nsizes (default):";
    for (std::size_t s : default_sizes()) std::cout << " " << format_size(s);
    std::cout << "\nvariants:\n";
    const auto available = available_builds(worker_directory());
    std::size_t protocol_width = 0;
    for (const auto& b : known_builds()) protocol_width = std::max(protocol_width, b.protocol.size());
    for (const auto& b : known_builds()) {
      bool built = false;
      for (const auto& a : available) built = built || a.name == b.name;
      std::cout << fmt::format("  {:<16} {:<{}} {}{}\n", b.name, b.protocol, protocol_width,
                               b.description, built ? "" : " [not built here]");
    }
    return 0;
  };
}

}  // namespace zbench
