// io_waker and its wake_channel: wakes coalesce into one on_wake() until it ran, a waker is
// queued again after each delivery (also across threads, and while the I/O thread is busy in
// another delivery), and a wake still pending when the io_context is destroyed releases the
// waker cleanly.
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

// Runs the io_context until `target` saw `n` wakes (the eventfd edge may need a second poll),
// bounded in rounds.
template <class T>
void poll_until(asio::io_context& io, const T& target, int n)
{
    for (int round = 0; round < 1000 && target.wakes.load() < n; ++round) {
        io.restart();
        io.poll();
    }
}

TEST(io_waker, wakes_before_the_call_coalesce)
{
    asio::io_context io;
    auto target = std::make_shared<counting_target>();
    auto w = std::make_shared<waker_t>(io.get_executor(), target);
    for (int round = 1; round <= 3; ++round) {
        w->wake();
        EXPECT_TRUE(w->queued());
        w->wake();
        w->wake();
        poll_until(io, *target, round);
        EXPECT_EQ(target->wakes.load(), round);
        EXPECT_FALSE(w->queued());
    }
    io.restart();
    io.poll();
    EXPECT_EQ(target->wakes.load(), 3); // nothing left over from the coalesced wakes
}

// A target that wakes another waker from inside its on_wake(), as an engine may wake itself.
struct chaining_target {
    std::atomic<int> wakes{0};
    std::shared_ptr<zlink::io_waker<counting_target>> next;
    void on_wake()
    {
        wakes.fetch_add(1, std::memory_order_relaxed);
        next->wake();
    }
};

TEST(io_waker, a_wake_queued_during_a_delivery_is_delivered)
{
    asio::io_context io;
    auto second = std::make_shared<counting_target>();
    auto first = std::make_shared<chaining_target>();
    first->next = std::make_shared<waker_t>(io.get_executor(), second);
    auto w = std::make_shared<zlink::io_waker<chaining_target>>(io.get_executor(), first);
    w->wake();
    poll_until(io, *second, 1);
    EXPECT_EQ(first->wakes.load(), 1);
    EXPECT_EQ(second->wakes.load(), 1);
}

TEST(io_waker, repeated_wakes_from_another_thread_each_run)
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
        // Each wake after the previous on_wake() started queues the waker again.
        while (target->wakes.load() == delivered && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        delivered = target->wakes.load();
        ASSERT_EQ(delivered, i + 1);
    }
    guard.reset();
    io.stop();
    io_thread.join();
}

TEST(io_waker, a_wake_of_a_dead_target_runs_nothing)
{
    asio::io_context io;
    auto target = std::make_shared<counting_target>();
    auto w = std::make_shared<waker_t>(io.get_executor(), target);
    w->wake();
    target.reset();
    for (int round = 0; round < 1000 && w.use_count() > 1; ++round)
        io.poll(); // until the channel ran the wake and released the waker
    EXPECT_EQ(w.use_count(), 1);
    w->wake(); // stays coalesced into the one that found no target; nothing is queued
    EXPECT_EQ(w.use_count(), 1);
    EXPECT_EQ(io.poll(), 0u);
}

TEST(io_waker, a_pending_wake_keeps_the_waker_until_the_context_is_destroyed)
{
    std::weak_ptr<waker_t> watch;
    auto target = std::make_shared<counting_target>();
    {
        asio::io_context io;
        auto w = std::make_shared<waker_t>(io.get_executor(), target);
        watch = w;
        w->wake();
        w.reset();
        EXPECT_FALSE(watch.expired()); // the queued wake owns it
    } // destroying the io_context drops the queued wake, releasing the waker
    EXPECT_TRUE(watch.expired());
    EXPECT_EQ(target->wakes.load(), 0);
}

TEST(io_waker, rejects_an_executor_that_is_not_an_io_context_executor)
{
    asio::thread_pool pool(1);
    auto target = std::make_shared<counting_target>();
    EXPECT_THROW(waker_t(asio::any_io_executor(pool.get_executor()), target), std::invalid_argument);
    pool.join();
}

} // namespace
