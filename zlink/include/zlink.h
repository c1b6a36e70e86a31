/* zlink.h: the public C API of zlink, a compact messaging library in the ZeroMQ family.
 * Names and numbers follow libzmq's C API with the zlink_/ZLINK_ prefix, so programs written
 * against the zlink API build unchanged against this library or another zlink. */
#ifndef ZLINK_H_INCLUDED
#define ZLINK_H_INCLUDED

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#if defined(ZLINK_BUILDING_LIBRARY)
#define ZLINK_EXPORT __attribute__((visibility("default")))
#else
#define ZLINK_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define ZLINK_VERSION_MAJOR 1
#define ZLINK_VERSION_MINOR 0
#define ZLINK_VERSION_PATCH 0
#define ZLINK_MAKE_VERSION(major, minor, patch) ((major) * 10000 + (minor) * 100 + (patch))
#define ZLINK_VERSION \
    ZLINK_MAKE_VERSION(ZLINK_VERSION_MAJOR, ZLINK_VERSION_MINOR, ZLINK_VERSION_PATCH)

/* Errors: POSIX errno values, plus zlink's own above ZLINK_HAUSNUMERO. */
#define ZLINK_HAUSNUMERO 156384712
#ifndef ENOTSUP
#define ENOTSUP (ZLINK_HAUSNUMERO + 1)
#endif
#ifndef EPROTONOSUPPORT
#define EPROTONOSUPPORT (ZLINK_HAUSNUMERO + 2)
#endif
#ifndef ENOBUFS
#define ENOBUFS (ZLINK_HAUSNUMERO + 3)
#endif
#ifndef ENETDOWN
#define ENETDOWN (ZLINK_HAUSNUMERO + 4)
#endif
#ifndef EADDRINUSE
#define EADDRINUSE (ZLINK_HAUSNUMERO + 5)
#endif
#ifndef EADDRNOTAVAIL
#define EADDRNOTAVAIL (ZLINK_HAUSNUMERO + 6)
#endif
#ifndef ECONNREFUSED
#define ECONNREFUSED (ZLINK_HAUSNUMERO + 7)
#endif
#ifndef EINPROGRESS
#define EINPROGRESS (ZLINK_HAUSNUMERO + 8)
#endif
#ifndef ENOTSOCK
#define ENOTSOCK (ZLINK_HAUSNUMERO + 9)
#endif
#ifndef EMSGSIZE
#define EMSGSIZE (ZLINK_HAUSNUMERO + 10)
#endif
#ifndef EAFNOSUPPORT
#define EAFNOSUPPORT (ZLINK_HAUSNUMERO + 11)
#endif
#ifndef ENETUNREACH
#define ENETUNREACH (ZLINK_HAUSNUMERO + 12)
#endif
#ifndef ECONNABORTED
#define ECONNABORTED (ZLINK_HAUSNUMERO + 13)
#endif
#ifndef ECONNRESET
#define ECONNRESET (ZLINK_HAUSNUMERO + 14)
#endif
#ifndef ENOTCONN
#define ENOTCONN (ZLINK_HAUSNUMERO + 15)
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT (ZLINK_HAUSNUMERO + 16)
#endif
#ifndef EHOSTUNREACH
#define EHOSTUNREACH (ZLINK_HAUSNUMERO + 17)
#endif
#ifndef ENETRESET
#define ENETRESET (ZLINK_HAUSNUMERO + 18)
#endif
#define EFSM (ZLINK_HAUSNUMERO + 51)
#define ENOCOMPATPROTO (ZLINK_HAUSNUMERO + 52)
#define ETERM (ZLINK_HAUSNUMERO + 53)
#define EMTHREAD (ZLINK_HAUSNUMERO + 54)

ZLINK_EXPORT int zlink_errno(void);
ZLINK_EXPORT const char *zlink_strerror(int errnum);
ZLINK_EXPORT void zlink_version(int *major, int *minor, int *patch);

/* Context. */
#define ZLINK_IO_THREADS 1
#define ZLINK_MAX_SOCKETS 2
#define ZLINK_IO_THREADS_DFLT 1
#define ZLINK_MAX_SOCKETS_DFLT 1023

ZLINK_EXPORT void *zlink_ctx_new(void);
ZLINK_EXPORT int zlink_ctx_term(void *context);
ZLINK_EXPORT int zlink_ctx_shutdown(void *context);
ZLINK_EXPORT int zlink_ctx_set(void *context, int option, int optval);
ZLINK_EXPORT int zlink_ctx_get(void *context, int option);

/* Messages: an opaque 64-byte, pointer-aligned value; small payloads live inside it. */
typedef struct zlink_msg_t {
#if defined(__GNUC__) || defined(__clang__)
    unsigned char _[64] __attribute__((aligned(sizeof(void *))));
#else
    void *_[64 / sizeof(void *)];
#endif
} zlink_msg_t;

typedef void(zlink_free_fn)(void *data, void *hint);

#define ZLINK_MORE 1

ZLINK_EXPORT int zlink_msg_init(zlink_msg_t *msg);
ZLINK_EXPORT int zlink_msg_init_size(zlink_msg_t *msg, size_t size);
ZLINK_EXPORT int zlink_msg_init_data(zlink_msg_t *msg, void *data, size_t size,
                                     zlink_free_fn *ffn, void *hint);
ZLINK_EXPORT int zlink_msg_send(zlink_msg_t *msg, void *s, int flags);
ZLINK_EXPORT int zlink_msg_recv(zlink_msg_t *msg, void *s, int flags);
ZLINK_EXPORT int zlink_msg_close(zlink_msg_t *msg);
ZLINK_EXPORT int zlink_msg_move(zlink_msg_t *dest, zlink_msg_t *src);
ZLINK_EXPORT int zlink_msg_copy(zlink_msg_t *dest, zlink_msg_t *src);
ZLINK_EXPORT void *zlink_msg_data(zlink_msg_t *msg);
ZLINK_EXPORT size_t zlink_msg_size(const zlink_msg_t *msg);
ZLINK_EXPORT int zlink_msg_more(const zlink_msg_t *msg);
ZLINK_EXPORT int zlink_msg_get(const zlink_msg_t *msg, int property);

/* Socket types. */
#define ZLINK_PAIR 0
#define ZLINK_PUB 1
#define ZLINK_SUB 2
#define ZLINK_DEALER 5
#define ZLINK_ROUTER 6
#define ZLINK_XPUB 9
#define ZLINK_XSUB 10

/* Socket options. */
#define ZLINK_ROUTING_ID 5
#define ZLINK_SUBSCRIBE 6
#define ZLINK_UNSUBSCRIBE 7
#define ZLINK_SNDBUF 11
#define ZLINK_RCVBUF 12
#define ZLINK_RCVMORE 13
#define ZLINK_FD 14
#define ZLINK_EVENTS 15
#define ZLINK_TYPE 16
#define ZLINK_LINGER 17
#define ZLINK_RECONNECT_IVL 18
#define ZLINK_BACKLOG 19
#define ZLINK_MAXMSGSIZE 22
#define ZLINK_SNDHWM 23
#define ZLINK_RCVHWM 24
#define ZLINK_RCVTIMEO 27
#define ZLINK_SNDTIMEO 28
#define ZLINK_LAST_ENDPOINT 32
#define ZLINK_ROUTER_MANDATORY 33
#define ZLINK_IMMEDIATE 39
#define ZLINK_XPUB_VERBOSE 40
#define ZLINK_CONNECT_ROUTING_ID 61
#define ZLINK_HANDSHAKE_IVL 66
#define ZLINK_HEARTBEAT_IVL 75
#define ZLINK_HEARTBEAT_TTL 76
#define ZLINK_HEARTBEAT_TIMEOUT 77

/* Send/recv flags. */
#define ZLINK_DONTWAIT 1
#define ZLINK_SNDMORE 2

ZLINK_EXPORT void *zlink_socket(void *context, int type);
ZLINK_EXPORT int zlink_close(void *s);
ZLINK_EXPORT int zlink_setsockopt(void *s, int option, const void *optval, size_t optvallen);
ZLINK_EXPORT int zlink_getsockopt(void *s, int option, void *optval, size_t *optvallen);
ZLINK_EXPORT int zlink_bind(void *s, const char *addr);
ZLINK_EXPORT int zlink_connect(void *s, const char *addr);
ZLINK_EXPORT int zlink_unbind(void *s, const char *addr);
ZLINK_EXPORT int zlink_disconnect(void *s, const char *addr);
ZLINK_EXPORT int zlink_send(void *s, const void *buf, size_t len, int flags);
ZLINK_EXPORT int zlink_send_const(void *s, const void *buf, size_t len, int flags);
ZLINK_EXPORT int zlink_recv(void *s, void *buf, size_t len, int flags);

/* Polling over zlink sockets and plain file descriptors. */
#define ZLINK_POLLIN 1
#define ZLINK_POLLOUT 2
#define ZLINK_POLLERR 4

typedef struct zlink_pollitem_t {
    void *socket;
    int fd;
    short events;
    short revents;
} zlink_pollitem_t;

ZLINK_EXPORT int zlink_poll(zlink_pollitem_t *items, int nitems, long timeout);

/* zlink extension (not in libzmq): the allocator this build uses on the message hot path,
 * "std" or "mimalloc". */
ZLINK_EXPORT const char *zlink_allocator_name(void);

#ifdef __cplusplus
}
#endif

#endif
