// ipc: Unix domain stream sockets. A socket file left behind by a dead process is replaced;
// one that still accepts connections is EADDRINUSE. The file is removed on unbind/close.
#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "stream_connecter.hpp"
#include "stream_listener.hpp"
#include "stream_transports.hpp"

namespace zlink {

using unix_stream = asio::local::stream_protocol;

namespace {

// clear_stale(io, path): 0 when path is free (a dead socket file is removed), else an errno.
int clear_stale(asio::io_context& io, const std::string& path)
{
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0)
        return 0;
    if (!S_ISSOCK(st.st_mode))
        return EADDRINUSE; // never delete something that is not a socket
    unix_stream::socket probe(io);
    asio::error_code ec;
    probe.connect(unix_stream::endpoint(path), ec);
    if (!ec)
        return EADDRINUSE; // somebody is listening there
    if (ec != asio::error::connection_refused)
        return to_errno(ec);
    return ::unlink(path.c_str()) == 0 || errno == ENOENT ? 0 : errno;
}

std::function<void(unix_stream::socket&)> prepare(const options& o)
{
    const int sndbuf = o.sndbuf, rcvbuf = o.rcvbuf;
    return [sndbuf, rcvbuf](unix_stream::socket& s) {
        asio::error_code ec;
        if (sndbuf > 0)
            s.set_option(asio::socket_base::send_buffer_size(sndbuf), ec);
        if (rcvbuf > 0)
            s.set_option(asio::socket_base::receive_buffer_size(rcvbuf), ec);
    };
}

} // namespace

int ipc_bind(socket_base& s, const endpoint& ep, std::uint64_t origin,
             std::shared_ptr<endpoint_handle>& handle, std::string& resolved)
{
    asio::io_context& io = s.context().io();
    if (const int rc = clear_stale(io, ep.address); rc != 0)
        return rc;
    auto l = std::make_shared<stream_listener<unix_stream>>(
        io, capture_engine_context(s, origin, false), prepare(s.opts()), ep.address);
    if (const int rc = l->open(unix_stream::endpoint(ep.address), s.opts().backlog); rc != 0) {
        l->discard();
        return rc;
    }
    resolved = "ipc://" + ep.address;
    l->start();
    handle = l;
    return 0;
}

int ipc_connect(socket_base& s, const endpoint& ep, std::uint64_t origin,
                std::shared_ptr<endpoint_handle>& handle)
{
    asio::io_context& io = s.context().io();
    auto c = std::make_shared<stream_connecter<unix_stream>>(
        io, capture_engine_context(s, origin, true), unix_stream::endpoint(ep.address),
        prepare(s.opts()));
    if (queues_before_connect(s.opts()))
        c->attach_pipes(s);
    c->start();
    handle = c;
    return 0;
}

} // namespace zlink
