// JSON mapping of the stored records (samples.jsonl lines and manifest.json). Field names here
// are the documented schema; readers tolerate missing optional fields so older files still load.
#include <nlohmann/json.hpp>

#include "model/manifest.hpp"
#include "model/sample.hpp"

namespace zbench {

void to_json(nlohmann::json& j, const Sample& s) {
  j = nlohmann::json{
      {"variant", s.variant},
      {"build", s.build},
      {"cell", cell_key(s.cell)},
      {"pattern", to_string(s.cell.pattern)},
      {"transport", to_string(s.cell.transport)},
      {"size", s.cell.size},
      {"run", s.run},
      {"slot", s.slot},
      {"ok", s.ok},
      {"failure", s.failure},
      {"stderr_tail", s.stderr_tail},
      {"throughput",
       {{"messages", s.throughput.messages},
        {"seconds", s.throughput.seconds},
        {"msgs_per_sec", s.throughput.msgs_per_sec},
        {"mb_per_sec", s.throughput.mb_per_sec},
        {"sent", s.throughput.sent},
        {"dropped", s.throughput.dropped},
        {"sent_total", s.throughput.sent_total}}},
      {"latency",
       {{"round_trips", s.latency.round_trips},
        {"round_trips_total", s.latency.round_trips_total},
        {"mean_us", s.latency.mean_us},
        {"p50_us", s.latency.p50_us},
        {"p90_us", s.latency.p90_us},
        {"p99_us", s.latency.p99_us},
        {"p999_us", s.latency.p999_us},
        {"max_us", s.latency.max_us}}},
      {"timings",
       {{"setup_s", s.timings.setup_s},
        {"warmup_s", s.timings.warmup_s},
        {"measured_s", s.timings.measured_s},
        {"teardown_s", s.timings.teardown_s}}},
      {"wall_s", s.wall_s},
      {"cpu_user_s", s.cpu_user_s},
      {"cpu_sys_s", s.cpu_sys_s},
      {"peak_rss_kb", s.peak_rss_kb},
      {"allocator", s.allocator},
      {"library", s.library},
      {"started_at", s.started_at},
  };
}

void from_json(const nlohmann::json& j, Sample& s) {
  s.variant = j.at("variant").get<std::string>();
  s.build = j.value("build", s.variant);
  s.cell = parse_cell_key(j.at("cell").get<std::string>());
  s.run = j.at("run").get<int>();
  s.slot = j.value("slot", 0);
  s.ok = j.at("ok").get<bool>();
  s.failure = j.value("failure", "");
  s.stderr_tail = j.value("stderr_tail", "");
  if (const auto it = j.find("throughput"); it != j.end()) {
    const auto& t = *it;
    s.throughput.messages = t.value("messages", std::uint64_t{0});
    s.throughput.seconds = t.value("seconds", 0.0);
    s.throughput.msgs_per_sec = t.value("msgs_per_sec", 0.0);
    s.throughput.mb_per_sec = t.value("mb_per_sec", 0.0);
    s.throughput.sent = t.value("sent", std::uint64_t{0});
    s.throughput.dropped = t.value("dropped", std::uint64_t{0});
    s.throughput.sent_total = t.value("sent_total", std::uint64_t{0});
  }
  if (const auto it = j.find("latency"); it != j.end()) {
    const auto& l = *it;
    s.latency.round_trips = l.value("round_trips", std::uint64_t{0});
    s.latency.round_trips_total = l.value("round_trips_total", std::uint64_t{0});
    s.latency.mean_us = l.value("mean_us", 0.0);
    s.latency.p50_us = l.value("p50_us", 0.0);
    s.latency.p90_us = l.value("p90_us", 0.0);
    s.latency.p99_us = l.value("p99_us", 0.0);
    s.latency.p999_us = l.value("p999_us", 0.0);
    s.latency.max_us = l.value("max_us", 0.0);
  }
  if (const auto it = j.find("timings"); it != j.end()) {
    s.timings.setup_s = it->value("setup_s", 0.0);
    s.timings.warmup_s = it->value("warmup_s", 0.0);
    s.timings.measured_s = it->value("measured_s", 0.0);
    s.timings.teardown_s = it->value("teardown_s", 0.0);
  }
  s.wall_s = j.value("wall_s", 0.0);
  s.cpu_user_s = j.value("cpu_user_s", 0.0);
  s.cpu_sys_s = j.value("cpu_sys_s", 0.0);
  s.peak_rss_kb = j.value("peak_rss_kb", std::int64_t{0});
  s.allocator = j.value("allocator", "");
  s.library = j.value("library", "");
  s.started_at = j.value("started_at", "");
}

void to_json(nlohmann::json& j, const Manifest& m) {
  nlohmann::json variants = nlohmann::json::array();
  for (const auto& v : m.variants)
    variants.push_back({{"label", v.label},
                        {"build", v.build},
                        {"library", v.library},
                        {"protocol", v.protocol},
                        {"allocator", v.allocator},
                        {"allocator_verified", v.allocator_verified}});
  const auto& p = m.parameters;
  j = nlohmann::json{
      {"schema_version", m.schema_version},
      {"run_id", m.run_id},
      {"label", m.label},
      {"created_at", m.created_at},
      {"command_line", m.command_line},
      {"build_dir", m.build_dir},
      {"git_revision", m.git_revision},
      {"zbench_version", m.zbench_version},
      {"host",
       {{"hostname", m.host.hostname},
        {"cpu_model", m.host.cpu_model},
        {"cpu_count", m.host.cpu_count},
        {"kernel", m.host.kernel},
        {"os", m.host.os},
        {"glibc", m.host.glibc},
        {"compiler", m.host.compiler}}},
      {"variants", variants},
      {"parameters",
       {{"patterns", p.patterns},
        {"transports", p.transports},
        {"sizes", p.sizes},
        {"variants", p.variants},
        {"baseline", p.baseline},
        {"runs", p.runs},
        {"warmup_s", p.warmup_s},
        {"duration_s", p.duration_s},
        {"latency_duration_s", p.latency_duration_s},
        {"latency_max_round_trips", p.latency_max_round_trips},
        {"latency_warmup_round_trips", p.latency_warmup_round_trips},
        {"io_threads", p.io_threads},
        {"hwm", p.hwm},
        {"timeout_s", p.timeout_s},
        {"noise", p.noise},
        {"alpha", p.alpha}}},
  };
}

void from_json(const nlohmann::json& j, Manifest& m) {
  m.schema_version = j.at("schema_version").get<int>();
  m.run_id = j.value("run_id", "");
  m.label = j.value("label", "");
  m.created_at = j.value("created_at", "");
  m.command_line = j.value("command_line", "");
  m.build_dir = j.value("build_dir", "");
  m.git_revision = j.value("git_revision", "");
  m.zbench_version = j.value("zbench_version", "");
  if (const auto it = j.find("host"); it != j.end()) {
    m.host.hostname = it->value("hostname", "");
    m.host.cpu_model = it->value("cpu_model", "");
    m.host.cpu_count = it->value("cpu_count", 0);
    m.host.kernel = it->value("kernel", "");
    m.host.os = it->value("os", "");
    m.host.glibc = it->value("glibc", "");
    m.host.compiler = it->value("compiler", "");
  }
  m.variants.clear();
  for (const auto& v : j.at("variants"))
    m.variants.push_back(VariantInfo{v.value("label", ""), v.value("build", ""),
                                     v.value("library", ""), v.value("protocol", ""),
                                     v.value("allocator", ""), v.value("allocator_verified", "")});
  const auto& p = j.at("parameters");
  auto& out = m.parameters;
  out.patterns = p.at("patterns").get<std::vector<std::string>>();
  out.transports = p.at("transports").get<std::vector<std::string>>();
  out.sizes = p.at("sizes").get<std::vector<std::size_t>>();
  out.variants = p.at("variants").get<std::vector<std::string>>();
  out.baseline = p.at("baseline").get<std::string>();
  out.runs = p.at("runs").get<int>();
  out.warmup_s = p.value("warmup_s", 0.0);
  out.duration_s = p.value("duration_s", 0.0);
  out.latency_duration_s = p.value("latency_duration_s", 0.0);
  out.latency_max_round_trips = p.value("latency_max_round_trips", 0);
  out.latency_warmup_round_trips = p.value("latency_warmup_round_trips", 0);
  out.io_threads = p.value("io_threads", 1);
  out.hwm = p.value("hwm", 0);
  out.timeout_s = p.value("timeout_s", 0.0);
  out.noise = p.value("noise", 0.02);
  out.alpha = p.value("alpha", 0.05);
}

}  // namespace zbench
