// topic_set: a small counted prefix list; benchmarks and typical users hold a few topics,
// where a linear scan beats a trie.
#include "topic_set.hpp"

#include <algorithm>
#include <cstring>

namespace zlink {

bool topic_set::add(std::string_view t)
{
    if (t.empty())
        return ++all_ == 1;
    for (auto& e : topics_)
        if (e.first == t)
            return ++e.second == 1;
    topics_.emplace_back(std::string(t), 1);
    return true;
}

bool topic_set::remove(std::string_view t)
{
    if (t.empty()) {
        if (all_ == 0)
            return false;
        return --all_ == 0;
    }
    auto it = std::find_if(topics_.begin(), topics_.end(), [&](const auto& e) { return e.first == t; });
    if (it == topics_.end())
        return false;
    if (--it->second > 0)
        return false;
    topics_.erase(it);
    return true;
}

bool topic_set::contains(std::string_view t) const noexcept
{
    if (t.empty())
        return all_ > 0;
    return std::any_of(topics_.begin(), topics_.end(), [&](const auto& e) { return e.first == t; });
}

bool topic_set::match(const void* data, std::size_t size) const noexcept
{
    if (all_ > 0)
        return true;
    for (const auto& e : topics_)
        if (e.first.size() <= size && std::memcmp(e.first.data(), data, e.first.size()) == 0)
            return true;
    return false;
}

} // namespace zlink
