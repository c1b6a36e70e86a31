// io_waker: wakes coalesce into one on_wake() until it ran, the posted operation lives in the
// waker's slot (no heap block per wake), the slot is reused across threads, and a wake still
// pending when the io_context is destroyed releases the waker cleanly.
#include "engine/io_waker.hpp"

#include "core/asio_config.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

namespace {

struct counting_target {
    std::atomic<int> wakes{0};
    void on_wake() { wakes.fetch_add(1, std::memory_order_relaxed); }
};

using waker_t = zlink::io_waker<counting_target>;

TEST(IoWaker, WakesBeforeTheCallCoalesceAndTheSlotIsReused)
{
    asio::io_context io;
    auto target = std::make_shared<counting_target>();
    auto w = std::make_shared<waker_t>(io.get_executor(), target);
    for (int round = 1; round <= 3; ++round) {
        w->wake();
        EXPECT_TRUE(w->slot_in_use()); // the pending post's operation is in the slot, not the heap
        w->wake();
        w->wake();
        io.restart();
        io.poll();
        EXPECT_EQ(target->wakes.load(), round);
        EXPECT_FALSE(w->slot_in_use());
    }
}

TEST(IoWaker, RepeatedWakesFromAnotherThreadEachRun)
{
    asio::io_context io;
    auto guard = asio::make_work_guard(io);
    std::thread io_thread([&io] { io.run(); });
    auto target = std::make_shared<counting_target>();
    auto w = std::make_shared<waker_t>(io.get_executor(), target);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    int delivered = 0;
    for (int i = 0; i < 2000 && std::chrono::steady_clock::now() < deadline; ++i) {
        w->wake();
        // Each wake after the previous on_wake() started posts again, through the same slot.
        while (target->wakes.load() == delivered && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        delivered = target->wakes.load();
        ASSERT_EQ(delivered, i + 1);
    }
    guard.reset();
    io.stop();
    io_thread.join();
}

TEST(IoWaker, AWakeOfADeadTargetRunsNothing)
{
    asio::io_context io;
    auto target = std::make_shared<counting_target>();
    auto w = std::make_shared<waker_t>(io.get_executor(), target);
    w->wake();
    target.reset();
    io.poll();
    EXPECT_FALSE(w->slot_in_use());
    w->wake(); // stays coalesced into the one that found no target; nothing is posted
    EXPECT_EQ(io.poll(), 0u);
}

TEST(IoWaker, APendingWakeKeepsTheWakerUntilTheContextIsDestroyed)
{
    std::weak_ptr<waker_t> watch;
    auto target = std::make_shared<counting_target>();
    {
        asio::io_context io;
        auto w = std::make_shared<waker_t>(io.get_executor(), target);
        watch = w;
        w->wake();
        w.reset();
        EXPECT_FALSE(watch.expired()); // the pending operation, in the waker's slot, owns it
    } // destroying the io_context destroys the operation, releasing the slot, then the waker
    EXPECT_TRUE(watch.expired());
    EXPECT_EQ(target->wakes.load(), 0);
}

TEST(IoWaker, RejectsAnExecutorThatIsNotAnIoContexts)
{
    asio::thread_pool pool(1);
    auto target = std::make_shared<counting_target>();
    EXPECT_THROW(waker_t(asio::any_io_executor(pool.get_executor()), target), std::invalid_argument);
    pool.join();
}

} // namespace
