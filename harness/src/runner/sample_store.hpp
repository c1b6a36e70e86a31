// samples.jsonl: the append-only log of finished runs. Each run is written as one line and
// handed to the kernel immediately, so killing the runner loses at most the run in progress;
// reopening tolerates (and trims) a torn last line so --resume can continue the file.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "model/sample.hpp"

namespace zbench {

// Reads every complete sample line; a torn (unterminated or unparsable) last line is skipped.
// Throws std::runtime_error naming the line when an earlier line is corrupt.
std::vector<Sample> load_samples(const std::filesystem::path& file);

class SampleStore {
 public:
  // Opens (creating if needed) file for appending after trimming a torn last line.
  explicit SampleStore(const std::filesystem::path& file);
  ~SampleStore();
  SampleStore(const SampleStore&) = delete;
  SampleStore& operator=(const SampleStore&) = delete;

  const std::vector<Sample>& samples() const { return samples_; }
  bool contains(const std::string& variant, const Cell& cell, int run) const;
  void append(const Sample& sample);

 private:
  using Key = std::tuple<std::string, std::string, int>;
  std::filesystem::path file_;
  int fd_ = -1;
  std::vector<Sample> samples_;
  std::set<Key> done_;
};

}  // namespace zbench
