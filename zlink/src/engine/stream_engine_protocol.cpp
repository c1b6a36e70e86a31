// stream_engine: the ZMP side of a connection: HELLO/READY handshake and its timeout, the
// socket-type check, data and subscription frames into the socket's pipe, heartbeats.
#include <algorithm>
#include <new>

#include "../core/ctx.hpp"
#include "stream_engine.hpp"
#include "zlink.h"

namespace zlink {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

bool stream_engine::on_frame(const zmp::header& h, const std::uint8_t* body)
{
    if (h.is_control())
        return on_control(body, h.length);
    if (!ready_) {
        dec_.abort(zmp::error_code::internal); // data before the peer's READY
        return false;
    }
    if (out_->reader_closed())
        return true; // the socket is gone (closing, lingering): inbound data has no reader
    if (!admit(h))
        return false;
    const bool data = (h.flags & (zmp::flag::subscribe | zmp::flag::cancel)) == 0;
    // HWM is checked at message boundaries only, and before anything is consumed, so a
    // refused frame is simply offered again after the socket has caught up. Subscriptions
    // count too, so a peer cannot queue them without bound while the socket is idle.
    if ((!data || !in_more_) && out_->full())
        return false;
    msg m;
    if (h.length > msg::max_inline) {
        // Reference the read buffer instead of allocating and copying: the decoder then
        // moves to a fresh buffer rather than overwrite it (allocation per buffer, libzmq-style).
        if (!dec_.buffer_shared()) {
            new (dec_.buffer_block()) content{{1}, nullptr, nullptr};
            dec_.share_buffer();
        }
        m.init_slice(reinterpret_cast<content*>(dec_.buffer_block()),
                     const_cast<std::uint8_t*>(body), h.length);
    } else if (!m.init_buffer(body, h.length)) {
        dec_.abort(zmp::error_code::internal);
        return false;
    }
    return deliver(m, h.flags);
}

std::uint8_t* stream_engine::on_large_begin(const zmp::header& h)
{
    if (!ready_ || h.is_control())
        return nullptr; // control bodies are tiny; a large frame here is a violation
    if (!admit(h))
        return nullptr;
    if (!large_in_.init_size(h.length))
        return nullptr;
    return large_in_.data();
}

bool stream_engine::on_large_end(const zmp::header& h)
{
    if (out_->reader_closed()) {
        large_in_.close();
        return true;
    }
    const bool data = (h.flags & (zmp::flag::subscribe | zmp::flag::cancel)) == 0;
    if ((!data || !in_more_) && out_->full())
        return false;
    msg m;
    m.move_from(large_in_);
    return deliver(m, h.flags);
}

bool stream_engine::admit(const zmp::header& h)
{
    limit_violation v;
    if (h.flags & (zmp::flag::subscribe | zmp::flag::cancel)) {
        // Only publishers take subscriptions; for anyone else they are a protocol error.
        if (!takes_subscriptions())
            v = {zmp::error_code::internal, "subscription sent to a non-publisher"};
        else
            v = subs_budget_.check_length(h.length);
    } else {
        v = in_budget_.check(h.length, h.more());
    }
    return v ? reject(v) : true;
}

bool stream_engine::takes_subscriptions() const noexcept
{
    return ec_.opts.type == ZLINK_PUB || ec_.opts.type == ZLINK_XPUB;
}

bool stream_engine::reject(const limit_violation& v)
{
    fail_reason_ = v.reason;
    dec_.abort(v.code);
    return false;
}

bool stream_engine::deliver(msg& m, std::uint8_t flags)
{
    if (flags & (zmp::flag::subscribe | zmp::flag::cancel)) {
        // admit() let only publishers get here.
        const bool on = (flags & zmp::flag::subscribe) != 0;
        const std::string_view topic(reinterpret_cast<const char*>(m.data()), m.size());
        if (const limit_violation v = subs_budget_.apply(topic, on)) {
            m.close();
            return reject(v);
        }
        m.set_flags(on ? msg::subscribe : msg::cancel);
        out_->write(m);
        return true;
    }
    in_more_ = (flags & zmp::flag::more) != 0;
    m.set_more(in_more_);
    if (in_more_) {
        // Parts wait here until the message is complete, so a connection lost mid-message
        // never leaves half a message in a pipe that outlives it.
        in_budget_.kept(static_cast<std::uint32_t>(m.size()));
        staged_.emplace_back();
        staged_.back().move_from(m);
        return true;
    }
    for (msg& part : staged_)
        out_->write(part);
    staged_.clear();
    in_budget_.done();
    out_->write(m);
    return true;
}

bool stream_engine::on_control(const std::uint8_t* body, std::size_t len)
{
    const std::span<const std::uint8_t> b(body, len);
    const auto type = zmp::control_type_of(b);
    if (!type) {
        dec_.abort(zmp::error_code::internal);
        return false;
    }
    switch (*type) {
    case zmp::control_type::hello: return on_hello(body, len);
    case zmp::control_type::ready:
        if (!got_hello_ || ready_ || !zmp::decode_ready(b)) {
            dec_.abort(zmp::error_code::internal);
            return false;
        }
        attach_to_socket();
        return true;
    case zmp::control_type::heartbeat: return on_heartbeat(body, len);
    case zmp::control_type::heartbeat_ack:
        if (!zmp::decode_heartbeat_ack(b)) {
            dec_.abort(zmp::error_code::internal);
            return false;
        }
        return true;
    case zmp::control_type::error:
        peer_error_ = true; // the peer gives up on us: close without answering
        return false;
    }
    dec_.abort(zmp::error_code::internal);
    return false;
}

bool stream_engine::on_hello(const std::uint8_t* body, std::size_t len)
{
    const auto hello = zmp::decode_hello({body, len});
    if (got_hello_ || !hello) {
        dec_.abort(zmp::error_code::internal);
        return false;
    }
    if (!zmp::socket_types_compatible(static_cast<std::uint8_t>(ec_.opts.type), hello->socket_type)) {
        dec_.abort(zmp::error_code::socket_type_mismatch);
        return false;
    }
    got_hello_ = true;
    peer_type_ = hello->socket_type;
    peer_id_.assign(reinterpret_cast<const char*>(hello->id.data()), hello->id.size());
    return true;
}

bool stream_engine::on_heartbeat(const std::uint8_t* body, std::size_t len)
{
    const auto hb = zmp::decode_heartbeat({body, len});
    if (!hb) {
        dec_.abort(zmp::error_code::internal);
        return false;
    }
    peer_ttl_ms_ = std::int64_t{hb->ttl_ds} * 100;
    // A peer that sends heartbeats but never reads must not grow our queue without bound:
    // while answers are backed up, further ones are skipped (any traffic proves liveness).
    if (control_q_.size() < max_queued_control)
        queue_control(zmp::encode_heartbeat_ack(hb->ctx));
    arm_heartbeat(); // the peer's ttl may be the only reason to watch this connection
    write_more();
    return true;
}

void stream_engine::start_timers()
{
    if (ec_.opts.handshake_ivl <= 0)
        return;
    handshake_timer_.expires_after(milliseconds(ec_.opts.handshake_ivl));
    handshake_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec && !self->ready_ && !self->closed_)
            self->fail(zmp::error_code::handshake_timeout);
    });
}

void stream_engine::arm_heartbeat()
{
    if (heartbeat_armed_ || closed_)
        return;
    int period = ec_.opts.heartbeat_ivl;
    if (period <= 0 && peer_ttl_ms_ > 0)
        period = static_cast<int>(std::max<std::int64_t>(peer_ttl_ms_ / 2, 10));
    if (period <= 0)
        return;
    heartbeat_armed_ = true;
    heartbeat_timer_.expires_after(milliseconds(period));
    heartbeat_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        self->heartbeat_armed_ = false;
        if (!ec && !self->closed_)
            self->on_heartbeat_tick();
    });
}

std::int64_t stream_engine::traffic_deadline_ms() const
{
    // The peer promised traffic within its ttl (our own ttl caps it, per ZMP.md).
    const std::int64_t own = ec_.opts.heartbeat_ttl;
    if (peer_ttl_ms_ <= 0)
        return 0;
    return own > 0 ? std::min(own, peer_ttl_ms_) : peer_ttl_ms_;
}

void stream_engine::on_heartbeat_tick()
{
    const auto now = steady_clock::now();
    if (paused_)
        last_rx_ = now; // we stopped reading, not the peer
    const int ivl = ec_.opts.heartbeat_ivl;
    const int timeout = ec_.opts.heartbeat_timeout >= 0 ? ec_.opts.heartbeat_timeout : ivl;
    const bool ping_unanswered = ping_sent_ != steady_clock::time_point{} && last_rx_ < ping_sent_;
    // HEARTBEAT_TIMEOUT counts from the oldest unanswered HEARTBEAT, not between arrivals,
    // so timer jitter cannot close a healthy connection.
    if (ivl > 0 && ping_unanswered && now - ping_sent_ >= milliseconds(timeout)) {
        close(close_reason::timeout);
        return;
    }
    if (const std::int64_t ttl = traffic_deadline_ms(); ttl > 0 && now - last_rx_ > milliseconds(ttl)) {
        close(close_reason::timeout);
        return;
    }
    if (ivl > 0) {
        if (!ping_unanswered)
            ping_sent_ = now;
        const auto ttl_ds = static_cast<std::uint16_t>(std::min(ec_.opts.heartbeat_ttl / 100, 65535));
        if (control_q_.size() < max_queued_control)
            queue_control(zmp::encode_heartbeat(ttl_ds, {}));
        write_more();
    }
    arm_heartbeat();
}

} // namespace zlink
