// The mimalloc build's one-time allocator tuning (core/allocator.hpp, tune_allocator): the
// first context keeps freed pages committed for decommit_delay_ms, unless the environment
// already chose a delay. Each case runs in a child process, because the tuning happens once
// per process and mimalloc reads its environment when the process starts.
#include "core/allocator.hpp"
#include "zlink.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <mimalloc.h>

namespace {

// Exit code of the child: 0 when the delay after creating a context is `expected`.
[[noreturn]] void start_context_and_exit_on_delay(long expected)
{
    void* c = zlink_ctx_new();
    const long now = mi_option_get(mi_option_decommit_delay);
    zlink_ctx_term(c);
    std::exit(now == expected ? 0 : 1);
}

} // namespace

TEST(allocator_tuning, first_context_sets_the_decommit_delay)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            unsetenv("MIMALLOC_DECOMMIT_DELAY");
            unsetenv("MIMALLOC_PURGE_DELAY");
            mi_option_set(mi_option_decommit_delay, 25);
            start_context_and_exit_on_delay(zlink::decommit_delay_ms);
        },
        testing::ExitedWithCode(0), "");
}

TEST(allocator_tuning, a_delay_from_the_environment_is_left_alone)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    for (const char* name : {"MIMALLOC_DECOMMIT_DELAY", "MIMALLOC_PURGE_DELAY"}) {
        EXPECT_EXIT(
            {
                unsetenv("MIMALLOC_DECOMMIT_DELAY");
                unsetenv("MIMALLOC_PURGE_DELAY");
                setenv(name, "40", 1);
                // Stands for the value mimalloc read from the variable at process start.
                mi_option_set(mi_option_decommit_delay, 40);
                start_context_and_exit_on_delay(40);
            },
            testing::ExitedWithCode(0), "")
            << name;
    }
}
