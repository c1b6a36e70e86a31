// Facts about the machine and checkout a manifest records, read from the running system.
#pragma once

#include <string>

#include "model/manifest.hpp"

namespace zbench {

HostInfo collect_host_info(const std::string& compiler);
// `git rev-parse HEAD` of source_dir, with "-dirty" when the tree has changes; "unknown" if none.
std::string git_revision(const std::string& source_dir);
std::string utc_timestamp();  // 2026-11-25T17:04:05Z
std::string new_run_id();     // 20261125-170405-<label or pid>, sortable by time

}  // namespace zbench
