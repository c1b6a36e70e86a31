// libFuzzer target for the ZMP decoder and the control-body decoders. Input: 4 config bytes
// (buffer size, large threshold, max body, chunking/refusal seed), then the byte stream.
// Checks: no crash or overflow, errors carry a code, and accepted frames re-encode and decode
// back to the same frames.
#include "engine/zmp_decoder.hpp"
#include "engine/zmp_encoder.hpp"

#include <cstdlib>
#include <vector>

namespace zmp = zlink::zmp;

namespace {

// Largest body the sink agrees to hold when max_body is unlimited; a real engine needs the
// same kind of bound so a hostile header cannot make it allocate 4 GiB.
constexpr std::uint32_t sink_cap = 1 << 20;

struct frame {
    std::uint8_t flags;
    std::vector<std::uint8_t> body;
    bool operator==(const frame&) const = default;
};

struct fuzz_sink {
    std::vector<frame> frames;
    std::vector<std::uint8_t> large;
    std::uint32_t rng = 1;
    bool refusals = false;

    // Refuses about one offer in four when refusals are on (exercises pause/resume).
    bool refuse()
    {
        rng = rng * 1103515245u + 12345u;
        return refusals && (rng >> 16) % 4 == 0;
    }
    void inspect(const frame& f)
    {
        if (f.flags != zmp::flag::control)
            return;
        switch (zmp::control_type_of(f.body).value_or(zmp::control_type{})) {
        case zmp::control_type::hello: (void)zmp::decode_hello(f.body); break;
        case zmp::control_type::heartbeat: (void)zmp::decode_heartbeat(f.body); break;
        case zmp::control_type::heartbeat_ack: (void)zmp::decode_heartbeat_ack(f.body); break;
        case zmp::control_type::ready: (void)zmp::decode_ready(f.body); break;
        case zmp::control_type::error: (void)zmp::decode_error(f.body); break;
        }
    }
    bool on_frame(const zmp::header& h, const std::uint8_t* body)
    {
        if (refuse())
            return false;
        frames.push_back({h.flags, std::vector<std::uint8_t>(body, body + h.length)});
        inspect(frames.back());
        return true;
    }
    std::uint8_t* on_large_begin(const zmp::header& h)
    {
        if (h.length > sink_cap)
            return nullptr;
        large.assign(h.length, 0);
        return large.data();
    }
    bool on_large_end(const zmp::header& h)
    {
        if (refuse())
            return false;
        frames.push_back({h.flags, large});
        inspect(frames.back());
        return true;
    }
};

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// Feeds data in pseudo-random chunks, resuming the sink when it refuses.
zmp::decode_status feed_all(zmp::decoder& dec, fuzz_sink& sink, std::span<const std::uint8_t> data,
                            std::uint32_t seed)
{
    std::size_t pos = 0;
    zmp::decode_status status = zmp::decode_status::need_more;
    while (pos < data.size() || status == zmp::decode_status::paused) {
        seed = seed * 1664525u + 1013904223u;
        const std::size_t n = std::min<std::size_t>(1 + (seed >> 20) % 300, data.size() - pos);
        const auto r = dec.feed(data.subspan(pos, n), sink);
        check(r.consumed <= n);
        pos += r.consumed;
        status = r.status;
        if (status == zmp::decode_status::error) {
            check(dec.error() != zmp::error_code::none);
            break;
        }
    }
    return status;
}

void reencode_and_compare(const std::vector<frame>& frames)
{
    zmp::encoder enc({.batch_size = 256, .large_threshold = 100});
    std::vector<std::uint8_t> wire;
    const auto drain = [&] {
        for (const zmp::segment& s : enc.segments()) {
            const auto* p = static_cast<const std::uint8_t*>(s.data);
            wire.insert(wire.end(), p, p + s.size);
        }
        enc.consume(enc.pending_bytes());
    };
    for (const frame& f : frames) {
        const auto len = static_cast<std::uint32_t>(f.body.size());
        if (!enc.add(f.flags, f.body.data(), len)) {
            drain();
            check(enc.add(f.flags, f.body.data(), len));
        }
    }
    drain();
    zmp::decoder dec({.buffer_size = 512, .large_threshold = 64});
    fuzz_sink again;
    check(dec.feed(wire, again).status == zmp::decode_status::need_more);
    check(again.frames == frames);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 4)
        return 0;
    const zmp::decoder_options opts{
        .buffer_size = std::size_t{64} << (data[0] % 11),
        .large_threshold = 1 + std::size_t{data[1]} * 37,
        .max_body = data[2] % 2 == 0 ? 0 : std::int64_t{data[2]} * 41};
    zmp::decoder dec(opts);
    fuzz_sink sink;
    sink.refusals = (data[3] & 1) != 0;
    const zmp::decode_status status = feed_all(dec, sink, std::span(data + 4, size - 4), data[3]);
    for (const frame& f : sink.frames)
        check(zmp::flags_legal(f.flags) &&
              (opts.max_body <= 0 || f.body.size() <= static_cast<std::size_t>(opts.max_body)));
    if (status != zmp::decode_status::error)
        reencode_and_compare(sink.frames);
    return 0;
}
