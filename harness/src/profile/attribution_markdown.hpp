// The attribution section of a report, in markdown: per compared pair the allocator share,
// allocations and cross-thread frees per message, the symbols whose share moved most, and a
// verdict per cause with its figure and rule. Also written alone as profile.md.
#pragma once

#include <string>

#include "profile/profile_record.hpp"

namespace zbench::profile {

// links_prefix is prepended to file links (flamegraphs), e.g. "../profile/" from a report dir.
std::string attribution_markdown(const ProfileDocument& doc, const std::string& links_prefix = "");

}  // namespace zbench::profile
