// JSON form of the profile records (profile.json, schema_version 1).
#include "profile/profile_record.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace zbench::profile {
namespace {

nlohmann::json share_json(const AllocatorShare& s) {
  nlohmann::json roles = nlohmann::json::object();
  for (const auto& [role, r] : s.by_role)
    roles[role] = {{"samples", r.samples}, {"allocator_samples", r.allocator_samples}};
  return {{"samples", s.samples}, {"allocator_samples", s.allocator_samples},
          {"free_samples", s.free_samples}, {"wrapper_samples", s.wrapper_samples},
          {"by_role", roles}};
}

AllocatorShare share_from(const nlohmann::json& j) {
  AllocatorShare s;
  s.samples = j.value("samples", std::uint64_t{0});
  s.allocator_samples = j.value("allocator_samples", std::uint64_t{0});
  s.free_samples = j.value("free_samples", std::uint64_t{0});
  s.wrapper_samples = j.value("wrapper_samples", std::uint64_t{0});
  if (j.contains("by_role"))
    for (const auto& [role, r] : j.at("by_role").items())
      s.by_role[role] = {r.value("samples", std::uint64_t{0}), r.value("allocator_samples", std::uint64_t{0})};
  return s;
}

nlohmann::json cell_json(const CellProfile& c) {
  nlohmann::json top = nlohmann::json::array();
  for (const auto& t : c.top) top.push_back({{"symbol", t.symbol}, {"self", t.self}, {"total", t.total}});
  return {{"variant", c.variant}, {"allocator", c.allocator}, {"cell", c.cell},
          {"perf_ok", c.perf_ok}, {"perf_note", c.perf_note}, {"share", share_json(c.share)},
          {"top_symbols", top}, {"folded_file", c.folded_file}, {"svg_file", c.svg_file},
          {"msgs_per_sec", c.msgs_per_sec}, {"probe_ok", c.probe_ok},
          {"probe_note", c.probe_note}, {"probe", c.probe}};
}

CellProfile cell_from(const nlohmann::json& j) {
  CellProfile c;
  c.variant = j.at("variant").get<std::string>();
  c.allocator = j.value("allocator", "");
  c.cell = j.at("cell").get<std::string>();
  c.perf_ok = j.value("perf_ok", false);
  c.perf_note = j.value("perf_note", "");
  if (j.contains("share")) c.share = share_from(j.at("share"));
  if (j.contains("top_symbols"))
    for (const auto& t : j.at("top_symbols"))
      c.top.push_back({t.at("symbol").get<std::string>(), t.value("self", 0.0), t.value("total", 0.0)});
  c.folded_file = j.value("folded_file", "");
  c.svg_file = j.value("svg_file", "");
  c.msgs_per_sec = j.value("msgs_per_sec", 0.0);
  c.probe_ok = j.value("probe_ok", false);
  c.probe_note = j.value("probe_note", "");
  if (j.contains("probe")) c.probe = j.at("probe").get<ProbeCounts>();
  return c;
}

}  // namespace

const CellProfile* find_cell(const ProfileDocument& doc, const std::string& variant,
                             const std::string& cell) {
  for (const auto& c : doc.cells)
    if (c.variant == variant && c.cell == cell) return &c;
  return nullptr;
}

void to_json(nlohmann::json& j, const ProfileDocument& d) {
  nlohmann::json cells = nlohmann::json::array(), pairs = nlohmann::json::array();
  for (const auto& c : d.cells) cells.push_back(cell_json(c));
  for (const auto& p : d.pairs) {
    nlohmann::json deltas = nlohmann::json::array();
    for (const auto& s : p.deltas)
      deltas.push_back({{"symbol", s.symbol}, {"base_total", s.base_total}, {"other_total", s.other_total}});
    pairs.push_back({{"base", p.base}, {"other", p.other}, {"cell", p.cell}, {"svg_file", p.svg_file},
                     {"deltas", deltas}});
  }
  j = {{"schema_version", d.schema_version}, {"command_line", d.command_line},
       {"perf_status", d.perf_status}, {"cells", cells}, {"pairs", pairs},
       {"micro_file", d.micro_file}};
}

void from_json(const nlohmann::json& j, ProfileDocument& d) {
  d.schema_version = j.value("schema_version", 0);
  if (d.schema_version != kProfileSchemaVersion)
    throw std::runtime_error("profile.json: schema_version " + std::to_string(d.schema_version) +
                             " is not the supported " + std::to_string(kProfileSchemaVersion));
  d.command_line = j.value("command_line", "");
  d.perf_status = j.value("perf_status", "");
  for (const auto& c : j.at("cells")) d.cells.push_back(cell_from(c));
  for (const auto& p : j.at("pairs")) {
    PairCell pc{p.at("base").get<std::string>(), p.at("other").get<std::string>(),
                p.at("cell").get<std::string>(), p.value("svg_file", ""), {}};
    for (const auto& s : p.at("deltas"))
      pc.deltas.push_back({s.at("symbol").get<std::string>(), s.value("base_total", 0.0), s.value("other_total", 0.0)});
    d.pairs.push_back(std::move(pc));
  }
  d.micro_file = j.value("micro_file", "");
}

ProfileDocument read_profile_document(const std::string& dir) {
  const auto path = std::filesystem::path(dir) / "profile.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string() + ": run `zbench profile --out " + dir + "` first");
  try {
    return nlohmann::json::parse(in).get<ProfileDocument>();
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path.string() + ": not a profile document (" + e.what() + ")");
  }
}

void write_profile_document(const std::string& dir, const ProfileDocument& doc) {
  const auto path = std::filesystem::path(dir) / "profile.json";
  std::ofstream out(path);
  out << nlohmann::json(doc).dump(2) << "\n";
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace zbench::profile
