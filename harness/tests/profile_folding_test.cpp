// Stack folding, allocator shares and flamegraph rendering from a fixed `perf script` sample:
// golden folded output, exact shares, and SVGs that are well-formed XML.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "profile/flamegraph_svg.hpp"
#include "profile/folded_stacks.hpp"
#include "profile/perf_script.hpp"
#include "profile/stack_shares.hpp"

namespace {

using namespace zbench::profile;

std::string read_golden(const std::string& name) {
  std::ifstream in(std::string(ZBENCH_TEST_DATA_DIR) + "/golden/profile/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A minimal XML well-formedness check: balanced, properly nested tags, quoted attributes and
// only the five predefined entities. Enough to catch broken escaping or unclosed elements.
bool well_formed_xml(const std::string& xml, std::string& why) {
  std::vector<std::string> open;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] == '&') {
      const auto semi = xml.find(';', i);
      const std::string ent = semi == std::string::npos ? "" : xml.substr(i, semi - i + 1);
      if (ent != "&amp;" && ent != "&lt;" && ent != "&gt;" && ent != "&quot;" && ent != "&apos;")
        return why = "bad entity at " + std::to_string(i), false;
      continue;
    }
    if (xml[i] == '>') return why = "stray '>' at " + std::to_string(i), false;
    if (xml[i] != '<') continue;
    const auto end = xml.find('>', i);
    if (end == std::string::npos) return why = "unclosed tag", false;
    const std::string tag = xml.substr(i + 1, end - i - 1);
    i = end;
    if (tag.front() == '?') continue;
    if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) return why = "unbalanced quotes in <" + tag + ">", false;
    if (tag.find('<') != std::string::npos) return why = "'<' inside tag", false;
    if (tag.front() == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return why = "mismatched </" + tag.substr(1) + ">", false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
  }
  if (!open.empty()) return why = "unclosed <" + open.back() + ">", false;
  return true;
}

TEST(ProfileFolding, ParsesEverySampleRootFirst) {
  int skipped = -1;
  const auto samples = parse_perf_script(read_golden("sample.perf-script.txt"), &skipped);
  ASSERT_EQ(samples.size(), 5u);
  EXPECT_EQ(skipped, 0);
  EXPECT_EQ(samples[0].comm, "zb-send");
  EXPECT_EQ(samples[0].tid, 101);
  EXPECT_EQ(samples[0].frames.front(), "send_loop");
  EXPECT_EQ(samples[0].frames.back(), "_int_malloc");
  EXPECT_EQ(samples[2].frames.back(), "cfree");  // symbol version stripped
}

TEST(ProfileFolding, FoldedOutputMatchesGolden) {
  const auto folded = fold(parse_perf_script(read_golden("sample.perf-script.txt")));
  EXPECT_EQ(to_text(folded), read_golden("sample.folded"));
  EXPECT_EQ(parse_folded(to_text(folded)), folded);
}

TEST(ProfileFolding, AllocatorShareCountsStacksWithAllocatorFrames) {
  const auto share = allocator_share(parse_folded(read_golden("sample.folded")));
  EXPECT_EQ(share.samples, 5u);
  EXPECT_EQ(share.allocator_samples, 2u);  // malloc stack and cfree stack
  EXPECT_EQ(share.free_samples, 1u);
  EXPECT_EQ(share.by_role.at("sender").allocator_samples, 1u);
  EXPECT_EQ(share.by_role.at("sender").samples, 2u);
  EXPECT_EQ(share.by_role.at("receiver").allocator_samples, 1u);
  EXPECT_EQ(share.by_role.at("io").allocator_samples, 0u);
}

TEST(ProfileFolding, TopSymbolsAndDeltasAreOrdered) {
  const auto folded = parse_folded(read_golden("sample.folded"));
  const auto top = top_symbols(folded, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_DOUBLE_EQ(top[0].self, 0.2);
  FoldedStacks other = folded;
  other["sender;send_loop;zlink::msg_t::init_size;malloc;_int_malloc"] = 6;
  const auto deltas = symbol_deltas(folded, other, 2);
  ASSERT_FALSE(deltas.empty());
  EXPECT_GT(deltas[0].delta(), 0);
}

TEST(ProfileFolding, FlamegraphIsWellFormedXmlAndEscapesNames) {
  const auto folded = parse_folded(read_golden("sample.folded"));
  const std::string svg = render_flamegraph(folded, {"PAIR/tcp/64 <zlink> & co", "sub"});
  std::string why;
  EXPECT_TRUE(well_formed_xml(svg, why)) << why;
  EXPECT_NE(svg.find("std::vector&lt;int, std::allocator&lt;int&gt; &gt;::push_back"), std::string::npos);
  EXPECT_NE(svg.find("&lt;zlink&gt; &amp; co"), std::string::npos);
  EXPECT_EQ(svg, render_flamegraph(folded, {"PAIR/tcp/64 <zlink> & co", "sub"}));  // deterministic
}

TEST(ProfileFolding, DifferentialFlamegraphIsWellFormedXml) {
  const auto base = parse_folded(read_golden("sample.folded"));
  FoldedStacks other = base;
  other["receiver;recv_loop;cfree"] = 4;
  std::string why;
  const std::string svg = render_differential_flamegraph(base, other, {"diff", "sub"});
  EXPECT_TRUE(well_formed_xml(svg, why)) << why;
  EXPECT_NE(svg.find("rgb(255,"), std::string::npos);  // something grew: red
  EXPECT_TRUE(well_formed_xml(render_flamegraph({}, {"empty", ""}), why)) << why;
}

TEST(ProfileFolding, MalformedFoldedLineNamesTheLine) {
  EXPECT_THROW(parse_folded("a;b 1\nbroken\n"), std::runtime_error);
}

}  // namespace
