// The --noise flag shared by run, report and compare: a percentage ("2", "2%", "0.5") turned
// into the fraction the statistics use.
#pragma once

#include <string>

namespace zbench {

// Throws UsageError naming --noise unless text is a percentage in [0, 100).
double parse_noise_percent(const std::string& text);

}  // namespace zbench
