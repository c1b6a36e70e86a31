// Parsing of the --noise percentage.
#include "cli/noise_flag.hpp"

#include <fmt/format.h>

#include "cli/usage_error.hpp"

namespace zbench {

double parse_noise_percent(const std::string& text) {
  std::string t = text;
  if (!t.empty() && t.back() == '%') t.pop_back();
  std::size_t used = 0;
  double pct = -1;
  try {
    pct = std::stod(t, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != t.size() || pct < 0 || pct >= 100)
    throw UsageError(
        fmt::format("--noise: invalid value '{}'; give a percentage in [0, 100), "
                    "e.g. 2 or 2%",
                    text));
  return pct / 100.0;
}

}  // namespace zbench
