// ZMP encoder behaviour: small frames batched into one reused buffer, large bodies emitted as
// their own zero-copy segment, partial writes, release counts of large bodies, full batches.
#include "engine/zmp_encoder.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace zmp = zlink::zmp;
using bytes = std::vector<std::uint8_t>;

namespace {

bytes flatten(std::span<const zmp::segment> segs)
{
    bytes out;
    for (const zmp::segment& s : segs) {
        const auto* p = static_cast<const std::uint8_t*>(s.data);
        out.insert(out.end(), p, p + s.size);
    }
    return out;
}

} // namespace

TEST(zmp_encoder, one_small_frame_is_header_plus_body)
{
    zmp::encoder enc;
    EXPECT_TRUE(enc.empty());
    const bytes body{'h', 'i'};
    ASSERT_TRUE(enc.add(zmp::flag::more, body.data(), 2));
    ASSERT_EQ(enc.segments().size(), 1u);
    EXPECT_EQ(flatten(enc.segments()), (bytes{0x5A, 0x02, 0x01, 0x00, 0, 0, 0, 2, 'h', 'i'}));
    EXPECT_EQ(enc.pending_bytes(), 10u);
    EXPECT_EQ(enc.consume(10), 0u);
    EXPECT_TRUE(enc.empty());
    EXPECT_TRUE(enc.segments().empty());
}

TEST(zmp_encoder, small_frames_share_one_segment)
{
    zmp::encoder enc;
    const bytes body(100, 7);
    for (int i = 0; i < 50; ++i)
        ASSERT_TRUE(enc.add(0x00, body.data(), 100));
    ASSERT_TRUE(enc.add(0x00, nullptr, 0));
    EXPECT_EQ(enc.segments().size(), 1u);
    EXPECT_EQ(enc.pending_bytes(), 50u * 108 + 8);
}

TEST(zmp_encoder, large_body_is_its_own_segment_and_not_copied)
{
    zmp::encoder enc({.large_threshold = 1024});
    const bytes small{1};
    const bytes big(5000, 9);
    ASSERT_TRUE(enc.add(0x00, small.data(), 1));
    EXPECT_FALSE(enc.is_large(1023));
    ASSERT_TRUE(enc.is_large(5000));
    ASSERT_TRUE(enc.add(zmp::flag::more, big.data(), 5000));
    ASSERT_TRUE(enc.add(0x00, small.data(), 1));
    const auto segs = enc.segments();
    ASSERT_EQ(segs.size(), 3u);
    EXPECT_EQ(segs[0].size, 9u + 8u); // small frame + the large frame's header
    EXPECT_EQ(segs[1].data, big.data());
    EXPECT_EQ(segs[1].size, 5000u);
    EXPECT_EQ(segs[2].size, 9u);
    bytes expected = zmp::encode_frame(0x00, small);
    for (const bytes& f : {zmp::encode_frame(zmp::flag::more, big), zmp::encode_frame(0x00, small)})
        expected.insert(expected.end(), f.begin(), f.end());
    EXPECT_EQ(flatten(segs), expected);
    EXPECT_EQ(enc.large_pending(), 1u);
}

TEST(zmp_encoder, partial_writes_release_large_bodies_in_order)
{
    zmp::encoder enc({.large_threshold = 64});
    const bytes a(100, 'a'), b(200, 'b'), s(10, 's');
    ASSERT_TRUE(enc.add(0x00, a.data(), 100));
    ASSERT_TRUE(enc.add(0x00, s.data(), 10));
    ASSERT_TRUE(enc.add(0x00, b.data(), 200));
    const bytes expected = flatten(enc.segments());
    ASSERT_EQ(expected.size(), 8u + 100 + 18 + 8 + 200);

    bytes written;
    std::vector<std::size_t> release_at;
    while (!enc.empty()) {
        const auto* p = static_cast<const std::uint8_t*>(enc.segments()[0].data);
        written.push_back(*p);
        if (enc.consume(1) == 1)
            release_at.push_back(written.size());
    }
    EXPECT_EQ(written, expected);
    EXPECT_EQ(release_at, (std::vector<std::size_t>{108, 334}));
}

TEST(zmp_encoder, uneven_partial_writes_match_the_flat_bytes)
{
    zmp::encoder enc({.large_threshold = 64});
    const bytes big(1000, 'x'), s(20, 'y');
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(enc.add(0x00, s.data(), 20));
        ASSERT_TRUE(enc.add(0x00, big.data(), 1000));
    }
    const bytes expected = flatten(enc.segments());
    bytes written;
    std::size_t released = 0;
    for (std::size_t step = 1; !enc.empty(); step = step * 3 % 997 + 1) {
        const std::size_t n = std::min(step, enc.pending_bytes());
        bytes all = flatten(enc.segments());
        written.insert(written.end(), all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        released += enc.consume(n);
    }
    EXPECT_EQ(written, expected);
    EXPECT_EQ(released, 5u);
}

TEST(zmp_encoder, full_batch_refuses_then_is_reused_from_the_start)
{
    zmp::encoder enc({.batch_size = 256, .large_threshold = 128});
    const bytes body(100, 1);
    ASSERT_TRUE(enc.add(0x00, body.data(), 100));
    const void* start = enc.segments()[0].data;
    ASSERT_TRUE(enc.add(0x00, body.data(), 100));
    EXPECT_FALSE(enc.add(0x00, body.data(), 100));
    EXPECT_EQ(enc.pending_bytes(), 216u);
    enc.consume(100); // partly written: the space is not reclaimed yet
    EXPECT_FALSE(enc.add(0x00, body.data(), 100));
    enc.consume(116);
    ASSERT_TRUE(enc.add(0x00, body.data(), 100));
    EXPECT_EQ(enc.segments()[0].data, start);
}

TEST(zmp_encoder, adding_during_a_write_keeps_listed_bytes_in_place)
{
    zmp::encoder enc;
    const bytes body(10, 3);
    ASSERT_TRUE(enc.add(0x00, body.data(), 10));
    const zmp::segment in_flight = enc.segments()[0];
    const bytes before = flatten(enc.segments());
    enc.consume(5);
    ASSERT_TRUE(enc.add(0x01, body.data(), 10));
    EXPECT_EQ(bytes(static_cast<const std::uint8_t*>(in_flight.data),
                    static_cast<const std::uint8_t*>(in_flight.data) + in_flight.size),
              before);
    EXPECT_EQ(enc.pending_bytes(), 13u + 18u);
    EXPECT_EQ(enc.segments().size(), 1u);
}

TEST(zmp_encoder, segment_table_full_refuses)
{
    zmp::encoder enc({.large_threshold = 16});
    const bytes big(32, 1);
    std::size_t added = 0;
    while (added < 1000 && enc.add(0x00, big.data(), 32))
        ++added;
    EXPECT_EQ(added, zmp::encoder::max_segments / 2);
    EXPECT_EQ(enc.reset(), added);
    EXPECT_TRUE(enc.empty());
    EXPECT_TRUE(enc.add(0x00, big.data(), 32));
}

TEST(zmp_encoder, largest_small_frame_fits_an_empty_batch)
{
    zmp::encoder enc({.batch_size = 64, .large_threshold = 1000});
    EXPECT_EQ(enc.large_threshold(), 56u);
    const bytes body(55, 1);
    EXPECT_TRUE(enc.add(0x00, body.data(), 55));
    EXPECT_EQ(enc.segments().size(), 1u);
}
