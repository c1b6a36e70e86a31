// The SPSC pipe on its own: batched publication, whole multipart messages, HWM accounting,
// idle-only wake-ups, close in both directions, bodies carried in the pipe's slots, and
// two-thread stress runs.
#include "core/pipe.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

namespace {

struct counting_waker final : zlink::waker {
    std::atomic<int> wakes{0};
    void wake() noexcept override { wakes.fetch_add(1); }
};

zlink::msg make(int v, bool more = false)
{
    zlink::msg m;
    m.init_size(sizeof v);
    std::memcpy(m.data(), &v, sizeof v);
    m.set_more(more);
    return m;
}

int value(zlink::msg& m)
{
    int v;
    std::memcpy(&v, m.data(), sizeof v);
    m.close();
    return v;
}

// spin_until(done): yields until done() holds; false after 30 s (the other thread always makes
// progress, so the bound only ends a hang).
template <class Done> bool spin_until(Done done)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (unsigned spins = 0;; ++spins) {
        if (done())
            return true;
        if (spins % 1024 == 0 && std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::yield();
    }
}

struct fixture {
    std::shared_ptr<counting_waker> reader = std::make_shared<counting_waker>();
    std::shared_ptr<counting_waker> writer = std::make_shared<counting_waker>();
};

} // namespace

TEST(pipe, nothing_is_visible_before_flush)
{
    fixture f;
    zlink::pipe p(0, f.reader, f.writer);
    zlink::msg m = make(1);
    p.write(m);
    zlink::msg out;
    EXPECT_FALSE(p.read(out));
    p.flush();
    ASSERT_TRUE(p.read(out));
    EXPECT_EQ(value(out), 1);
}

TEST(pipe, multipart_is_published_only_when_complete)
{
    fixture f;
    zlink::pipe p(0, f.reader, f.writer);
    zlink::msg a = make(1, true), b = make(2);
    p.write(a);
    p.flush();
    zlink::msg out;
    EXPECT_FALSE(p.read(out));
    p.write(b);
    p.flush();
    ASSERT_TRUE(p.read(out));
    EXPECT_TRUE(out.has_more());
    EXPECT_EQ(value(out), 1);
    ASSERT_TRUE(p.read(out));
    EXPECT_EQ(value(out), 2);
}

TEST(pipe, reader_is_woken_only_when_it_declared_itself_idle)
{
    fixture f;
    zlink::pipe p(0, f.reader, f.writer);
    zlink::msg m = make(1);
    p.write(m);
    p.flush();
    EXPECT_EQ(f.reader->wakes.load(), 0);
    zlink::msg out;
    ASSERT_TRUE(p.read(out));
    out.close();
    EXPECT_TRUE(p.arm_reader());
    m = make(2);
    p.write(m);
    p.flush();
    EXPECT_EQ(f.reader->wakes.load(), 1);
    m = make(3);
    p.write(m);
    p.flush(); // not re-armed: no second wake-up
    EXPECT_EQ(f.reader->wakes.load(), 1);
    EXPECT_FALSE(p.arm_reader()); // data is waiting
}

TEST(pipe, hwm_blocks_at_message_boundaries_and_reader_progress_wakes_writer)
{
    fixture f;
    zlink::pipe p(4, f.reader, f.writer);
    for (int i = 0; i < 4; ++i) {
        ASSERT_FALSE(p.full());
        zlink::msg m = make(i);
        p.write(m);
    }
    EXPECT_TRUE(p.full());
    EXPECT_TRUE(p.arm_writer());
    zlink::msg out;
    ASSERT_TRUE(p.read(out)); // the reader acknowledges every hwm/4 = 1 message
    EXPECT_EQ(value(out), 0);
    EXPECT_EQ(f.writer->wakes.load(), 1);
    EXPECT_FALSE(p.full());
}

zlink::msg sized(std::size_t n)
{
    zlink::msg m;
    m.init_size(n);
    return m;
}

TEST(pipe, byte_limit_blocks_before_the_message_hwm)
{
    fixture f;
    zlink::pipe p(1000, f.reader, f.writer, 4000);
    for (int i = 0; i < 4; ++i) {
        ASSERT_FALSE(p.full());
        zlink::msg m = sized(1000);
        p.write(m);
    }
    EXPECT_TRUE(p.full()); // 4 messages, far below HWM 1000, but 4000 bytes unread
    EXPECT_TRUE(p.arm_writer());
    p.flush();
    zlink::msg out;
    ASSERT_TRUE(p.read(out)); // a quarter of the byte limit read: the reader reports it
    out.close();
    EXPECT_EQ(f.writer->wakes.load(), 1);
    EXPECT_FALSE(p.full());
}

TEST(pipe, a_message_above_the_byte_limit_passes_an_empty_pipe_alone)
{
    fixture f;
    zlink::pipe p(1000, f.reader, f.writer, 4000);
    ASSERT_FALSE(p.full());
    zlink::msg big = sized(10000);
    p.write(big);
    EXPECT_TRUE(p.full());
    p.flush();
    zlink::msg out;
    ASSERT_TRUE(p.read(out));
    out.close();
    EXPECT_FALSE(p.full());
}

TEST(pipe, closing_either_side_is_seen_by_the_other)
{
    fixture f;
    auto p = std::make_shared<zlink::pipe>(0, f.reader, f.writer);
    zlink::msg m = make(7);
    p->write(m);
    p->close_writer();
    EXPECT_FALSE(p->writer_done()); // one message still to read
    zlink::msg out;
    ASSERT_TRUE(p->read(out));
    EXPECT_EQ(value(out), 7);
    EXPECT_TRUE(p->writer_done());
    EXPECT_FALSE(p->reader_closed());
    p->close_reader();
    EXPECT_TRUE(p->reader_closed());
}

TEST(pipe, unread_messages_are_released_with_the_pipe)
{
    fixture f;
    auto p = std::make_shared<zlink::pipe>(0, f.reader, f.writer);
    for (int i = 0; i < 1000; ++i) {
        zlink::msg m;
        m.init_size(1000); // shared bodies: leaks would show under ASan
        p->write(m);
    }
    p->flush();
    p.reset();
}

TEST(pipe, two_threads_stress_in_order)
{
    auto reader = std::make_shared<counting_waker>();
    auto writer = std::make_shared<counting_waker>();
    zlink::pipe p(100, reader, writer);
    constexpr int n = 200000;
    std::thread producer([&] {
        for (int i = 0; i < n; ++i) {
            ASSERT_TRUE(spin_until([&] { return !p.full(); })); // the consumer frees room
            zlink::msg m = make(i, i % 3 == 0);
            p.write(m);
            if (i % 3 != 0)
                p.flush();
        }
        zlink::msg last = make(n);
        p.write(last);
        p.flush();
    });
    zlink::msg out;
    for (int i = 0; i <= n; ++i) {
        ASSERT_TRUE(spin_until([&] { return p.read(out); }));
        ASSERT_EQ(value(out), i);
    }
    producer.join();
}

namespace {

// A message of n bytes whose byte i is (seed + i) mod 251, so any misplaced byte shows.
zlink::msg patterned(std::size_t n, unsigned seed, std::uint8_t flags = 0)
{
    zlink::msg m;
    m.init_size(n);
    for (std::size_t i = 0; i < n; ++i)
        m.data()[i] = static_cast<unsigned char>((seed + i) % 251);
    m.set_flags(flags);
    return m;
}

bool has_pattern(const zlink::msg& m, std::size_t n, unsigned seed)
{
    if (m.size() != n)
        return false;
    for (std::size_t i = 0; i < n; ++i)
        if (m.data()[i] != static_cast<unsigned char>((seed + i) % 251))
            return false;
    return true;
}

// Sizes around every boundary: inline (<= 56), carried (57..room), shared (above room).
constexpr std::size_t mixed_sizes[] = {0, 1, 56, 57, 64, 65, 200, 256, 1000, 1024, 1025, 9000};

} // namespace

TEST(pipe, carried_bodies_arrive_intact_in_order_across_chunks)
{
    fixture f;
    zlink::pipe p(0, f.reader, f.writer, 0, 1024);
    constexpr int n = 3000; // many chunks, with records left over at each chunk's end
    zlink::msg out;
    int next = 0; // the next message the reader expects
    for (int i = 0; i < n; ++i) {
        const std::size_t size = mixed_sizes[i % std::size(mixed_sizes)];
        zlink::msg m = patterned(size, static_cast<unsigned>(i), i % 5 == 0 ? zlink::msg::more : 0);
        p.write(m);
        EXPECT_EQ(m.size(), 0u) << "write takes the message";
        if (i % 7 == 6)
            p.flush();
        // The reader trails the writer; each body is checked before the next read, the
        // longest it is promised to stay valid.
        if (i % 3 == 2) {
            while (p.read(out)) {
                const std::size_t want = mixed_sizes[next % std::size(mixed_sizes)];
                ASSERT_TRUE(has_pattern(out, want, static_cast<unsigned>(next))) << "message " << next;
                EXPECT_EQ(out.has_more(), next % 5 == 0);
                out.close();
                ++next;
            }
        }
    }
    EXPECT_GT(next, n - 10) << "all but the last unflushed few were read";
}

TEST(pipe, a_carried_body_releases_its_block_on_the_writing_side)
{
    fixture f;
    zlink::pipe p(0, f.reader, f.writer, 0, 1024);
    static std::atomic<int> freed{0};
    freed = 0;
    static char small[300], large[4000];
    auto count = [](void*, void*) { freed.fetch_add(1); };
    zlink::msg m;
    m.init_data(small, sizeof small, count, nullptr);
    std::memset(small, 'a', sizeof small);
    p.write(m);
    EXPECT_EQ(freed.load(), 1) << "copied into the pipe, so the user's buffer is free at once";
    std::memset(small, 'b', sizeof small); // the pipe's copy must not see this
    m.init_data(large, sizeof large, count, nullptr);
    p.write(m);
    EXPECT_EQ(freed.load(), 1) << "above the room: shared, released by the reader";
    p.flush();
    zlink::msg out;
    ASSERT_TRUE(p.read(out));
    ASSERT_EQ(out.size(), sizeof small);
    EXPECT_EQ(out.data()[0], 'a');
    EXPECT_EQ(out.data()[sizeof small - 1], 'a');
    out.close();
    ASSERT_TRUE(p.read(out));
    EXPECT_EQ(out.data(), reinterpret_cast<unsigned char*>(large));
    out.close();
    EXPECT_EQ(freed.load(), 2);
}

TEST(pipe, without_body_room_every_body_is_shared)
{
    fixture f;
    zlink::pipe p(0, f.reader, f.writer);
    zlink::msg m = patterned(100, 3);
    const unsigned char* body = m.data();
    p.write(m);
    p.flush();
    zlink::msg out;
    ASSERT_TRUE(p.read(out));
    EXPECT_EQ(out.data(), body) << "the same block, not a copy";
    EXPECT_TRUE(has_pattern(out, 100, 3));
    out.close();
}

TEST(pipe, unread_carried_bodies_go_with_the_pipe)
{
    fixture f;
    auto p = std::make_shared<zlink::pipe>(0, f.reader, f.writer, 0, 1024);
    for (int i = 0; i < 2000; ++i) {
        zlink::msg m = patterned(mixed_sizes[i % std::size(mixed_sizes)], 1);
        p->write(m);
        if (i == 1500)
            p->flush(); // part published, part not: both are released (leaks show under ASan)
    }
    zlink::msg out;
    ASSERT_TRUE(p->read(out)); // the reader has moved, and holds a carried body
    out.close();
    p.reset();
}

TEST(pipe, two_threads_stress_with_carried_bodies)
{
    auto reader = std::make_shared<counting_waker>();
    auto writer = std::make_shared<counting_waker>();
    zlink::pipe p(100, reader, writer, 0, 1024);
    constexpr int n = 60000;
    std::thread producer([&] {
        for (int i = 0; i < n; ++i) {
            ASSERT_TRUE(spin_until([&] { return !p.full(); }));
            zlink::msg m = patterned(mixed_sizes[i % std::size(mixed_sizes)], static_cast<unsigned>(i));
            p.write(m);
            p.flush();
        }
    });
    zlink::msg out;
    for (int i = 0; i < n; ++i) {
        ASSERT_TRUE(spin_until([&] { return p.read(out); }));
        ASSERT_TRUE(has_pattern(out, mixed_sizes[i % std::size(mixed_sizes)], static_cast<unsigned>(i)))
            << "message " << i;
        out.close();
    }
    producer.join();
}
