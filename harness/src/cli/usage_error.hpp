// A user error on the command line: main() prints it and exits with code 2. The message names
// the offending flag and what would have been valid.
#pragma once

#include <stdexcept>

namespace zbench {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailures = 1;  // results written, but some runs failed
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;

}  // namespace zbench
