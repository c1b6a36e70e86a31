// The C API's exception boundary (src/api/api_guard.hpp): when the OS refuses a resource in
// the middle of a call — an I/O thread, an eventfd — the call fails with that errno and the
// process goes on; a later call succeeds once the resource is there again. Each case runs in a
// child process, because it lowers the child's own resource limits.
#include "zlink.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool under_sanitizer = true; // their runtimes reserve address space of their own
#else
constexpr bool under_sanitizer = false;
#endif

// Bytes of address space the process maps now (VmSize).
long long mapped_bytes()
{
    long long pages = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%lld", &pages) != 1)
            pages = 0;
        std::fclose(f);
    }
    return pages * sysconf(_SC_PAGESIZE);
}

// The stack size a new thread gets (std::thread uses the process default).
long long default_thread_stack()
{
    std::size_t size = std::size_t{8} << 20;
    pthread_attr_t attr;
    if (pthread_getattr_default_np(&attr) == 0) {
        pthread_attr_getstacksize(&attr, &size);
        pthread_attr_destroy(&attr);
    }
    return static_cast<long long>(size);
}

// The descriptor number the next new descriptor would get (the lowest free one).
int lowest_free_fd()
{
    const int fd = dup(STDERR_FILENO);
    if (fd >= 0)
        close(fd);
    return fd;
}

[[noreturn]] void io_thread_refused_then_granted()
{
    void* ctx = zlink_ctx_new();
    void* s = zlink_socket(ctx, ZLINK_PAIR);
    rlimit original{};
    getrlimit(RLIMIT_AS, &original);
    // A quarter of a thread stack more than mapped now: small allocations still fit, an I/O
    // thread's stack does not.
    rlimit tight = original;
    tight.rlim_cur = static_cast<rlim_t>(mapped_bytes() + default_thread_stack() / 4);
    if (setrlimit(RLIMIT_AS, &tight) != 0)
        std::_Exit(10);
    const int refused = zlink_bind(s, "tcp://127.0.0.1:*");
    const int err = errno;
    setrlimit(RLIMIT_AS, &original);
    if (refused != -1)
        std::_Exit(1);
    if (err != EAGAIN && err != ENOMEM)
        std::_Exit(2);
    if (zlink_bind(s, "tcp://127.0.0.1:*") != 0)
        std::_Exit(3);
    zlink_close(s);
    zlink_ctx_term(ctx);
    std::_Exit(0);
}

[[noreturn]] void eventfd_refused_then_granted()
{
    void* ctx = zlink_ctx_new();
    rlimit original{};
    getrlimit(RLIMIT_NOFILE, &original);
    rlimit tight = original;
    const int next_fd = lowest_free_fd();
    if (next_fd < 0)
        std::_Exit(11);
    tight.rlim_cur = static_cast<rlim_t>(next_fd); // descriptors must be below the limit
    if (setrlimit(RLIMIT_NOFILE, &tight) != 0)
        std::_Exit(10);
    void* refused = zlink_socket(ctx, ZLINK_PAIR);
    const int err = errno;
    setrlimit(RLIMIT_NOFILE, &original);
    if (refused != nullptr)
        std::_Exit(1);
    if (err != EMFILE)
        std::_Exit(2);
    void* s = zlink_socket(ctx, ZLINK_PAIR);
    if (s == nullptr)
        std::_Exit(3);
    zlink_close(s);
    zlink_ctx_term(ctx);
    std::_Exit(0);
}

} // namespace

TEST(api_boundary, a_refused_io_thread_fails_that_bind_only)
{
    if (under_sanitizer)
        GTEST_SKIP() << "sanitizer runtimes need address space beyond a tight RLIMIT_AS";
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(io_thread_refused_then_granted(), testing::ExitedWithCode(0), "");
}

TEST(api_boundary, a_refused_eventfd_fails_that_socket_only)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(eventfd_refused_then_granted(), testing::ExitedWithCode(0), "");
}
