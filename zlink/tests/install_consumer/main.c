/* Uses the installed zlink.h and libzlink: a PAIR round trip over tcp on 127.0.0.1. */
#include <stdio.h>
#include <string.h>
#include <zlink.h>

int main(void)
{
    void *ctx = zlink_ctx_new();
    void *a = zlink_socket(ctx, ZLINK_PAIR);
    void *b = zlink_socket(ctx, ZLINK_PAIR);
    char ep[256];
    size_t len = sizeof ep;
    int timeout = 5000;
    char buf[16] = {0};
    zlink_setsockopt(a, ZLINK_RCVTIMEO, &timeout, sizeof timeout);
    if (zlink_bind(a, "tcp://127.0.0.1:*") != 0 ||
        zlink_getsockopt(a, ZLINK_LAST_ENDPOINT, ep, &len) != 0 || zlink_connect(b, ep) != 0 ||
        zlink_send(b, "hello", 5, 0) != 5 || zlink_recv(a, buf, sizeof buf, 0) != 5 ||
        strcmp(buf, "hello") != 0) {
        fprintf(stderr, "round trip failed: %s\n", zlink_strerror(zlink_errno()));
        return 1;
    }
    printf("ok (%s allocator)\n", zlink_allocator_name());
    zlink_close(a);
    zlink_close(b);
    return zlink_ctx_term(ctx);
}
