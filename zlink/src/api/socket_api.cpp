// C API: sockets (create, close, options, endpoints, send/recv of plain buffers).
#include <cerrno>
#include <cstring>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "api_guard.hpp"
#include "zlink.h"

using zlink::msg;
using zlink::socket_base;

static socket_base* as_socket(void* s)
{
    auto* p = static_cast<socket_base*>(s);
    if (p == nullptr || !p->valid()) {
        errno = ENOTSOCK;
        return nullptr;
    }
    return p;
}

// on_socket(s, body): body(socket) behind the exception boundary, or -1/ENOTSOCK for a
// handle that is not a live socket.
template <class Body>
static int on_socket(void* s, Body&& body)
{
    socket_base* sock = as_socket(s);
    return sock == nullptr ? -1 : zlink::guarded(-1, [&] { return body(*sock); });
}

extern "C" {

void* zlink_socket(void* context, int type)
{
    auto* c = static_cast<zlink::ctx*>(context);
    if (c == nullptr || !c->valid()) {
        errno = EFAULT;
        return nullptr;
    }
    // The socket's eventfd may be refused (EMFILE, ENFILE): guarded() reports its error.
    return zlink::guarded<void*>(nullptr, [&]() -> void* { return c->create_socket(type); });
}

int zlink_close(void* s)
{
    socket_base* sock = as_socket(s);
    if (sock == nullptr)
        return -1;
    sock->close();
    return 0;
}

int zlink_setsockopt(void* s, int option, const void* optval, size_t optvallen)
{
    return on_socket(s,
                     [&](socket_base& sock) { return sock.setsockopt(option, optval, optvallen); });
}

int zlink_getsockopt(void* s, int option, void* optval, size_t* optvallen)
{
    return on_socket(s,
                     [&](socket_base& sock) { return sock.getsockopt(option, optval, optvallen); });
}

int zlink_bind(void* s, const char* addr)
{
    // The first endpoint of a context starts its I/O threads, which the OS may refuse.
    return on_socket(s, [&](socket_base& sock) { return sock.bind(addr); });
}

int zlink_connect(void* s, const char* addr)
{
    return on_socket(s, [&](socket_base& sock) { return sock.connect(addr); });
}

int zlink_unbind(void* s, const char* addr)
{
    return on_socket(s, [&](socket_base& sock) { return sock.unbind(addr); });
}

int zlink_disconnect(void* s, const char* addr)
{
    return on_socket(s, [&](socket_base& sock) { return sock.disconnect(addr); });
}

static int send_msg(socket_base* sock, msg& m, std::size_t len, int flags)
{
    if (sock->send(m, flags) != 0) {
        const int err = errno;
        m.close();
        errno = err;
        return -1;
    }
    return len > INT32_MAX ? INT32_MAX : static_cast<int>(len);
}

int zlink_send(void* s, const void* buf, size_t len, int flags)
{
    socket_base* sock = as_socket(s);
    if (sock == nullptr)
        return -1;
    if (buf == nullptr && len != 0) {
        errno = EFAULT;
        return -1;
    }
    msg m;
    if (!m.init_buffer(buf, len)) {
        errno = ENOMEM;
        return -1;
    }
    return send_msg(sock, m, len, flags);
}

int zlink_send_const(void* s, const void* buf, size_t len, int flags)
{
    socket_base* sock = as_socket(s);
    if (sock == nullptr)
        return -1;
    if (buf == nullptr && len != 0) {
        errno = EFAULT;
        return -1;
    }
    msg m;
    m.init_data(const_cast<void*>(buf), len, nullptr, nullptr);
    return send_msg(sock, m, len, flags);
}

int zlink_recv(void* s, void* buf, size_t len, int flags)
{
    socket_base* sock = as_socket(s);
    if (sock == nullptr)
        return -1;
    if (buf == nullptr && len != 0) {
        errno = EFAULT;
        return -1;
    }
    msg m;
    m.init();
    if (sock->recv(m, flags) != 0)
        return -1;
    const std::size_t size = m.size();
    if (size != 0 && len != 0)
        std::memcpy(buf, m.data(), size < len ? size : len);
    m.close();
    // Like libzmq: the full size is returned even when the buffer truncated the message.
    return size > INT32_MAX ? INT32_MAX : static_cast<int>(size);
}

} // extern "C"
