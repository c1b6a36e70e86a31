// The benchmark matrix: patterns, transports and message sizes, their canonical names, and the
// parsers that turn user-supplied filters into cells. Parsers throw MatrixError naming the valid
// set.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zbench {

enum class Pattern {
  pair,
  pubsub,
  dealer_dealer,
  dealer_router,
  router_router,
  router_router_poll
};
enum class Transport { tcp, inproc, ipc };

// A bad filter value; what() names the offending value and lists the valid ones.
class MatrixError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

const std::vector<Pattern>& all_patterns();
const std::vector<Transport>& all_transports();
const std::vector<std::size_t>& default_sizes();

std::string_view to_string(Pattern p);    // "PAIR", "PUBSUB", ...
std::string_view to_string(Transport t);  // "tcp", "inproc", "ipc"

// Case-insensitive; accepts "-" or "_" interchangeably ("dealer-router").
Pattern parse_pattern(std::string_view text);
Transport parse_transport(std::string_view text);

// Accepts a positive byte count with an optional binary suffix: 64, 1K, 1KiB, 64k, 2M, 2MiB.
// Rejects zero, negatives, unknown suffixes and values outside
// [min_message_size(), max_message_size()].
std::size_t parse_size(std::string_view text);
// Every payload starts with a 16-byte sequence header the receiver verifies.
constexpr std::size_t min_message_size() { return 16; }
constexpr std::size_t max_message_size() { return std::size_t{64} << 20; }

// "64", "1KiB", "64KiB": the form reports use.
std::string format_size(std::size_t bytes);

struct Cell {
  Pattern pattern;
  Transport transport;
  std::size_t size;
  friend bool operator==(const Cell&, const Cell&) = default;
};

// "PAIR/tcp/64": stable key used in files and for --resume.
std::string cell_key(const Cell& cell);
Cell parse_cell_key(std::string_view key);

// Splits comma lists ("a,b") from repeated flags into single items, trimming blanks.
std::vector<std::string> split_list(const std::vector<std::string>& items);

struct MatrixFilter {
  std::vector<std::string> patterns;    // empty = all
  std::vector<std::string> transports;  // empty = all
  std::vector<std::string> sizes;       // empty = default sizes
};

// Cells in pattern-major, transport, size order, deduplicated.
std::vector<Cell> build_cells(const MatrixFilter& filter);

}  // namespace zbench
