// The reply spin: a thread waiting for a reply on an inproc socket spins on its signaler
// before it sleeps (signaler::spin_for_wake, socket_base::spin_before_sleeping). No wake-up
// may be lost whether the reply comes during the spin, after the spin ran out, or while later
// waits back off and sleep at once; and with both threads on one CPU the replier must still
// get to run.
#include "core/signaler.hpp"
#include "core/socket_base.hpp"

#include "test_util.hpp"

#include <atomic>
#include <chrono>
#include <pthread.h>
#include <sched.h>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;

TEST(reply_spin, a_wake_during_the_spin_ends_it)
{
    zlink::signaler sig;
    std::atomic<bool> spinning{false};
    std::thread waker([&] {
        ASSERT_TRUE(zt::wait_for([&] { return spinning.load(); }));
        sig.wake();
    });
    spinning.store(true);
    // The budget only bounds the test: the wake must end the spin long before it.
    EXPECT_TRUE(sig.spin_for_wake(10s));
    waker.join();
}

TEST(reply_spin, without_a_wake_the_spin_runs_out_after_its_budget)
{
    zlink::signaler sig;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(sig.spin_for_wake(2ms));
    EXPECT_GE(std::chrono::steady_clock::now() - start, 2ms);
}

// Echoes `rounds` messages on `s`, each after `delay` (a replier slower than the spin).
void echo(void* s, int rounds, std::chrono::microseconds delay)
{
    for (int i = 0; i < rounds; ++i) {
        const std::string m = zt::recv_str(s);
        ASSERT_EQ(m, std::to_string(i));
        if (delay.count() > 0)
            std::this_thread::sleep_for(delay);
        ASSERT_EQ(zt::send_str(s, m), static_cast<int>(m.size()));
    }
}

// Sends `rounds` requests on `s` and checks each reply; every third wait is a zlink_poll on
// the socket alone, which spins like a blocking recv.
void request(void* s, int rounds)
{
    for (int i = 0; i < rounds; ++i) {
        const std::string m = std::to_string(i);
        ASSERT_EQ(zt::send_str(s, m), static_cast<int>(m.size()));
        if (i % 3 == 0) {
            zlink_pollitem_t items[] = {{s, 0, ZLINK_POLLIN, 0}};
            ASSERT_EQ(zlink_poll(items, 1, 5000), 1);
        }
        ASSERT_EQ(zt::recv_str(s), m);
    }
}

struct inproc_pair {
    zt::context ctx;
    zt::socket a{ctx.ctx, ZLINK_PAIR};
    zt::socket b{ctx.ctx, ZLINK_PAIR};
    explicit inproc_pair(const char* endpoint)
    {
        zt::set_timeouts(a);
        zt::set_timeouts(b);
        EXPECT_EQ(zlink_bind(a, endpoint), 0);
        EXPECT_EQ(zlink_connect(b, endpoint), 0);
    }
};

TEST(reply_spin, replies_slower_than_the_spin_still_wake_the_requester)
{
    // Every spin runs out, so the waits go through the back-off (sleeping at once) and the
    // spins between; each reply must still wake the requester.
    inproc_pair p("inproc://slow-replies");
    constexpr int rounds = 60;
    std::thread replier(echo, p.b.s, rounds, 2 * zlink::socket_base::reply_spin);
    request(p.a, rounds);
    replier.join();
}

// Pins the calling thread to one CPU for its lifetime, then restores its affinity.
class pinned_thread {
public:
    explicit pinned_thread(int cpu)
    {
        ok_ = pthread_getaffinity_np(pthread_self(), sizeof before_, &before_) == 0;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        ok_ = ok_ && pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0;
    }
    ~pinned_thread()
    {
        if (ok_)
            pthread_setaffinity_np(pthread_self(), sizeof before_, &before_);
    }
    pinned_thread(const pinned_thread&) = delete;
    pinned_thread& operator=(const pinned_thread&) = delete;
    bool ok() const { return ok_; }

private:
    cpu_set_t before_;
    bool ok_ = false;
};

TEST(reply_spin, round_trips_with_both_threads_on_one_cpu)
{
    // The replier can only run when the requester gives up the CPU: a spin that never ends in
    // a wake must give way (it runs out and backs off), and no reply may be missed meanwhile.
    const int cpu = sched_getcpu();
    ASSERT_GE(cpu, 0);
    const pinned_thread pin(cpu);
    ASSERT_TRUE(pin.ok());
    inproc_pair p("inproc://one-cpu");
    constexpr int rounds = 2000;
    std::thread replier([&] {
        const pinned_thread replier_pin(cpu);
        ASSERT_TRUE(replier_pin.ok());
        echo(p.b.s, rounds, 0us);
    });
    request(p.a, rounds);
    replier.join();
}

} // namespace
