// C API: errors, version, contexts and the allocator-name extension.
#include <cerrno>
#include <cstring>
#include <new>

#include "../core/allocator.hpp"
#include "../core/ctx.hpp"
#include "zlink.h"

using zlink::ctx;

static ctx* as_ctx(void* c)
{
    auto* p = static_cast<ctx*>(c);
    if (p == nullptr || !p->valid()) {
        errno = EFAULT;
        return nullptr;
    }
    return p;
}

extern "C" {

int zlink_errno(void) { return errno; }

const char* zlink_strerror(int errnum)
{
    switch (errnum) {
    case EFSM: return "Operation cannot be accomplished in current state";
    case ENOCOMPATPROTO: return "The protocol is not compatible with the socket type";
    case ETERM: return "Context was terminated";
    case EMTHREAD: return "No thread available";
    default: return std::strerror(errnum);
    }
}

void zlink_version(int* major, int* minor, int* patch)
{
    if (major != nullptr)
        *major = ZLINK_VERSION_MAJOR;
    if (minor != nullptr)
        *minor = ZLINK_VERSION_MINOR;
    if (patch != nullptr)
        *patch = ZLINK_VERSION_PATCH;
}

void* zlink_ctx_new(void)
{
    auto* c = new (std::nothrow) ctx();
    if (c == nullptr)
        errno = ENOMEM;
    return c;
}

int zlink_ctx_term(void* context)
{
    ctx* c = as_ctx(context);
    if (c == nullptr)
        return -1;
    c->term();
    delete c;
    return 0;
}

int zlink_ctx_shutdown(void* context)
{
    ctx* c = as_ctx(context);
    if (c == nullptr)
        return -1;
    c->shutdown();
    return 0;
}

int zlink_ctx_set(void* context, int option, int optval)
{
    ctx* c = as_ctx(context);
    return c == nullptr ? -1 : c->set(option, optval);
}

int zlink_ctx_get(void* context, int option)
{
    ctx* c = as_ctx(context);
    return c == nullptr ? -1 : c->get(option);
}

const char* zlink_allocator_name(void) { return zlink::allocator_name(); }

} // extern "C"
