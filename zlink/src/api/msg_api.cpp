// C API: zlink_msg_t functions.
#include <cerrno>

#include "../core/msg.hpp"
#include "../core/socket_base.hpp"
#include "zlink.h"

using zlink::as_msg;
using zlink::msg;
using zlink::socket_base;

static bool bad(const void* p)
{
    if (p == nullptr) {
        errno = EFAULT;
        return true;
    }
    return false;
}

static socket_base* as_socket(void* s)
{
    auto* p = static_cast<socket_base*>(s);
    if (p == nullptr || !p->valid()) {
        errno = ENOTSOCK;
        return nullptr;
    }
    return p;
}

extern "C" {

int zlink_msg_init(zlink_msg_t* m)
{
    if (bad(m))
        return -1;
    as_msg(m).init();
    return 0;
}

int zlink_msg_init_size(zlink_msg_t* m, size_t size)
{
    if (bad(m))
        return -1;
    if (!as_msg(m).init_size(size)) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

int zlink_msg_init_data(zlink_msg_t* m, void* data, size_t size, zlink_free_fn* ffn, void* hint)
{
    if (bad(m))
        return -1;
    if (data == nullptr && size != 0) {
        errno = EFAULT;
        return -1;
    }
    if (!as_msg(m).init_data(data, size, ffn, hint)) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

int zlink_msg_send(zlink_msg_t* m, void* s, int flags)
{
    if (bad(m))
        return -1;
    socket_base* sock = as_socket(s);
    if (sock == nullptr)
        return -1;
    msg& mm = as_msg(m);
    const std::size_t size = mm.size();
    if (sock->send(mm, flags) != 0)
        return -1; // the caller still owns the message, as in libzmq
    mm.init();
    return size > INT32_MAX ? INT32_MAX : static_cast<int>(size);
}

int zlink_msg_recv(zlink_msg_t* m, void* s, int flags)
{
    if (bad(m))
        return -1;
    socket_base* sock = as_socket(s);
    if (sock == nullptr)
        return -1;
    msg& mm = as_msg(m);
    mm.close();
    if (sock->recv(mm, flags) != 0)
        return -1;
    const std::size_t size = mm.size();
    return size > INT32_MAX ? INT32_MAX : static_cast<int>(size);
}

int zlink_msg_close(zlink_msg_t* m)
{
    if (bad(m))
        return -1;
    as_msg(m).close();
    return 0;
}

int zlink_msg_move(zlink_msg_t* dest, zlink_msg_t* src)
{
    if (bad(dest) || bad(src))
        return -1;
    as_msg(dest).close();
    as_msg(dest).move_from(as_msg(src));
    return 0;
}

int zlink_msg_copy(zlink_msg_t* dest, zlink_msg_t* src)
{
    if (bad(dest) || bad(src))
        return -1;
    as_msg(dest).close();
    as_msg(dest).copy_from(as_msg(src));
    return 0;
}

void* zlink_msg_data(zlink_msg_t* m)
{
    return m == nullptr ? nullptr : as_msg(m).data();
}

size_t zlink_msg_size(const zlink_msg_t* m)
{
    return m == nullptr ? 0 : as_msg(m).size();
}

int zlink_msg_more(const zlink_msg_t* m)
{
    return m == nullptr ? 0 : (as_msg(m).has_more() ? 1 : 0);
}

int zlink_msg_get(const zlink_msg_t* m, int property)
{
    if (bad(m))
        return -1;
    if (property == ZLINK_MORE)
        return as_msg(m).has_more() ? 1 : 0;
    errno = EINVAL;
    return -1;
}

} // extern "C"
