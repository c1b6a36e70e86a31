// libFuzzer target for the ZMP control-body decoders and header parser. The input is one
// control body (and, for the header checks, its first 8 bytes as a header). Checks: anything
// the strict decoders accept re-encodes to exactly the same bytes, and the incremental header
// prefix check agrees with the full header parse.
#include "engine/zmp_frame.hpp"

#include <cstdlib>
#include <vector>

namespace zmp = zlink::zmp;

namespace {

using bytes = std::vector<std::uint8_t>;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void check_same(std::span<const std::uint8_t> body, const bytes& reencoded)
{
    check(bytes(body.begin(), body.end()) == reencoded);
}

void round_trip_control(std::span<const std::uint8_t> body)
{
    if (const auto h = zmp::decode_hello(body))
        check_same(body, zmp::encode_hello(h->socket_type, h->id));
    if (const auto hb = zmp::decode_heartbeat(body))
        check_same(body, zmp::encode_heartbeat(hb->ttl_ds, hb->ctx));
    if (const auto ack = zmp::decode_heartbeat_ack(body))
        check_same(body, zmp::encode_heartbeat_ack(ack->ctx));
    if (const auto props = zmp::decode_ready(body))
        check_same(body, zmp::encode_ready(*props));
    if (const auto err = zmp::decode_error(body))
        check_same(body, zmp::encode_error(static_cast<zmp::error_code>(err->code), err->reason));
}

void check_header_agreement(std::span<const std::uint8_t> data)
{
    if (data.size() < zmp::header_size)
        return;
    zmp::header h;
    const zmp::error_code full = zmp::parse_header(data.data(), 1000, h);
    for (std::size_t n = 0; n < zmp::header_size; ++n) {
        const zmp::error_code early = zmp::check_header_prefix(data.data(), n);
        check(early == zmp::error_code::none || early == full);
    }
    if (full == zmp::error_code::none)
        check(zmp::flags_legal(h.flags) && h.length <= 1000);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);
    round_trip_control(input);
    check_header_agreement(input);
    return 0;
}
