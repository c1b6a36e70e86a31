// JSON encoding of the worker report, reusing the sample schema's field names.
#include "worker/worker_output.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace zbench {

std::string worker_report_json(const WorkerReport& r) {
  Sample s;  // borrow the sample mapping for the measurement objects
  s.throughput = r.throughput;
  s.latency = r.latency;
  s.timings = r.timings;
  const nlohmann::json as_sample = s;
  nlohmann::json j{{"ok", r.ok},
                   {"failure", r.failure},
                   {"library", r.library},
                   {"protocol", r.protocol},
                   {"allocator", r.allocator}};
  if (r.ok) {
    j["throughput"] = as_sample["throughput"];
    j["latency"] = as_sample["latency"];
    j["timings"] = as_sample["timings"];
  }
  return j.dump();
}

WorkerReport parse_worker_report(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("ok"))
    throw std::runtime_error("worker output is not a report object");
  WorkerReport r;
  r.ok = j.at("ok").get<bool>();
  r.failure = j.value("failure", "");
  r.library = j.value("library", "");
  r.protocol = j.value("protocol", "");
  r.allocator = j.value("allocator", "");
  if (r.ok) {
    nlohmann::json as_sample{{"variant", ""}, {"cell", "PAIR/tcp/64"}, {"run", 0}, {"ok", true}};
    for (const char* key : {"throughput", "latency", "timings"})
      if (j.contains(key)) as_sample[key] = j[key];
    const Sample s = as_sample.get<Sample>();
    r.throughput = s.throughput;
    r.latency = s.latency;
    r.timings = s.timings;
  }
  return r;
}

}  // namespace zbench
