// Line-oriented JSON storage with torn-tail recovery.
#include "runner/sample_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace zbench {
namespace {

struct Parsed {
  std::vector<Sample> samples;
  std::uintmax_t good_bytes = 0;  // length of the prefix made of complete, valid lines
};

Parsed parse_file(const std::filesystem::path& file) {
  Parsed p;
  std::ifstream in(file, std::ios::binary);
  if (!in) return p;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    const bool last = nl == std::string::npos || nl + 1 >= text.size();
    const std::string line =
        text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    ++line_no;
    if (nl == std::string::npos) break;  // unterminated: the write was cut short
    if (!line.empty()) {
      try {
        p.samples.push_back(nlohmann::json::parse(line).get<Sample>());
      } catch (const std::exception& e) {
        if (last) break;  // a torn final line
        throw std::runtime_error(
            fmt::format("{}:{}: not a sample record ({})", file.string(), line_no, e.what()));
      }
    }
    pos = nl + 1;
    p.good_bytes = pos;
  }
  return p;
}

}  // namespace

std::vector<Sample> load_samples(const std::filesystem::path& file) {
  return parse_file(file).samples;
}

SampleStore::SampleStore(const std::filesystem::path& file) : file_(file) {
  Parsed p = parse_file(file);
  std::error_code ec;
  if (std::filesystem::exists(file, ec) && std::filesystem::file_size(file, ec) != p.good_bytes)
    std::filesystem::resize_file(file, p.good_bytes);
  samples_ = std::move(p.samples);
  for (const auto& s : samples_) done_.insert({s.variant, cell_key(s.cell), s.run});
  fd_ = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw std::system_error(errno, std::generic_category(), "cannot open " + file.string());
}

SampleStore::~SampleStore() {
  if (fd_ >= 0) ::close(fd_);
}

bool SampleStore::contains(const std::string& variant, const Cell& cell, int run) const {
  return done_.count({variant, cell_key(cell), run}) != 0;
}

void SampleStore::append(const Sample& sample) {
  const std::string line = nlohmann::json(sample).dump() + "\n";
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "write " + file_.string());
    written += static_cast<std::size_t>(n);
  }
  samples_.push_back(sample);
  done_.insert({sample.variant, cell_key(sample.cell), sample.run});
}

}  // namespace zbench
