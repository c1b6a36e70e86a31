// Parsers of the benchmark matrix: sizes with suffixes, pattern and transport names, cell keys
// and the cell enumeration behind the default full matrix.
#include <gtest/gtest.h>

#include "matrix/matrix.hpp"

namespace zbench {
namespace {

TEST(MatrixParse, SizesAcceptPlainBytesAndBinarySuffixes) {
  EXPECT_EQ(parse_size("64"), 64u);
  EXPECT_EQ(parse_size("1K"), 1024u);
  EXPECT_EQ(parse_size("1KiB"), 1024u);
  EXPECT_EQ(parse_size("64k"), 65536u);
  EXPECT_EQ(parse_size("256K"), 262144u);
  EXPECT_EQ(parse_size("2MiB"), 2u * 1024 * 1024);
  EXPECT_EQ(parse_size(" 256 "), 256u);
}

TEST(MatrixParse, BadSizesAreRejectedWithTheValidForm) {
  for (const char* bad : {"64X", "0", "-5", "", "K", "1.5K", "8", "65M", "99999999999999999999"}) {
    try {
      parse_size(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const MatrixError& e) {
      EXPECT_NE(std::string(e.what()).find("invalid size"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("64KiB"), std::string::npos) << e.what();
    }
  }
}

TEST(MatrixParse, PatternNamesAreCaseAndDashInsensitive) {
  EXPECT_EQ(parse_pattern("pair"), Pattern::pair);
  EXPECT_EQ(parse_pattern("Dealer-Router"), Pattern::dealer_router);
  EXPECT_EQ(parse_pattern("ROUTER_ROUTER_POLL"), Pattern::router_router_poll);
  EXPECT_EQ(parse_transport("IPC"), Transport::ipc);
}

TEST(MatrixParse, UnknownNamesListEveryValidValue) {
  try {
    parse_pattern("REQREP");
    FAIL();
  } catch (const MatrixError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("REQREP"), std::string::npos);
    for (Pattern p : all_patterns())
      EXPECT_NE(msg.find(std::string(to_string(p))), std::string::npos);
  }
  try {
    parse_transport("udp");
    FAIL();
  } catch (const MatrixError& e) {
    EXPECT_NE(std::string(e.what()).find("tcp, inproc, ipc"), std::string::npos);
  }
}

TEST(MatrixParse, CellKeysRoundTrip) {
  const Cell c{Pattern::router_router_poll, Transport::ipc, 131072};
  EXPECT_EQ(cell_key(c), "ROUTER_ROUTER_POLL/ipc/131072");
  EXPECT_EQ(parse_cell_key(cell_key(c)), c);
  EXPECT_THROW(parse_cell_key("PAIR-tcp-64"), MatrixError);
}

TEST(MatrixParse, DefaultMatrixHas108Cells) { EXPECT_EQ(build_cells({}).size(), 108u); }

TEST(MatrixParse, FiltersAcceptCommaListsAndRepeatsInAnyOrder) {
  MatrixFilter f;
  f.patterns = {"pubsub,pair", "PAIR"};
  f.transports = {"ipc", "tcp"};
  f.sizes = {"1K,64", "64"};
  const auto cells = build_cells(f);
  ASSERT_EQ(cells.size(), 8u);
  EXPECT_EQ(cells.front(), (Cell{Pattern::pair, Transport::tcp, 64}));
  EXPECT_EQ(cells.back(), (Cell{Pattern::pubsub, Transport::ipc, 1024}));
}

TEST(MatrixParse, SizesFormatForReports) {
  EXPECT_EQ(format_size(64), "64");
  EXPECT_EQ(format_size(1024), "1KiB");
  EXPECT_EQ(format_size(262144), "256KiB");
}

}  // namespace
}  // namespace zbench
