// Host and checkout facts: /proc/cpuinfo, uname, os-release, glibc, git.
#include "runner/environment.hpp"

#include <gnu/libc-version.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <thread>

#include <fmt/format.h>

namespace zbench {
namespace {

std::string first_value(const char* path, const std::string& key, char sep) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) != 0) continue;
    auto pos = line.find(sep);
    if (pos == std::string::npos) continue;
    std::string v = line.substr(pos + 1);
    v.erase(0, v.find_first_not_of(" \t\""));
    while (!v.empty() && (v.back() == '"' || v.back() == ' ')) v.pop_back();
    return v;
  }
  return "unknown";
}

std::string command_output(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  std::array<char, 256> buf{};
  while (fgets(buf.data(), buf.size(), p) != nullptr) out += buf.data();
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

HostInfo collect_host_info(const std::string& compiler) {
  HostInfo h;
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  h.hostname = name;
  h.cpu_model = first_value("/proc/cpuinfo", "model name", ':');
  h.cpu_count = static_cast<int>(std::thread::hardware_concurrency());
  utsname u{};
  if (uname(&u) == 0) h.kernel = fmt::format("{} {} {}", u.sysname, u.release, u.machine);
  h.os = first_value("/etc/os-release", "PRETTY_NAME", '=');
  h.glibc = gnu_get_libc_version();
  h.compiler = compiler;
  return h;
}

std::string git_revision(const std::string& source_dir) {
  const std::string q = "'" + source_dir + "'";
  std::string rev = command_output("git -C " + q + " rev-parse HEAD 2>/dev/null");
  if (rev.empty()) return "unknown";
  if (!command_output("git -C " + q + " status --porcelain --untracked-files=no 2>/dev/null")
           .empty())
    rev += "-dirty";
  return rev;
}

std::string utc_timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string new_run_id() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return fmt::format("{}-{}", buf, getpid());
}

}  // namespace zbench
