// stream_engine: the I/O side of a connection: reads decoded straight into the socket's pipe,
// gather writes from the encoder, pipe wake-ups and the single exit path close().
#include "stream_engine.hpp"

#include "../core/ctx.hpp"
#include "../core/peer.hpp"
#include "../core/socket_base.hpp"
#include "connection_pipes.hpp"
#include "io_waker.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <sys/socket.h>

namespace zlink {

namespace {

// A buffer sequence over part of an array, cheap to copy into asio's operation objects.
template <class Buffer>
struct buffer_span {
    using value_type = Buffer;
    using const_iterator = const Buffer*;
    const Buffer* b;
    const Buffer* e;
    const Buffer* begin() const { return b; }
    const Buffer* end() const { return e; }
};

} // namespace

// The decoder's sink: forwards to the engine's private callbacks.
struct engine_sink {
    stream_engine& e;
    bool on_frame(const zmp::header& h, const std::uint8_t* body) { return e.on_frame(h, body); }
    std::uint8_t* on_large_begin(const zmp::header& h) { return e.on_large_begin(h); }
    bool on_large_end(const zmp::header& h) { return e.on_large_end(h); }
};

// The decoder's read buffers are content blocks: bodies too big to inline are delivered as
// slices of the buffer (one allocation per buffer, not per message), see on_frame.
static void release_read_buffer(unsigned char* block) noexcept
{
    msg::release(reinterpret_cast<content*>(block));
}

static zmp::decoder_options decoder_opts(const options& o)
{
    zmp::decoder_options d;
    d.max_body = o.maxmsgsize;
    d.buffer_header = msg::content_header;
    d.release_shared = release_read_buffer;
    return d;
}

// frames_fitting(request): the largest frame a send buffer made by SO_SNDBUF = request holds
// whole. Linux doubles a request to make room for its per-buffer overhead (asio reads the
// option back halved, as the request), and that overhead takes up to a quarter of the buffer.
static std::size_t frames_fitting(int request) noexcept
{
    return request > 0 ? static_cast<std::size_t>(request) / 2 * 3 : 0;
}

stream_engine::stream_engine(stream_socket sock, engine_context ec, done_fn on_done,
                             engine_pipes attached)
    : sock_(std::move(sock)), ec_(std::move(ec)), on_done_(std::move(on_done)),
      handshake_timer_(sock_.get_executor()), heartbeat_timer_(sock_.get_executor()),
      linger_timer_(sock_.get_executor()), dec_(decoder_opts(ec_.opts)), enc_(),
      in_budget_(ec_.opts.maxmsgsize),
      in_(std::move(attached.in)), out_(std::move(attached.out))
{
    waker_ = std::move(attached.wake);
    persistent_ = in_ != nullptr;
    skip_out_ = attached.skip_partial_out;
    resubscribe_ = attached.resubscribe;
    pending_out_.init();
    large_in_.init();
    asio::error_code err;
    const auto local = sock_.local_endpoint(err);
    const bool unix_stream = !err && local.protocol().family() == AF_UNIX;
    one_large_per_write_ = !err && !unix_stream;
    if (unix_stream && ec_.opts.sndbuf <= 0) {
        asio::socket_base::send_buffer_size now;
        sock_.get_option(now, err);
        if (!err)
            grow_sndbuf_above_ = frames_fitting(now.value());
    }
}

// Unix stream sockets have no send-buffer autotuning (tcp has), and only the sender's buffer
// bounds the bytes in flight. A frame that does not fit crosses in two turns: the tail is
// written only after the reader drained the head below a quarter of the buffer, and both
// copies of the tail run one after the other (ipc/256K one-way latency 7-20 % above
// libzmq's). So when ZLINK_SNDBUF is unset, a frame near the buffer's size (the kernel also
// charges per-buffer overhead to it) grows the buffer to fit. Smaller frames leave the OS
// default alone: a larger buffer lets more bytes sit in flight, out of cache (ipc 64 KiB
// throughput fell 5-24 % with every ipc buffer raised).
void stream_engine::grow_sndbuf(std::size_t frame_bytes)
{
    asio::error_code err;
    // The kernel caps the request at net.core.wmem_max without an error; reading the option
    // back says what was granted.
    sock_.set_option(asio::socket_base::send_buffer_size(
                         static_cast<int>(std::min<std::size_t>(frame_bytes, INT_MAX / 2))),
                     err);
    asio::socket_base::send_buffer_size now;
    if (!err)
        sock_.get_option(now, err);
    const std::size_t fits = err ? 0 : frames_fitting(now.value());
    // At the cap, stop asking: every larger frame would only repeat the two system calls.
    grow_sndbuf_above_ = fits >= frame_bytes ? fits : SIZE_MAX;
}

stream_engine::~stream_engine()
{
    for (msg& m : kept_)
        m.close();
    for (msg& m : staged_)
        m.close();
    pending_out_.close();
    large_in_.close();
}

void stream_engine::start()
{
    ec_.context->connection_started();
    // An engine paused by HWM has no I/O in flight to keep it alive; it owns itself
    // until close().
    self_ = shared_from_this();
    if (!persistent_)
        waker_ = std::make_shared<io_waker<stream_engine>>(sock_.get_executor(), weak_from_this());
    last_rx_ = std::chrono::steady_clock::now();
    asio::error_code nb;
    sock_.non_blocking(true, nb); // the catch-up reads in read_more() must never block
    const auto* id = reinterpret_cast<const std::uint8_t*>(ec_.own_id.data());
    queue_control(zmp::encode_hello(static_cast<std::uint8_t>(ec_.opts.type), {id, ec_.own_id.size()}));
    queue_control(zmp::encode_ready());
    start_timers();
    write_more();
    read_more();
}

void stream_engine::queue_control(std::vector<std::uint8_t> body)
{
    control_q_.push_back(std::move(body));
}

void stream_engine::read_more()
{
    if (reading_ || closed_ || paused_)
        return;
    const auto t = dec_.read_targets();
    std::array<asio::mutable_buffer, 2> bufs{asio::buffer(t[0].data(), t[0].size()),
                                             asio::buffer(t[1].data(), t[1].size())};
    read_capacity_ = t[0].size() + t[1].size();
    // Catching up: the last read filled every target and a large body is pending (t[1] is the
    // lookahead behind it), so its bytes are most likely already queued in the socket. Read
    // them now instead of queueing an asio read behind this I/O thread's other handlers. A read
    // takes at most one large body, so when reads and writes take turns one for one (both
    // ends of a connection on one I/O thread, or any busy thread) a receive queue that once
    // grew never shrinks again: the kernel buffers then fill, the sender's bytes wait behind
    // the receive window and are sent from ACK processing, and throughput stays at ~0.6 of the
    // drained state (measured, DEALER_DEALER/tcp/256K: 3.5 MB not sent, receive queue full).
    // Bounded per asio completion so other connections on the thread still get their turn.
    if (catch_up_reads_ > 0 && !t[1].empty()) {
        --catch_up_reads_;
        asio::error_code ec;
        const std::size_t n = sock_.read_some(bufs, ec);
        if (ec != asio::error::would_block && ec != asio::error::try_again) {
            handle_read(ec, n);
            return;
        }
    }
    catch_up_reads_ = 0;
    reading_ = true;
    // The operation object lives in read_slot_: one read in flight, so none is allocated per read.
    sock_.async_read_some(bufs, in_slot(read_slot_, [self = shared_from_this()](const asio::error_code& ec,
                                                                               std::size_t n) {
                              self->on_read(ec, n);
                          }));
}

void stream_engine::on_read(const asio::error_code& ec, std::size_t n)
{
    reading_ = false;
    if (closed_)
        return;
    catch_up_reads_ = max_catch_up_reads;
    handle_read(ec, n);
}

void stream_engine::handle_read(const asio::error_code& ec, std::size_t n)
{
    if (ec) {
        close(close_reason::eof);
        return;
    }
    if (n < read_capacity_)
        catch_up_reads_ = 0; // the socket is drained
    last_rx_ = std::chrono::steady_clock::now();
    engine_sink sink{*this};
    after_decode(dec_.on_read(n, sink));
}

void stream_engine::after_decode(zmp::decode_status st)
{
    if (closed_)
        return;
    if (out_)
        out_->flush();
    if (peer_error_) {
        close(close_reason::protocol);
        return;
    }
    if (st == zmp::decode_status::error) {
        fail(dec_.error());
        return;
    }
    if (st == zmp::decode_status::paused) {
        // The socket is at RCVHWM: stop reading until it has consumed a batch.
        paused_ = true;
        if (!out_->arm_writer())
            waker_->wake();
        return;
    }
    paused_ = false;
    read_more();
}

void stream_engine::on_wake()
{
    if (closed_)
        return;
    if (paused_) {
        engine_sink sink{*this};
        paused_ = false;
        after_decode(dec_.resume(sink));
        if (closed_)
            return;
    }
    write_more();
}

// A body the outbound pipe carried stays valid only until the next read from it; the encoder
// copies every body below its large threshold at once, so none of them is kept past that.
static_assert(carried_body_max < zmp::encoder_options{}.large_threshold,
              "carried bodies must be copied by the encoder, never referenced");

void stream_engine::fill_encoder()
{
    while (!control_q_.empty()) {
        const auto& body = control_q_.front();
        if (!enc_.add(zmp::flag::control, body.data(), static_cast<std::uint32_t>(body.size())))
            return;
        control_q_.pop_front();
    }
    if (!ready_)
        return;
    for (;;) {
        if (!has_pending_out_ && !in_->read(pending_out_))
            return;
        has_pending_out_ = true;
        msg& m = pending_out_;
        out_more_ = m.has_more();
        if (skip_out_) {
            // The rest of a message whose first parts went down with the previous connection.
            skip_out_ = m.has_more();
            m.close();
            has_pending_out_ = false;
            continue;
        }
        std::uint8_t flags = m.has_more() ? zmp::flag::more : 0;
        if (m.is_subscription())
            flags = (m.flags() & msg::subscribe) ? zmp::flag::subscribe : zmp::flag::cancel;
        const auto len = static_cast<std::uint32_t>(m.size());
        if (len + zmp::header_size > grow_sndbuf_above_)
            grow_sndbuf(len + zmp::header_size);
        if (!enc_.add(flags, m.data(), len))
            return;
        if (enc_.is_large(len)) {
            kept_.emplace_back();
            kept_.back().move_from(m); // referenced by the encoder until written
        } else {
            m.close();
        }
        has_pending_out_ = false;
    }
}

void stream_engine::write_more()
{
    if (writing_ || closed_)
        return;
    fill_encoder();
    if (enc_.empty()) {
        if (!ready_)
            return; // the handshake comes first
        if (!has_pending_out_ && in_->writer_done()) {
            close(close_reason::local); // the socket closed its side and everything is sent
            return;
        }
        if (!in_->arm_reader())
            waker_->wake(); // messages arrived while arming
        return;
    }
    // On tcp a write carries at most one large body (plus the small frames batched before
    // it); the next write follows as soon as this one completes. Handing TCP several large
    // bodies at once queues them behind the receive window, so they are sent later from the
    // peer's ACK processing (on loopback: inside our own recvmsg), cache-cold. Measured on
    // PAIR/tcp/256K: ~777 KB per sendmsg and 0.59x libzmq, one body per write 1.0x.
    const auto segs = enc_.segments();
    const std::size_t stop = one_large_per_write_ ? enc_.large_threshold() : SIZE_MAX;
    std::size_t n = 0;
    std::size_t bytes = 0;
    for (const auto& s : segs) {
        wbufs_[n++] = asio::const_buffer(s.data, s.size);
        bytes += s.size;
        if (bytes >= stop)
            break;
    }
    writing_ = true;
    sock_.async_write_some(buffer_span<asio::const_buffer>{wbufs_.data(), wbufs_.data() + n},
                           [self = shared_from_this()](const asio::error_code& ec, std::size_t k) {
                               self->on_written(ec, k);
                           });
}

void stream_engine::on_written(const asio::error_code& ec, std::size_t n)
{
    writing_ = false;
    if (closed_)
        return;
    if (ec) {
        close(close_reason::eof);
        return;
    }
    for (std::size_t done = enc_.consume(n); done > 0; --done) {
        kept_.front().close();
        kept_.pop_front();
    }
    write_more();
}

void stream_engine::attach_to_socket()
{
    ready_ = true;
    handshake_timer_.cancel();
    arm_heartbeat();
    if (persistent_) {
        // The socket has known this connection's pipes since zlink_connect; a SUB re-sends
        // its subscriptions to every re-established connection.
        in_->arm_reader();
        if (resubscribe_) {
            ec_.mbox->post([p = out_](socket_base& s) { s.reconnected(p.get()); });
            // A publisher forgets what the previous connection subscribed: the new one
            // re-sends what it wants. In band, so it lands before this connection's own.
            if (takes_subscriptions()) {
                msg reset;
                reset.init();
                reset.set_flags(msg::subscribe | msg::cancel);
                out_->write(reset);
                out_->flush();
            }
        }
        write_more();
        return;
    }
    auto pipes = make_connection_pipes(ec_.opts, ec_.sig, waker_);
    in_ = std::move(pipes.outbound);
    out_ = std::move(pipes.inbound);
    auto p = std::make_shared<peer>();
    p->in = out_;
    p->out = in_;
    p->routing_id = ec_.peer_id_override.empty() ? peer_id_ : ec_.peer_id_override;
    if (p->routing_id.empty())
        p->routing_id = auto_routing_id(); // the peer announced none: name it locally
    p->origin = ec_.origin;
    ec_.mbox->post([p](socket_base& s) mutable {
        auto owned = std::make_unique<peer>();
        std::swap(owned->in, p->in);
        std::swap(owned->out, p->out);
        owned->routing_id = std::move(p->routing_id);
        owned->origin = p->origin;
        s.attach(std::move(owned));
    });
}

void stream_engine::linger(int ms)
{
    if (closed_)
        return;
    lingering_ = true;
    // Without a handshake there is nothing to flush, unless the connecter's pipes already
    // hold messages for this connection.
    if (ms == 0 || (!ready_ && (!persistent_ || !in_->readable()))) {
        close(close_reason::local);
        return;
    }
    if (ms > 0) {
        linger_timer_.expires_after(std::chrono::milliseconds(ms));
        linger_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
            if (!ec)
                self->close(close_reason::local);
        });
    }
    write_more();
}

void stream_engine::fail(zmp::error_code code)
{
    if (closed_)
        return;
    // Best effort: the ERROR frame goes out only if no write is in flight (a frame must
    // never be interleaved) and the socket buffer takes it at once.
    if (!writing_) {
        const char* reason = fail_reason_ != nullptr ? fail_reason_ : zmp::error_reason(code);
        const auto frame = zmp::encode_frame(zmp::flag::control, zmp::encode_error(code, reason));
        asio::error_code ec;
        sock_.non_blocking(true, ec);
        sock_.write_some(asio::buffer(frame), ec);
    }
    close(close_reason::protocol);
}

void stream_engine::close(close_reason)
{
    if (closed_)
        return;
    closed_ = true;
    asio::error_code ec;
    handshake_timer_.cancel();
    heartbeat_timer_.cancel();
    linger_timer_.cancel();
    sock_.close(ec);
    for (std::size_t n = enc_.reset(); n > 0; --n) {
        kept_.front().close();
        kept_.pop_front();
    }
    for (msg& m : staged_)
        m.close();
    staged_.clear();
    if (has_pending_out_) {
        pending_out_.close();
        has_pending_out_ = false;
    }
    if (persistent_) {
        out_->flush(); // never publishes a partial message: parts are staged until complete
    } else if (out_) {
        in_->close_reader();
        out_->close_writer();
        ec_.mbox->post([p = out_](socket_base& s) { s.detach(p.get()); });
    }
    if (auto done = std::move(on_done_))
        done(ready_, out_more_);
    // Last use of the ctx: it may finish terminating as soon as this returns.
    ec_.context->connection_finished();
    // Pending handlers still hold references; the engine goes when the last of them ran.
    auto keep = std::move(self_);
}

} // namespace zlink
