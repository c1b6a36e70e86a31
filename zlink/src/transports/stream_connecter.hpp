// stream_connecter: a connected tcp or ipc endpoint on an I/O thread: connects, runs one
// stream engine at a time, and reconnects after RECONNECT_IVL whenever the connection fails
// or ends, until stop().
#pragma once

#include <algorithm>
#include <functional>
#include <memory>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "stream_common.hpp"

namespace zlink {

template <class Protocol>
class stream_connecter final : public endpoint_handle,
                               public std::enable_shared_from_this<stream_connecter<Protocol>> {
public:
    using prepare_fn = std::function<void(typename Protocol::socket&)>;

    stream_connecter(asio::io_context& io, engine_context ec, typename Protocol::endpoint target,
                     prepare_fn prepare)
        : io_(io), socket_(io), timer_(io), ec_(std::move(ec)), target_(std::move(target)),
          prepare_(std::move(prepare))
    {
        ec_.context->connection_started();
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
        if (stopped_)
            return;
        socket_ = typename Protocol::socket(io_);
        socket_.async_connect(target_, [self = this->shared_from_this()](const asio::error_code& ec) {
            self->on_connect(ec);
        });
    }

    void on_connect(const asio::error_code& ec)
    {
        if (stopped_)
            return;
        if (ec) {
            schedule_reconnect();
            return;
        }
        if (prepare_)
            prepare_(socket_);
        std::weak_ptr<stream_connecter> weak = this->shared_from_this();
        auto e = std::make_shared<stream_engine>(stream_engine::stream_socket(std::move(socket_)), ec_,
                                                 [weak](bool) {
                                                     if (auto self = weak.lock())
                                                         self->on_engine_done();
                                                 });
        engine_ = e;
        e->start();
    }

    void on_engine_done()
    {
        engine_.reset();
        if (!stopped_)
            schedule_reconnect();
    }

    void schedule_reconnect()
    {
        const int ivl = ec_.opts.reconnect_ivl;
        if (ivl < 0)
            return; // -1: never reconnect
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
        timer_.cancel();
        asio::error_code ec;
        socket_.close(ec);
        if (auto e = engine_.lock())
            e->linger(linger_ms);
        engine_.reset();
        ec_.context->connection_finished();
    }

    asio::io_context& io_;
    typename Protocol::socket socket_;
    asio::steady_timer timer_;
    engine_context ec_;
    typename Protocol::endpoint target_;
    prepare_fn prepare_;
    std::weak_ptr<stream_engine> engine_;
    bool stopped_ = false;
};

} // namespace zlink
