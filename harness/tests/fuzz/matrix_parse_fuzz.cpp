// libFuzzer target for the matrix parsers (sizes, pattern/transport names, cell keys, comma
// lists): any input either parses into a value that round-trips or throws MatrixError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "matrix/matrix.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace zbench;
  try {
    const std::size_t bytes = parse_size(text);
    if (bytes < min_message_size() || bytes > max_message_size()) __builtin_trap();
    if (parse_size(format_size(bytes)) != bytes) __builtin_trap();
  } catch (const MatrixError&) {
  }
  try {
    const Cell cell = parse_cell_key(text);
    if (parse_cell_key(cell_key(cell)) != cell) __builtin_trap();
  } catch (const MatrixError&) {
  }
  try {
    MatrixFilter filter;
    filter.patterns = {text};
    filter.sizes = {text};
    (void)build_cells(filter);
  } catch (const MatrixError&) {
  }
  return 0;
}
