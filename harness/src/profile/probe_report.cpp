// Probe report parsing and the profile.json form of its counts.
#include "profile/probe_report.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace zbench::profile {

double ProbeCounts::share_at_most(std::uint64_t max_bytes) const {
  std::uint64_t small = 0, all = 0;
  for (const auto& [le, n] : size_histogram) {
    all += n;
    if (le <= max_bytes) small += n;
  }
  return all == 0 ? 0 : double(small) / double(all);
}

ProbeCounts parse_probe_report(const std::string& text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("probe report is not JSON: ") + e.what());
  }
  if (doc.value("schema", "") != "zbench-probe/1" || !doc.contains("window"))
    throw std::runtime_error("probe report: expected schema zbench-probe/1 with a window object");
  const auto& w = doc.at("window");
  ProbeCounts c;
  c.marked = w.value("marked", false);
  c.messages = w.value("messages", std::uint64_t{0});
  c.allocs = w.value("allocs", std::uint64_t{0});
  c.frees = w.value("frees", std::uint64_t{0});
  c.bytes_allocated = w.value("bytes_allocated", std::uint64_t{0});
  c.cross_thread_frees = w.value("cross_thread_frees", std::uint64_t{0});
  c.untracked_frees = w.value("untracked_frees", std::uint64_t{0});
  c.has_kernel_counts = w.contains("minor_page_faults");
  c.page_faults = w.value("minor_page_faults", std::uint64_t{0}) + w.value("major_page_faults", std::uint64_t{0});
  c.voluntary_switches = w.value("voluntary_context_switches", std::uint64_t{0});
  c.involuntary_switches = w.value("involuntary_context_switches", std::uint64_t{0});
  const nlohmann::json none = nlohmann::json::array();
  for (const auto& b : w.contains("size_histogram") ? w.at("size_histogram") : none)
    c.size_histogram[b.at("le").get<std::uint64_t>()] += b.at("count").get<std::uint64_t>();
  for (const auto& p : w.contains("cross_thread_pairs") ? w.at("cross_thread_pairs") : none)
    c.cross_thread_pairs[p.at("allocated_by").get<std::string>() + " -> " +
                         p.at("freed_by").get<std::string>()] += p.at("count").get<std::uint64_t>();
  return c;
}

void to_json(nlohmann::json& j, const ProbeCounts& c) {
  nlohmann::json hist = nlohmann::json::object();
  for (const auto& [le, n] : c.size_histogram) hist[std::to_string(le)] = n;
  j = {{"marked", c.marked}, {"messages", c.messages}, {"allocs", c.allocs}, {"frees", c.frees},
       {"bytes_allocated", c.bytes_allocated}, {"cross_thread_frees", c.cross_thread_frees},
       {"untracked_frees", c.untracked_frees}, {"size_histogram", hist},
       {"cross_thread_pairs", c.cross_thread_pairs}};
  if (c.has_kernel_counts) {
    j["page_faults"] = c.page_faults;
    j["voluntary_context_switches"] = c.voluntary_switches;
    j["involuntary_context_switches"] = c.involuntary_switches;
  }
}

void from_json(const nlohmann::json& j, ProbeCounts& c) {
  c.marked = j.value("marked", false);
  c.messages = j.value("messages", std::uint64_t{0});
  c.allocs = j.value("allocs", std::uint64_t{0});
  c.frees = j.value("frees", std::uint64_t{0});
  c.bytes_allocated = j.value("bytes_allocated", std::uint64_t{0});
  c.cross_thread_frees = j.value("cross_thread_frees", std::uint64_t{0});
  c.untracked_frees = j.value("untracked_frees", std::uint64_t{0});
  if (j.contains("size_histogram"))
    for (const auto& [le, n] : j.at("size_histogram").items())
      c.size_histogram[std::stoull(le)] = n.get<std::uint64_t>();
  c.cross_thread_pairs = j.value("cross_thread_pairs", std::map<std::string, std::uint64_t>{});
  c.has_kernel_counts = j.contains("page_faults");
  c.page_faults = j.value("page_faults", std::uint64_t{0});
  c.voluntary_switches = j.value("voluntary_context_switches", std::uint64_t{0});
  c.involuntary_switches = j.value("involuntary_context_switches", std::uint64_t{0});
}

}  // namespace zbench::profile
