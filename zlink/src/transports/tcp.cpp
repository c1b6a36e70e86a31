// tcp: IPv4/IPv6 endpoints ("*" = all IPv4 interfaces, port "*" = ephemeral, read back through
// LAST_ENDPOINT); accepted and connected sockets get TCP_NODELAY, as libzmq does.
#include <cerrno>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "stream_connecter.hpp"
#include "stream_listener.hpp"
#include "stream_transports.hpp"

namespace zlink {

using asio::ip::tcp;

namespace {

// resolve(host, port, out): numeric addresses directly, names through the resolver; 0 or EINVAL.
int resolve(asio::io_context& io, const std::string& host, std::uint16_t port, tcp::endpoint& out)
{
    if (host == "*") {
        out = tcp::endpoint(tcp::v4(), port);
        return 0;
    }
    asio::error_code ec;
    const auto addr = asio::ip::make_address(host, ec);
    if (!ec) {
        out = tcp::endpoint(addr, port);
        return 0;
    }
    tcp::resolver resolver(io);
    const auto results = resolver.resolve(host, std::to_string(port), ec);
    if (ec || results.empty())
        return EINVAL;
    out = results.begin()->endpoint();
    return 0;
}

std::function<void(tcp::socket&)> prepare(const options& o)
{
    const int sndbuf = o.sndbuf, rcvbuf = o.rcvbuf;
    return [sndbuf, rcvbuf](tcp::socket& s) {
        asio::error_code ec;
        s.set_option(tcp::no_delay(true), ec);
        if (sndbuf > 0)
            s.set_option(asio::socket_base::send_buffer_size(sndbuf), ec);
        if (rcvbuf > 0)
            s.set_option(asio::socket_base::receive_buffer_size(rcvbuf), ec);
    };
}

std::string format(const tcp::endpoint& ep)
{
    const auto a = ep.address();
    const std::string host = a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
    return "tcp://" + host + ":" + std::to_string(ep.port());
}

} // namespace

int tcp_bind(socket_base& s, const endpoint& ep, std::uint64_t origin,
             std::shared_ptr<endpoint_handle>& handle, std::string& resolved)
{
    asio::io_context& io = s.context().io();
    tcp::endpoint local;
    if (const int rc = resolve(io, ep.host, ep.port_any ? 0 : ep.port, local); rc != 0)
        return rc;
    auto l = std::make_shared<stream_listener<tcp>>(io, capture_engine_context(s, origin, false),
                                                    prepare(s.opts()), std::string{});
    if (const int rc = l->open(local, s.opts().backlog); rc != 0) {
        l->discard();
        return rc;
    }
    resolved = format(l->local_endpoint());
    l->start();
    handle = l;
    return 0;
}

int tcp_connect(socket_base& s, const endpoint& ep, std::uint64_t origin,
                std::shared_ptr<endpoint_handle>& handle)
{
    asio::io_context& io = s.context().io();
    tcp::endpoint target;
    if (const int rc = resolve(io, ep.host, ep.port, target); rc != 0)
        return rc;
    auto c = std::make_shared<stream_connecter<tcp>>(io, capture_engine_context(s, origin, true),
                                                     target, prepare(s.opts()));
    if (queues_before_connect(s.opts()))
        c->attach_pipes(s);
    c->start();
    handle = c;
    return 0;
}

} // namespace zlink
