// Names, parsers and cell enumeration for the benchmark matrix.
#include "matrix/matrix.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <charconv>

namespace zbench {
namespace {

std::string normalise(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '-') c = '_';
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

template <class T>
std::string join_names(const std::vector<T>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += to_string(item);
  }
  return out;
}

}  // namespace

const std::vector<Pattern>& all_patterns() {
  static const std::vector<Pattern> v{Pattern::pair,          Pattern::pubsub,
                                      Pattern::dealer_dealer, Pattern::dealer_router,
                                      Pattern::router_router, Pattern::router_router_poll};
  return v;
}

const std::vector<Transport>& all_transports() {
  static const std::vector<Transport> v{Transport::tcp, Transport::inproc, Transport::ipc};
  return v;
}

const std::vector<std::size_t>& default_sizes() {
  static const std::vector<std::size_t> v{64, 256, 1024, 65536, 131072, 262144};
  return v;
}

std::string_view to_string(Pattern p) {
  switch (p) {
    case Pattern::pair: return "PAIR";
    case Pattern::pubsub: return "PUBSUB";
    case Pattern::dealer_dealer: return "DEALER_DEALER";
    case Pattern::dealer_router: return "DEALER_ROUTER";
    case Pattern::router_router: return "ROUTER_ROUTER";
    case Pattern::router_router_poll: return "ROUTER_ROUTER_POLL";
  }
  return "?";
}

std::string_view to_string(Transport t) {
  switch (t) {
    case Transport::tcp: return "tcp";
    case Transport::inproc: return "inproc";
    case Transport::ipc: return "ipc";
  }
  return "?";
}

Pattern parse_pattern(std::string_view text) {
  const std::string wanted = normalise(trim(text));
  for (Pattern p : all_patterns())
    if (normalise(to_string(p)) == wanted) return p;
  throw MatrixError(
      fmt::format("unknown pattern '{}'; valid patterns: {}", text, join_names(all_patterns())));
}

Transport parse_transport(std::string_view text) {
  const std::string wanted = normalise(trim(text));
  for (Transport t : all_transports())
    if (to_string(t) == wanted) return t;
  throw MatrixError(fmt::format("unknown transport '{}'; valid transports: {}", text,
                                join_names(all_transports())));
}

std::size_t parse_size(std::string_view raw) {
  const std::string text = trim(raw);
  const auto bad = [&](std::string_view why) {
    return MatrixError(fmt::format(
        "invalid size '{}': {}; use a positive byte count with an optional suffix K, KiB, M or "
        "MiB (e.g. 64, 1K, 64KiB), from 16 bytes to 64MiB",
        raw, why));
  };
  if (text.empty()) throw bad("empty");
  if (text[0] == '-') throw bad("negative");
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data()) throw bad("not a number");
  const std::string suffix = normalise(std::string_view(end, text.data() + text.size() - end));
  std::uint64_t scale = 1;
  if (suffix.empty() || suffix == "b")
    scale = 1;
  else if (suffix == "k" || suffix == "kib" || suffix == "kb")
    scale = 1024;
  else if (suffix == "m" || suffix == "mib" || suffix == "mb")
    scale = 1024 * 1024;
  else
    throw bad(fmt::format("unknown suffix '{}'", std::string_view(end)));
  if (value == 0) throw bad("zero");
  if (value > max_message_size() / scale) throw bad("too large");
  if (value * scale < min_message_size()) throw bad("too small for the 16-byte sequence header");
  return static_cast<std::size_t>(value * scale);
}

std::string format_size(std::size_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return fmt::format("{}MiB", bytes >> 20);
  if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{}KiB", bytes >> 10);
  return fmt::format("{}", bytes);
}

std::string cell_key(const Cell& cell) {
  return fmt::format("{}/{}/{}", to_string(cell.pattern), to_string(cell.transport), cell.size);
}

Cell parse_cell_key(std::string_view key) {
  const auto a = key.find('/');
  const auto b = a == std::string_view::npos ? a : key.find('/', a + 1);
  if (b == std::string_view::npos)
    throw MatrixError(fmt::format("invalid cell key '{}'; expected PATTERN/transport/size", key));
  return Cell{parse_pattern(key.substr(0, a)), parse_transport(key.substr(a + 1, b - a - 1)),
              parse_size(key.substr(b + 1))};
}

std::vector<std::string> split_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      auto comma = item.find(',', start);
      if (comma == std::string::npos) comma = item.size();
      std::string piece = trim(std::string_view(item).substr(start, comma - start));
      if (!piece.empty()) out.push_back(std::move(piece));
      start = comma + 1;
    }
  }
  return out;
}

std::vector<Cell> build_cells(const MatrixFilter& filter) {
  std::vector<Pattern> patterns;
  for (const auto& p : split_list(filter.patterns)) patterns.push_back(parse_pattern(p));
  if (patterns.empty()) patterns = all_patterns();
  std::vector<Transport> transports;
  for (const auto& t : split_list(filter.transports)) transports.push_back(parse_transport(t));
  if (transports.empty()) transports = all_transports();
  std::vector<std::size_t> sizes;
  for (const auto& s : split_list(filter.sizes)) sizes.push_back(parse_size(s));
  if (sizes.empty()) sizes = default_sizes();

  // Keep the canonical order whatever order the user typed, so reports are stable.
  const auto canonical = [](auto& v, const auto& order) {
    std::vector<std::decay_t<decltype(v[0])>> out;
    for (const auto& item : order)
      if (std::find(v.begin(), v.end(), item) != v.end()) out.push_back(item);
    v = std::move(out);
  };
  canonical(patterns, all_patterns());
  canonical(transports, all_transports());
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());

  std::vector<Cell> cells;
  for (Pattern p : patterns)
    for (Transport t : transports)
      for (std::size_t s : sizes) cells.push_back(Cell{p, t, s});
  return cells;
}

}  // namespace zbench
