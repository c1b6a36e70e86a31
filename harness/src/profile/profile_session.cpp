// The profile session. Perf and probe runs are separate worker processes so the probe's
// bookkeeping never shows up in the flamegraphs, and perf's sampling never slows the counts.
#include "profile/profile_session.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "profile/attribution.hpp"
#include "profile/attribution_markdown.hpp"
#include "profile/flamegraph_svg.hpp"
#include "runner/subprocess.hpp"
#include "worker/worker_output.hpp"

namespace zbench::profile {
namespace {

namespace fs = std::filesystem;

std::string slug(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c == '/' || c == '#' || c == ' ') c = '_';
  return out;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ProcessSpec worker_spec(const ProfileRequest& req, const SelectedVariant& v, const Cell& cell,
                        const fs::path& ipc_dir) {
  ProcessSpec spec;
  spec.argv = {(fs::path(req.worker_dir) / v.build.worker).string(), "--cell", cell_key(cell),
               "--run", "0", "--ipc-dir", ipc_dir.string()};
  spec.argv.insert(spec.argv.end(), req.worker_args.begin(), req.worker_args.end());
  spec.timeout_s = req.timeout_s;
  if (!v.build.preload.empty()) spec.extra_env.push_back("LD_PRELOAD=" + v.build.preload);
  return spec;
}

std::string failure_of(const ProcessResult& r) {
  if (r.timed_out) return "timed out";
  if (r.signaled) return fmt::format("killed by signal {}", r.signal);
  return fmt::format("exit code {}: {}", r.exit_code, tail_lines(r.err, 3));
}

// Debian's libzmq has no frame pointers, our profile-preset builds do. Automatic picks DWARF for
// every variant as soon as one needs it, so compared stacks are unwound alike and the
// differential graphs show code, not unwinder differences.
RecordOptions record_options(const ProfileRequest& req) {
  RecordOptions o;
  o.frequency_hz = req.frequency_hz;
  bool needs_dwarf = false;
  for (const auto& v : req.variants) needs_dwarf = needs_dwarf || v.build.name.rfind("libzmq", 0) == 0;
  const bool fp = req.call_graph == CallGraphChoice::fp ||
                  (req.call_graph == CallGraphChoice::automatic && !needs_dwarf);
  o.call_graph = fp ? CallGraph::fp : CallGraph::dwarf;
  return o;
}

// perf record + perf script + fold; fills the perf part of out and returns the folded stacks.
FoldedStacks perf_run(const ProfileRequest& req, const std::string& perf, const SelectedVariant& v,
                      const Cell& cell, const fs::path& ipc_dir, CellProfile& out) {
  const std::string name = slug(v.label) + "__" + slug(cell_key(cell));
  const fs::path data = fs::path(req.out_dir) / "perf" / (name + ".data");
  ProcessSpec spec = worker_spec(req, v, cell, ipc_dir);
  auto argv = perf_record_argv(perf, data.string(), record_options(req));
  argv.insert(argv.end(), spec.argv.begin(), spec.argv.end());
  spec.argv = argv;
  const ProcessResult rec = run_process(spec);
  if (rec.timed_out || rec.signaled || rec.exit_code != 0) {
    out.perf_note = "perf record / worker failed: " + failure_of(rec);
    return {};
  }
  try {
    out.msgs_per_sec = parse_worker_report(rec.out).throughput.msgs_per_sec;
  } catch (const std::exception&) {
  }
  ProcessSpec script;
  script.argv = perf_script_argv(perf, data.string());
  script.timeout_s = 600;
  script.max_capture = std::size_t{1} << 31;
  const ProcessResult text = run_process(script);
  std::error_code ec;
  fs::remove(data, ec);
  if (text.exit_code != 0) {
    out.perf_note = "perf script failed: " + failure_of(text);
    return {};
  }
  FoldedStacks folded = fold(parse_perf_script(text.out));
  out.perf_ok = true;
  out.share = allocator_share(folded);
  out.top = top_symbols(folded, 15);
  out.folded_file = "flame/" + name + ".folded";
  out.svg_file = "flame/" + name + ".svg";
  write_file(fs::path(req.out_dir) / out.folded_file, to_text(folded));
  const FlamegraphOptions opt{fmt::format("{} {}", v.label, cell_key(cell)),
                              fmt::format("{} samples, allocator share {:.1f}% (allocator frames blue-green)",
                                          out.share.samples, 100 * out.share.share())};
  write_file(fs::path(req.out_dir) / out.svg_file, render_flamegraph(folded, opt));
  return folded;
}

// One worker run with the probe preloaded; fills the probe part of out.
void probe_run(const ProfileRequest& req, const SelectedVariant& v, const Cell& cell,
               const fs::path& ipc_dir, CellProfile& out) {
  const std::string name = slug(v.label) + "__" + slug(cell_key(cell));
  const fs::path report = fs::path(req.out_dir) / "probe" / (name + ".json");
  ProcessSpec spec = worker_spec(req, v, cell, ipc_dir);
  const std::string preload = req.probe_library + (v.build.preload.empty() ? "" : " " + v.build.preload);
  spec.extra_env = {"LD_PRELOAD=" + preload, "ZBENCH_PROBE_OUT=" + report.string()};
  const ProcessResult r = run_process(spec);
  if (r.timed_out || r.signaled || r.exit_code != 0) {
    out.probe_note = "probe run failed: " + failure_of(r);
    return;
  }
  try {
    out.probe = parse_probe_report(read_file(report));
  } catch (const std::exception& e) {
    out.probe_note = e.what();
    return;
  }
  out.probe_ok = true;
  if (out.probe.messages == 0) {
    // The worker did not report a message count to the probe: estimate from its report.
    const WorkerReport w = parse_worker_report(r.out);
    out.probe.messages = w.throughput.sent + 2 * w.latency.round_trips;
    out.probe_note = "worker has no probe marks: whole-process counts over measured-interval "
                     "messages (overstates per-message figures)";
  }
}

void diff_pairs(const ProfileRequest& req, ProfileDocument& doc,
                const std::map<std::pair<std::string, std::string>, FoldedStacks>& folded) {
  for (const auto& [base, other] : default_pairs(doc))
    for (const auto& c : doc.cells) {
      if (c.variant != base) continue;
      const auto b = folded.find({base, c.cell});
      const auto o = folded.find({other, c.cell});
      if (b == folded.end() || o == folded.end()) continue;
      PairCell p{base, other, c.cell, fmt::format("diff/{}__vs__{}__{}.svg", slug(base), slug(other), slug(c.cell)),
                 symbol_deltas(b->second, o->second, 10)};
      const FlamegraphOptions opt{fmt::format("{} vs {} {}", base, other, c.cell),
                                  fmt::format("width: {}; red: larger share than in {}, blue: smaller", other, base)};
      write_file(fs::path(req.out_dir) / p.svg_file, render_differential_flamegraph(b->second, o->second, opt));
      doc.pairs.push_back(std::move(p));
    }
}

}  // namespace

ProfileDocument run_profile(const ProfileRequest& req) {
  for (const char* sub : {"flame", "diff", "probe", "perf"}) fs::create_directories(fs::path(req.out_dir) / sub);
  ProfileDocument doc;
  doc.command_line = req.command_line;
  PerfAvailability perf;
  if (req.use_perf) {
    perf = check_perf((fs::path(req.out_dir) / "perf").string());
    doc.perf_status = perf.usable ? "ok" : perf.reason;
    if (!perf.usable) std::cerr << "zbench: perf cannot record: " << perf.reason << "\n";
  } else {
    doc.perf_status = "not requested (--no-perf)";
  }
  const fs::path ipc_dir = fs::path(req.out_dir) / "perf";
  std::map<std::pair<std::string, std::string>, FoldedStacks> folded;
  std::size_t done = 0;
  for (const auto& cell : req.cells)
    for (const auto& v : req.variants) {
      std::cerr << fmt::format("zbench: profile [{}/{}] {} {}\n", ++done, req.cells.size() * req.variants.size(),
                               cell_key(cell), v.label);
      CellProfile c;
      c.variant = v.label;
      c.allocator = v.build.allocator;
      c.cell = cell_key(cell);
      if (perf.usable) folded[{c.variant, c.cell}] = perf_run(req, perf.perf, v, cell, ipc_dir, c);
      else c.perf_note = doc.perf_status;
      if (!req.probe_library.empty()) probe_run(req, v, cell, ipc_dir, c);
      else c.probe_note = "probe not built or disabled";
      doc.cells.push_back(std::move(c));
    }
  diff_pairs(req, doc, folded);
  write_profile_document(req.out_dir, doc);
  write_file(fs::path(req.out_dir) / "profile.md", "# zbench profile\n\n`" + req.command_line + "`\n\n" +
                                                       attribution_markdown(doc));
  return doc;
}

}  // namespace zbench::profile
