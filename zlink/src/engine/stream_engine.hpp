// stream_engine: one ZMP v2 connection (tcp or ipc) on an I/O thread. It performs the
// handshake, decodes many frames per read into the pipe towards the socket, batches the
// socket's outgoing messages into gather writes, runs heartbeats and applies HWM backpressure
// by pausing its reads. Any protocol violation ends this connection only.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../core/asio_config.hpp"
#include "../core/mailbox.hpp"
#include "../core/options.hpp"
#include "../core/pipe.hpp"
#include "connection_pipes.hpp"
#include "handler_slot.hpp"
#include "inbound_limits.hpp"
#include "zmp_decoder.hpp"
#include "zmp_encoder.hpp"

namespace zlink {

class ctx;

// What an engine needs to know about its socket, captured in the socket's thread when the
// endpoint was bound or connected.
struct engine_context {
    ctx* context;
    mailbox_ptr mbox;
    std::shared_ptr<signaler> sig;
    options opts;
    std::string own_id;
    std::string peer_id_override; // CONNECT_ROUTING_ID of the connect that made this engine
    std::uint64_t origin;
};

// Pipes that outlive an engine (a connecter's, attached to the socket at connect time);
// empty for a connection that attaches its own pipes after the handshake.
struct engine_pipes {
    pipe_ptr in;                  // socket -> engine
    pipe_ptr out;                 // engine -> socket
    std::shared_ptr<waker> wake;  // the pipes' engine-side waker (routes to the live engine)
    bool skip_partial_out = false; // drop the rest of a message a previous engine began
    bool resubscribe = false;      // ask the socket to re-send subscriptions when ready
};

class stream_engine : public std::enable_shared_from_this<stream_engine> {
public:
    using stream_socket = asio::generic::stream_protocol::socket;
    // on_done(handshaken): called once on the I/O thread when the connection has ended.
    // on_done(handshaken, out_mid_message): called once on the I/O thread when the connection
    // has ended; out_mid_message says the last part taken from the socket had more to come.
    using done_fn = std::function<void(bool handshaken, bool out_mid_message)>;

    stream_engine(stream_socket sock, engine_context ec, done_fn on_done,
                  engine_pipes attached = {});
    ~stream_engine();
    stream_engine(const stream_engine&) = delete;
    stream_engine& operator=(const stream_engine&) = delete;

    // start(): sends HELLO+READY and starts reading (I/O thread).
    void start();
    // linger(ms): the socket is closing: send what it queued within ms (-1 = no limit),
    // then close (I/O thread).
    void linger(int ms);
    // on_wake(): a pipe changed state (I/O thread, through the engine's waker).
    void on_wake();

private:
    friend struct engine_sink;
    enum class close_reason { eof, protocol, timeout, local };

    // stream_engine.cpp: reading, writing, pipes, lifecycle.
    void read_more();
    void on_read(const asio::error_code& ec, std::size_t n);
    void handle_read(const asio::error_code& ec, std::size_t n);
    void after_decode(zmp::decode_status st);
    void fill_encoder();
    void grow_sndbuf(std::size_t frame_bytes);
    void write_more();
    void on_written(const asio::error_code& ec, std::size_t n);
    void queue_control(std::vector<std::uint8_t> body);
    void attach_to_socket();
    void fail(zmp::error_code code);
    void close(close_reason why);

    // stream_engine_protocol.cpp: control frames, handshake and heartbeats.
    bool on_control(const std::uint8_t* body, std::size_t len);
    bool on_hello(const std::uint8_t* body, std::size_t len);
    bool on_heartbeat(const std::uint8_t* body, std::size_t len);
    void start_timers();
    void arm_heartbeat();
    void on_heartbeat_tick();
    std::int64_t traffic_deadline_ms() const;

    // sink callbacks (called by the decoder through engine_sink)
    bool on_frame(const zmp::header& h, const std::uint8_t* body);
    std::uint8_t* on_large_begin(const zmp::header& h);
    bool on_large_end(const zmp::header& h);
    bool deliver(msg& m, std::uint8_t flags);
    // admit(h): the frame fits this connection's bounds (checked before its body is
    // allocated); otherwise the decoder is failed with the bound's code. reject() does that.
    bool admit(const zmp::header& h);
    bool reject(const limit_violation& v);
    // takes_subscriptions(): this end is a publisher (PUB, XPUB), the only one a peer may
    // send SUBSCRIBE/CANCEL to.
    bool takes_subscriptions() const noexcept;

    std::shared_ptr<stream_engine> self_; // set from start() until close()
    static constexpr std::size_t max_queued_control = 8;
    // Synchronous reads read_more() may add after one asio read completion (see there).
    static constexpr int max_catch_up_reads = 8;

    stream_socket sock_;
    engine_context ec_;
    done_fn on_done_;
    std::shared_ptr<waker> waker_;
    handler_slot read_slot_; // the in-flight read's asio operation (see read_more)
    std::size_t read_capacity_ = 0; // bytes the last read could take
    int catch_up_reads_ = 0;        // synchronous reads left before the next asio read
    asio::steady_timer handshake_timer_;
    asio::steady_timer heartbeat_timer_;
    asio::steady_timer linger_timer_;

    zmp::decoder dec_;
    zmp::encoder enc_;
    std::deque<msg> kept_;                           // large bodies referenced by enc_
    std::deque<std::vector<std::uint8_t>> control_q_; // control frames waiting for enc_
    msg pending_out_;                                // taken from in_ but not yet in enc_
    bool has_pending_out_ = false;
    msg large_in_;                                   // body being read by the decoder
    std::vector<msg> staged_;                        // earlier parts of an inbound message
    bool in_more_ = false;                           // the next inbound part continues a message
    message_budget in_budget_;                       // parts and bytes of staged_ (+ the next)
    subscription_budget subs_budget_;                // the peer's subscriptions (publishers)
    const char* fail_reason_ = nullptr;              // ERROR reason when not the code's name

    pipe_ptr in_;  // socket -> engine
    pipe_ptr out_; // engine -> socket

    bool persistent_ = false; // pipes belong to a connecter, not to this connection
    bool skip_out_ = false;   // dropping the tail of a message from a previous connection
    bool resubscribe_ = false;
    bool out_more_ = false;  // the last part taken from in_ had more to come
    bool got_hello_ = false;
    bool ready_ = false; // both HELLO and READY received, pipes attached
    bool reading_ = false;
    bool writing_ = false;
    bool paused_ = false;  // decoder stopped by HWM on out_
    bool lingering_ = false;
    bool closed_ = false;
    bool one_large_per_write_ = false; // tcp: see write_more()
    // ipc with ZLINK_SNDBUF unset: a frame above this many bytes grows the kernel send buffer
    // first (grow_sndbuf()); SIZE_MAX otherwise.
    std::size_t grow_sndbuf_above_ = SIZE_MAX;
    std::uint8_t peer_type_ = 0;
    std::string peer_id_;
    bool heartbeat_armed_ = false;
    bool peer_error_ = false;                     // the peer sent ERROR
    std::int64_t peer_ttl_ms_ = 0;
    std::chrono::steady_clock::time_point last_rx_;
    std::chrono::steady_clock::time_point ping_sent_{}; // last HEARTBEAT sent, if any
    std::array<asio::const_buffer, zmp::encoder::max_segments> wbufs_;
};

} // namespace zlink
