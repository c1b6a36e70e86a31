// stream_connecter: a connected tcp or ipc endpoint on an I/O thread: connects, runs one
// stream engine at a time, and reconnects after RECONNECT_IVL whenever the connection fails
// or ends, until stop().
#pragma once

#include <algorithm>
#include <functional>
#include <memory>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "../core/peer.hpp"
#include "../engine/connection_pipes.hpp"
#include "../engine/io_waker.hpp"
#include "stream_common.hpp"

namespace zlink {

template <class Protocol>
class stream_connecter final : public endpoint_handle,
                               public std::enable_shared_from_this<stream_connecter<Protocol>> {
public:
    using prepare_fn = std::function<void(typename Protocol::socket&)>;

    stream_connecter(asio::io_context& io, engine_context ec, typename Protocol::endpoint target,
                     prepare_fn prepare)
        : io_(io), socket_(io), timer_(io), linger_timer_(io), ec_(std::move(ec)), target_(std::move(target)),
          prepare_(std::move(prepare))
    {
        ec_.context->connection_started();
    }

    // attach_pipes(s): creates the pipes now and attaches them to s (socket thread, before
    // start()), so messages queue and subscriptions are recorded before any connection
    // exists; every engine of this connecter then uses them (IMMEDIATE=0 behaviour).
    void attach_pipes(socket_base& s)
    {
        relay_ = std::make_shared<io_waker<stream_connecter>>(io_.get_executor(), this->weak_from_this());
        auto pipes = make_connection_pipes(ec_.opts, ec_.sig, relay_); // published by start()'s post
        in_ = std::move(pipes.outbound);
        out_ = std::move(pipes.inbound);
        auto p = std::make_unique<peer>();
        p->in = out_;
        p->out = in_;
        p->routing_id = ec_.peer_id_override;
        p->origin = ec_.origin;
        s.attach(std::move(p));
    }

    // on_wake(): a persistent pipe changed; the current engine, if any, handles it.
    void on_wake()
    {
        if (auto e = engine_.lock())
            e->on_wake();
    }

    void start()
    {
        asio::post(io_, [self = this->shared_from_this()] { self->connect_now(); });
    }

    void stop(int linger_ms) override
    {
        asio::post(io_, [self = this->shared_from_this(), linger_ms] { self->stop_now(linger_ms); });
    }

private:
    void connect_now()
    {
        if (finished_ || (stopped_ && !lingering_))
            return;
        socket_ = typename Protocol::socket(io_);
        socket_.async_connect(target_, [self = this->shared_from_this()](const asio::error_code& ec) {
            self->on_connect(ec);
        });
    }

    void on_connect(const asio::error_code& ec)
    {
        if (finished_ || (stopped_ && !lingering_))
            return;
        if (ec) {
            schedule_reconnect();
            return;
        }
        if (prepare_)
            prepare_(socket_);
        std::weak_ptr<stream_connecter> weak = this->shared_from_this();
        engine_pipes pipes;
        if (in_)
            pipes = {in_, out_, relay_, skip_partial_, connected_before_};
        auto e = std::make_shared<stream_engine>(
            stream_engine::stream_socket(std::move(socket_)), ec_,
            [weak](bool handshaken, bool mid_message) {
                if (auto self = weak.lock())
                    self->on_engine_done(handshaken, mid_message);
            },
            std::move(pipes));
        engine_ = e;
        e->start();
        if (lingering_)
            hand_over_linger(*e);
    }

    void on_engine_done(bool handshaken, bool mid_message)
    {
        engine_.reset();
        connected_before_ = connected_before_ || handshaken;
        skip_partial_ = in_ && mid_message;
        if (!stopped_ || (lingering_ && !finished_))
            schedule_reconnect();
    }

    void schedule_reconnect()
    {
        const int ivl = ec_.opts.reconnect_ivl;
        if (ivl < 0) { // -1: never reconnect
            if (stopped_)
                finish();
            return;
        }
        timer_.expires_after(std::chrono::milliseconds(std::max(ivl, 1)));
        timer_.async_wait([self = this->shared_from_this()](const asio::error_code& ec) {
            if (!ec)
                self->connect_now();
        });
    }

    void stop_now(int linger_ms)
    {
        if (stopped_)
            return;
        stopped_ = true;
        if (auto e = engine_.lock()) {
            e->linger(linger_ms);
            finish();
            return;
        }
        // Messages queued before any connection existed still get their LINGER time.
        if (in_ && linger_ms != 0 && in_->readable()) {
            lingering_ = true;
            if (linger_ms > 0) {
                linger_deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(linger_ms);
                linger_timer_.expires_at(linger_deadline_);
                linger_timer_.async_wait([self = this->shared_from_this()](const asio::error_code& ec) {
                    if (!ec)
                        self->finish();
                });
            }
            return;
        }
        finish();
    }

    // finish(): no more connection attempts; the ctx stops counting this connecter.
    void finish()
    {
        if (finished_)
            return;
        finished_ = true;
        timer_.cancel();
        linger_timer_.cancel();
        asio::error_code ec;
        socket_.close(ec);
        engine_.reset();
        ec_.context->connection_finished();
    }

    // hand_over_linger(e): a connection made while lingering sends the queue, then closes.
    void hand_over_linger(stream_engine& e)
    {
        int ms = -1;
        if (linger_deadline_ != std::chrono::steady_clock::time_point{}) {
            const auto left = linger_deadline_ - std::chrono::steady_clock::now();
            ms = static_cast<int>(std::max<std::int64_t>(
                1, std::chrono::duration_cast<std::chrono::milliseconds>(left).count()));
        }
        e.linger(ms);
        finish();
    }

    asio::io_context& io_;
    typename Protocol::socket socket_;
    asio::steady_timer timer_;
    asio::steady_timer linger_timer_;
    std::chrono::steady_clock::time_point linger_deadline_{};
    engine_context ec_;
    typename Protocol::endpoint target_;
    prepare_fn prepare_;
    std::weak_ptr<stream_engine> engine_;
    std::shared_ptr<waker> relay_; // engine-side waker of the persistent pipes
    pipe_ptr in_;                  // socket -> engines (persistent mode only)
    pipe_ptr out_;                 // engines -> socket
    bool skip_partial_ = false;
    bool connected_before_ = false;
    bool stopped_ = false;   // the socket let go: no reconnects once an engine ends
    bool lingering_ = false; // stopped, but still connecting to deliver queued messages
    bool finished_ = false;  // nothing more to do; no longer counted by the ctx
};

} // namespace zlink
