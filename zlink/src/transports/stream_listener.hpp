// stream_listener: a bound tcp or ipc endpoint on an I/O thread: accepts connections and
// starts a stream engine for each; stop() closes the acceptor and lingers its engines.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "stream_common.hpp"

namespace zlink {

template <class Protocol>
class stream_listener final : public endpoint_handle,
                              public std::enable_shared_from_this<stream_listener<Protocol>> {
public:
    using prepare_fn = std::function<void(typename Protocol::socket&)>;

    // The ctx counts the listener from construction until its stop() has run.
    stream_listener(asio::io_context& io, engine_context ec, prepare_fn prepare, std::string unlink_path)
        : io_(io), acceptor_(io), ec_(std::move(ec)), prepare_(std::move(prepare)),
          unlink_path_(std::move(unlink_path))
    {
        ec_.context->connection_started();
    }

    // open(ep, backlog): binds and listens (caller's thread, before start); 0 or an errno.
    int open(const typename Protocol::endpoint& ep, int backlog)
    {
        asio::error_code ec;
        acceptor_.open(ep.protocol(), ec);
        if (!ec && reuse_address())
            acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec)
            acceptor_.bind(ep, ec);
        if (!ec)
            acceptor_.listen(backlog > 0 ? backlog : asio::socket_base::max_listen_connections, ec);
        return ec ? to_errno(ec) : 0;
    }
    typename Protocol::endpoint local_endpoint() const
    {
        asio::error_code ec;
        return acceptor_.local_endpoint(ec);
    }

    void start()
    {
        asio::post(io_, [self = this->shared_from_this()] { self->accept_next(); });
    }

    // stop(): synchronous, so the address is free again (and an ipc file gone) once
    // zlink_unbind/zlink_close return. Never called on the I/O thread.
    void stop(int linger_ms) override
    {
        std::promise<void> done;
        asio::post(io_, [self = this->shared_from_this(), linger_ms, &done] {
            self->stop_now(linger_ms);
            done.set_value();
        });
        done.get_future().wait();
    }

    // discard(): undo a constructed listener that failed to open (caller's thread).
    void discard() { ec_.context->connection_finished(); }

private:
    static constexpr bool reuse_address()
    {
        return std::is_same_v<Protocol, asio::ip::tcp>;
    }

    void accept_next()
    {
        if (stopped_)
            return;
        acceptor_.async_accept([self = this->shared_from_this()](const asio::error_code& ec,
                                                                  typename Protocol::socket s) {
            if (self->stopped_)
                return;
            if (!ec)
                self->start_engine(std::move(s));
            // Transient failures (EMFILE, ECONNABORTED) must not end the listener.
            self->accept_next();
        });
    }

    void start_engine(typename Protocol::socket s)
    {
        if (prepare_)
            prepare_(s);
        std::erase_if(engines_, [](const auto& w) { return w.expired(); });
        auto e = std::make_shared<stream_engine>(stream_engine::stream_socket(std::move(s)), ec_,
                                                 nullptr);
        engines_.push_back(e);
        e->start();
    }

    void stop_now(int linger_ms)
    {
        if (stopped_)
            return;
        stopped_ = true;
        asio::error_code ec;
        acceptor_.close(ec);
        if (!unlink_path_.empty())
            ::unlink(unlink_path_.c_str());
        for (auto& w : engines_)
            if (auto e = w.lock())
                e->linger(linger_ms);
        engines_.clear();
        ec_.context->connection_finished();
    }

    asio::io_context& io_;
    typename Protocol::acceptor acceptor_;
    engine_context ec_;
    prepare_fn prepare_;
    std::string unlink_path_;
    std::vector<std::weak_ptr<stream_engine>> engines_;
    bool stopped_ = false;
};

} // namespace zlink
