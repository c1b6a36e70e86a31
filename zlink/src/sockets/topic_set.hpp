// topic_set: subscription prefixes with reference counts and prefix matching, used by the
// publisher (per peer) and by SUB (locally). An empty prefix matches everything.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zlink {

class topic_set {
public:
    // add(t): true when t is new (its count went 0 -> 1).
    bool add(std::string_view t);
    // remove(t): true when t is gone (its count went 1 -> 0); false also when absent.
    bool remove(std::string_view t);
    bool match(const void* data, std::size_t size) const noexcept;
    bool contains(std::string_view t) const noexcept;
    bool empty() const noexcept { return all_ == 0 && topics_.empty(); }
    // each(f): f(topic) once per distinct topic (for re-sending after reconnect).
    template <class F>
    void each(F&& f) const
    {
        if (all_ > 0)
            f(std::string_view{});
        for (const auto& t : topics_)
            f(std::string_view{t.first});
    }

private:
    std::size_t all_ = 0; // count of the empty prefix: the common "everything" fast path
    std::vector<std::pair<std::string, std::size_t>> topics_;
};

} // namespace zlink
