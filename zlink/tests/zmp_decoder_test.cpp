// ZMP decoder behaviour: frames split anywhere (byte by byte, seeded random splits) come out
// exactly as the encoder put them in, large bodies go through the direct-read path, bad
// headers are rejected before any body byte is taken, and a refusing sink loses nothing.
#include "engine/zmp_decoder.hpp"
#include "engine/zmp_encoder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace zmp = zlink::zmp;
using bytes = std::vector<std::uint8_t>;

namespace {

struct frame {
    std::uint8_t flags;
    bytes body;
    bool large = false;
    bool operator==(const frame&) const = default;
};

// Records every frame; can refuse every `refuse_every`-th offer to exercise pause/resume.
struct recording_sink {
    std::vector<frame> frames;
    bytes large_body;
    int large_begins = 0;
    int refuse_every = 0;
    int offers = 0;

    bool refuse() { return refuse_every > 0 && ++offers % refuse_every == 0; }
    bool on_frame(const zmp::header& h, const std::uint8_t* body)
    {
        if (refuse())
            return false;
        frames.push_back({h.flags, bytes(body, body + h.length), false});
        return true;
    }
    std::uint8_t* on_large_begin(const zmp::header& h)
    {
        ++large_begins;
        large_body.assign(h.length, 0);
        return large_body.data();
    }
    bool on_large_end(const zmp::header& h)
    {
        if (refuse())
            return false;
        frames.push_back({h.flags, large_body, true});
        return true;
    }
};

bytes encode_all(const std::vector<frame>& frames, const zmp::encoder_options& opts = {})
{
    zmp::encoder enc(opts);
    bytes wire;
    for (const frame& f : frames) {
        const auto len = static_cast<std::uint32_t>(f.body.size());
        if (!enc.add(f.flags, f.body.data(), len)) {
            for (const zmp::segment& s : enc.segments()) {
                const auto* p = static_cast<const std::uint8_t*>(s.data);
                wire.insert(wire.end(), p, p + s.size);
            }
            enc.consume(enc.pending_bytes());
            EXPECT_TRUE(enc.add(f.flags, f.body.data(), len));
        }
    }
    for (const zmp::segment& s : enc.segments()) {
        const auto* p = static_cast<const std::uint8_t*>(s.data);
        wire.insert(wire.end(), p, p + s.size);
    }
    return wire;
}

std::vector<frame> random_frames(std::mt19937& rng, std::size_t count, std::size_t threshold)
{
    const std::uint8_t flag_set[] = {0x00, 0x01, 0x04, 0x05, 0x02, 0x08, 0x10};
    const std::size_t sizes[] = {0, 1, 7, 8, 100, threshold - 1, threshold, threshold + 1,
                                 70000, 200000};
    std::vector<frame> frames;
    for (std::size_t i = 0; i < count; ++i) {
        frame f{flag_set[rng() % 7], bytes(sizes[rng() % 10]), false};
        for (std::uint8_t& b : f.body)
            b = static_cast<std::uint8_t>(rng());
        f.large = f.body.size() >= threshold;
        frames.push_back(std::move(f));
    }
    return frames;
}

// Feeds wire in chunks whose sizes come from next_chunk(), resuming a refusing sink.
template <class Chunker>
void feed_in_chunks(zmp::decoder& dec, recording_sink& sink, const bytes& wire, Chunker next_chunk)
{
    std::size_t pos = 0;
    for (int guard = 0; pos < wire.size() && guard < 10'000'000; ++guard) {
        const std::size_t n = std::min(next_chunk(), wire.size() - pos);
        const auto r = dec.feed(std::span(wire).subspan(pos, n), sink);
        ASSERT_NE(r.status, zmp::decode_status::error);
        pos += r.consumed;
    }
    for (int guard = 0; dec.paused() && guard < 1000; ++guard)
        dec.resume(sink);
    ASSERT_EQ(pos, wire.size());
}

} // namespace

TEST(zmp_decoder, byte_by_byte_round_trip)
{
    std::mt19937 rng(1);
    const auto frames = random_frames(rng, 40, 8192);
    const bytes wire = encode_all(frames);
    zmp::decoder dec;
    recording_sink sink;
    feed_in_chunks(dec, sink, wire, [] { return std::size_t{1}; });
    EXPECT_EQ(sink.frames, frames);
    EXPECT_TRUE(dec.at_boundary());
}

TEST(zmp_decoder, random_splits_round_trip)
{
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        std::mt19937 rng(seed);
        const auto frames = random_frames(rng, 60, 8192);
        const bytes wire = encode_all(frames);
        zmp::decoder dec;
        recording_sink sink;
        std::uniform_int_distribution<std::size_t> chunk(1, 3 + (seed % 4) * 30000);
        feed_in_chunks(dec, sink, wire, [&] { return chunk(rng); });
        EXPECT_EQ(sink.frames, frames) << "seed " << seed;
    }
}

TEST(zmp_decoder, small_buffers_and_thresholds_round_trip)
{
    std::mt19937 rng(7);
    const auto frames = random_frames(rng, 50, 56);
    const bytes wire = encode_all(frames, {.batch_size = 64, .large_threshold = 56});
    zmp::decoder dec({.buffer_size = 64, .large_threshold = 1000});
    EXPECT_EQ(dec.large_threshold(), 56u);
    recording_sink sink;
    std::uniform_int_distribution<std::size_t> chunk(1, 200);
    feed_in_chunks(dec, sink, wire, [&] { return chunk(rng); });
    EXPECT_EQ(sink.frames, frames);
}

TEST(zmp_decoder, refusing_sink_loses_and_duplicates_nothing)
{
    std::mt19937 rng(3);
    const auto frames = random_frames(rng, 80, 8192);
    const bytes wire = encode_all(frames);
    for (const int every : {2, 3}) {
        zmp::decoder dec;
        recording_sink sink;
        sink.refuse_every = every;
        std::uniform_int_distribution<std::size_t> chunk(1, 50000);
        feed_in_chunks(dec, sink, wire, [&] { return chunk(rng); });
        EXPECT_EQ(sink.frames, frames) << "refusing every " << every;
    }
}

TEST(zmp_decoder, large_body_is_read_directly_into_the_destination)
{
    const bytes body(100000, 0x42);
    const bytes small{1, 2, 3};
    const bytes wire = encode_all({{0x00, body}, {0x01, small}});
    zmp::decoder dec({.buffer_size = 4096, .large_threshold = 1024});
    recording_sink sink;

    // First read: just the header and a little of the body, as a socket might deliver.
    auto t = dec.read_targets();
    std::memcpy(t[0].data(), wire.data(), 100);
    ASSERT_EQ(dec.on_read(100, sink), zmp::decode_status::need_more);
    ASSERT_EQ(sink.large_begins, 1);

    // Now the read target is the rest of the destination itself, then the start of the
    // empty buffer, room for the next header and a little more.
    t = dec.read_targets();
    EXPECT_EQ(t[0].data(), sink.large_body.data() + 92);
    EXPECT_EQ(t[0].size(), body.size() - 92);
    EXPECT_GE(t[1].size(), zmp::header_size + small.size());
    EXPECT_LT(t[1].size(), dec.large_threshold());

    // One scatter read completes the body and brings the next frame along.
    std::size_t pos = 100;
    std::memcpy(t[0].data(), wire.data() + pos, t[0].size());
    pos += t[0].size();
    std::memcpy(t[1].data(), wire.data() + pos, wire.size() - pos);
    ASSERT_EQ(dec.on_read(wire.size() - 100, sink), zmp::decode_status::need_more);
    ASSERT_EQ(sink.frames.size(), 2u);
    EXPECT_EQ(sink.frames[0], (frame{0x00, body, true}));
    EXPECT_EQ(sink.frames[1], (frame{0x01, small, false}));
    EXPECT_TRUE(dec.at_boundary());
}

TEST(zmp_decoder, oversize_length_is_rejected_at_the_eighth_byte)
{
    for (const std::uint32_t length : {101u, 20000u}) {
        zmp::decoder dec({.large_threshold = 8192, .max_body = 100});
        recording_sink sink;
        bytes wire(8 + 16, 0);
        zmp::write_header(wire.data(), 0x00, length);
        for (std::size_t i = 0; i < 7; ++i)
            ASSERT_EQ(dec.feed(std::span(wire).subspan(i, 1), sink).status,
                      zmp::decode_status::need_more);
        EXPECT_EQ(dec.feed(std::span(wire).subspan(7, 1), sink).status, zmp::decode_status::error);
        EXPECT_EQ(dec.error(), zmp::error_code::body_too_large);
        EXPECT_EQ(sink.large_begins, 0);
        EXPECT_TRUE(sink.frames.empty());
        EXPECT_TRUE(dec.read_targets()[0].empty());
        EXPECT_EQ(dec.feed(std::span(wire).subspan(8), sink).status, zmp::decode_status::error);
    }
}

TEST(zmp_decoder, length_equal_to_max_is_accepted)
{
    zmp::decoder dec({.max_body = 100});
    recording_sink sink;
    const bytes wire = zmp::encode_frame(0x00, bytes(100, 9));
    EXPECT_EQ(dec.feed(wire, sink).status, zmp::decode_status::need_more);
    ASSERT_EQ(sink.frames.size(), 1u);
}

TEST(zmp_decoder, bad_header_bytes_fail_as_soon_as_they_arrive)
{
    struct bad_case {
        bytes prefix;
        zmp::error_code code;
    };
    const bad_case cases[] = {{{0x00}, zmp::error_code::bad_magic},
                              {{0x5A, 0x01}, zmp::error_code::version_mismatch},
                              {{0x5A, 0x02, 0x03}, zmp::error_code::bad_flags},
                              {{0x5A, 0x02, 0x40}, zmp::error_code::bad_flags},
                              {{0x5A, 0x02, 0x00, 0x01}, zmp::error_code::bad_flags}};
    for (const bad_case& c : cases) {
        zmp::decoder dec;
        recording_sink sink;
        const auto r = dec.feed(c.prefix, sink);
        EXPECT_EQ(r.status, zmp::decode_status::error);
        EXPECT_EQ(dec.error(), c.code);
    }
}

TEST(zmp_decoder, bad_second_frame_after_a_good_one)
{
    bytes wire = zmp::encode_frame(0x00, bytes{1, 2});
    const bytes bad = {0x5A, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    wire.insert(wire.end(), bad.begin(), bad.end());
    wire[10 + 1] = 0x07; // version of the second frame
    zmp::decoder dec;
    recording_sink sink;
    EXPECT_EQ(dec.feed(wire, sink).status, zmp::decode_status::error);
    EXPECT_EQ(dec.error(), zmp::error_code::version_mismatch);
    EXPECT_EQ(sink.frames.size(), 1u);
}

TEST(zmp_decoder, sink_without_destination_fails_with_internal)
{
    struct no_memory_sink : recording_sink {
        std::uint8_t* on_large_begin(const zmp::header&) { return nullptr; }
    } sink;
    zmp::decoder dec({.large_threshold = 16});
    EXPECT_EQ(dec.feed(zmp::encode_frame(0x00, bytes(32, 1)), sink).status,
              zmp::decode_status::error);
    EXPECT_EQ(dec.error(), zmp::error_code::internal);
}

TEST(zmp_decoder, control_frames_are_marked)
{
    bytes wire = zmp::encode_frame(zmp::flag::control, zmp::encode_ready());
    const bytes data = zmp::encode_frame(zmp::flag::subscribe, bytes{'t'});
    wire.insert(wire.end(), data.begin(), data.end());
    struct control_sink : recording_sink {
        std::vector<bool> control;
        bool on_frame(const zmp::header& h, const std::uint8_t* body)
        {
            control.push_back(h.is_control());
            return recording_sink::on_frame(h, body);
        }
    } sink;
    zmp::decoder dec;
    EXPECT_EQ(dec.feed(wire, sink).status, zmp::decode_status::need_more);
    EXPECT_EQ(sink.control, (std::vector<bool>{true, false}));
}

TEST(zmp_decoder, half_a_frame_is_not_at_a_boundary)
{
    const bytes wire = zmp::encode_frame(0x00, bytes(50, 1));
    zmp::decoder dec;
    recording_sink sink;
    EXPECT_TRUE(dec.at_boundary());
    dec.feed(std::span(wire).first(20), sink);
    EXPECT_FALSE(dec.at_boundary());
    dec.feed(std::span(wire).subspan(20), sink);
    EXPECT_TRUE(dec.at_boundary());
}

namespace {

// Plays a socket that always has all of wire ready: every read fills the targets fully.
// Returns how many bytes landed in the decoder's own buffer (as opposed to a destination).
std::size_t read_like_a_socket(zmp::decoder& dec, recording_sink& sink, const bytes& wire,
                               std::vector<std::size_t>* buffer_reads = nullptr)
{
    std::size_t pos = 0;
    std::size_t into_buffer = 0;
    while (pos < wire.size()) {
        const auto t = dec.read_targets();
        std::size_t n = 0;
        for (const std::span<std::uint8_t> target : t) {
            const std::size_t k = std::min(target.size(), wire.size() - pos - n);
            if (k == 0)
                continue;
            std::memcpy(target.data(), wire.data() + pos + n, k);
            const bool in_dest = target.data() >= sink.large_body.data() &&
                                 target.data() < sink.large_body.data() + sink.large_body.size();
            if (!in_dest) {
                into_buffer += k;
                if (buffer_reads)
                    buffer_reads->push_back(k);
            }
            n += k;
        }
        pos += n;
        EXPECT_EQ(dec.on_read(n, sink), zmp::decode_status::need_more);
    }
    return into_buffer;
}

} // namespace

TEST(zmp_decoder, back_to_back_large_frames_are_almost_never_copied)
{
    const bytes body(65536, 0x33);
    std::vector<frame> frames(20, frame{0x00, body, true});
    const bytes wire = encode_all(frames);
    zmp::decoder dec;
    recording_sink sink;
    const std::size_t copied = read_like_a_socket(dec, sink, wire);
    EXPECT_EQ(sink.frames, frames);
    // Only the first read fills the buffer; after that each read takes the rest of one body
    // plus the next header and a short lookahead.
    EXPECT_LT(copied, dec.buffer_size() + frames.size() * 128);
}

TEST(zmp_decoder, small_frames_after_large_ones_return_to_full_buffer_reads)
{
    std::vector<frame> frames{{0x00, bytes(100000, 1), true}};
    for (int i = 0; i < 3000; ++i)
        frames.push_back({0x00, bytes(40, static_cast<std::uint8_t>(i)), false});
    const bytes wire = encode_all(frames);
    zmp::decoder dec;
    recording_sink sink;
    std::vector<std::size_t> reads;
    read_like_a_socket(dec, sink, wire, &reads);
    EXPECT_EQ(sink.frames, frames);
    ASSERT_GE(reads.size(), 3u);
    // After the short reads that follow the large frame, reads fill the buffer again.
    EXPECT_GE(*std::max_element(reads.begin() + 2, reads.end()), dec.buffer_size() / 2);
    EXPECT_LT(reads.size(), 20u);
}

TEST(zmp_decoder, medium_large_frames_keep_full_buffer_reads)
{
    std::vector<frame> frames;
    for (int i = 0; i < 700; ++i)
        frames.push_back(i % 7 == 0 ? frame{0x00, bytes(9000, 2), true}
                                    : frame{0x01, bytes(16, 3), false});
    const bytes wire = encode_all(frames);
    zmp::decoder dec;
    recording_sink sink;
    std::vector<std::size_t> reads;
    read_like_a_socket(dec, sink, wire, &reads);
    EXPECT_EQ(sink.frames, frames);
    EXPECT_LE(reads.size(), wire.size() / (dec.buffer_size() * 3 / 4) + 3);
}

namespace {

// Aborts the decoder with `code` at the frame whose index is `at`, in the callback `where`.
struct aborting_sink : recording_sink {
    zmp::decoder* dec = nullptr;
    zmp::error_code code = zmp::error_code::socket_type_mismatch;
    std::size_t at = 1;
    enum class where { frame, large_begin, large_end, frame_but_take } in = where::frame;

    bool hit(where w) const { return in == w && frames.size() == at; }
    bool on_frame(const zmp::header& h, const std::uint8_t* body)
    {
        if (hit(where::frame) || hit(where::frame_but_take)) {
            dec->abort(code);
            if (in == where::frame)
                return false;
        }
        return recording_sink::on_frame(h, body);
    }
    std::uint8_t* on_large_begin(const zmp::header& h)
    {
        if (hit(where::large_begin)) {
            dec->abort(code);
            return nullptr;
        }
        return recording_sink::on_large_begin(h);
    }
    bool on_large_end(const zmp::header& h)
    {
        if (hit(where::large_end)) {
            dec->abort(code);
            return false;
        }
        return recording_sink::on_large_end(h);
    }
};

} // namespace

TEST(zmp_decoder, sink_abort_fails_with_its_code)
{
    using where = aborting_sink::where;
    const std::vector<frame> frames{{0x00, bytes{1}}, {0x00, bytes(20000, 2), true},
                                    {0x00, bytes{3}}, {0x00, bytes{4}}};
    const bytes wire = encode_all(frames);
    const std::pair<where, std::size_t> cases[] = {{where::frame, 0},
                                                   {where::large_begin, 1},
                                                   {where::large_end, 1},
                                                   {where::frame, 2},
                                                   {where::frame_but_take, 2}};
    for (const auto& [in, at] : cases) {
        zmp::decoder dec;
        aborting_sink sink;
        sink.dec = &dec;
        sink.in = in;
        sink.at = at;
        EXPECT_EQ(dec.feed(wire, sink).status, zmp::decode_status::error);
        EXPECT_EQ(dec.error(), zmp::error_code::socket_type_mismatch);
        EXPECT_EQ(sink.frames.size(), in == where::frame_but_take ? at + 1 : at);
        EXPECT_EQ(dec.resume(sink), zmp::decode_status::error);
        EXPECT_TRUE(dec.read_targets()[0].empty());
    }
}

TEST(zmp_decoder, abort_outside_a_callback_keeps_the_first_code)
{
    zmp::decoder dec;
    dec.abort(zmp::error_code::handshake_timeout);
    dec.abort(zmp::error_code::internal);
    EXPECT_EQ(dec.error(), zmp::error_code::handshake_timeout);
    recording_sink sink;
    EXPECT_EQ(dec.feed(zmp::encode_frame(0x00, bytes{1}), sink).status, zmp::decode_status::error);
    EXPECT_TRUE(sink.frames.empty());
}

namespace {

// Keeps pointers into the read buffer (share_buffer) instead of copying; buffers handed back
// through release_shared are freed only at the end, so an overwrite would show as corruption.
std::vector<unsigned char*> g_released;
void note_release(unsigned char* block) noexcept { g_released.push_back(block); }

struct sharing_sink {
    zmp::decoder* dec = nullptr;
    std::vector<std::pair<const std::uint8_t*, std::size_t>> views;
    recording_sink large; // large frames go the usual way
    int refuse_every = 0;
    int offers = 0;
    bool on_frame(const zmp::header& h, const std::uint8_t* body)
    {
        if (refuse_every > 0 && ++offers % refuse_every == 0)
            return false;
        dec->share_buffer();
        views.emplace_back(body, h.length);
        return true;
    }
    std::uint8_t* on_large_begin(const zmp::header& h) { return large.on_large_begin(h); }
    bool on_large_end(const zmp::header& h)
    {
        views.emplace_back(nullptr, large.frames.size());
        return large.on_large_end(h);
    }
};

} // namespace

TEST(zmp_decoder, shared_buffer_bodies_stay_intact_until_released)
{
    std::mt19937 rng(7);
    for (const int refuse : {0, 3}) {
        g_released.clear();
        const auto frames = random_frames(rng, 400, 1024);
        const bytes wire = encode_all(frames);
        {
            zmp::decoder dec({.buffer_size = 4096, .large_threshold = 1024, .max_body = 0,
                              .buffer_header = 16, .release_shared = note_release});
            sharing_sink sink;
            sink.dec = &dec;
            sink.refuse_every = refuse;
            std::size_t pos = 0;
            for (int guard = 0; pos < wire.size() && guard < 1'000'000; ++guard) {
                const std::size_t n = std::min<std::size_t>(1 + rng() % 3000, wire.size() - pos);
                const auto r = dec.feed(std::span(wire).subspan(pos, n), sink);
                ASSERT_NE(r.status, zmp::decode_status::error);
                pos += r.consumed;
            }
            for (int guard = 0; dec.paused() && guard < 1000; ++guard)
                dec.resume(sink);
            ASSERT_EQ(sink.views.size(), frames.size());
            for (std::size_t i = 0; i < frames.size(); ++i) {
                const auto [p, n] = sink.views[i];
                if (p == nullptr)
                    EXPECT_EQ(sink.large.frames[n].body, frames[i].body) << i;
                else
                    EXPECT_EQ(bytes(p, p + n), frames[i].body) << i;
            }
            EXPECT_FALSE(g_released.empty()); // it moved on to fresh buffers
        } // a still-shared buffer is released on destruction, never freed by the decoder
        for (unsigned char* b : g_released)
            zlink::dealloc(b);
    }
}
