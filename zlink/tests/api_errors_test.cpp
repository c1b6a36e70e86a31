// Bad API arguments return -1 with a precise errno and leave the library usable.
#include "test_util.hpp"

TEST(api_errors, null_context_is_efault)
{
    EXPECT_EQ(zlink_socket(nullptr, ZLINK_PAIR), nullptr);
    EXPECT_EQ(zlink_errno(), EFAULT);
    EXPECT_EQ(zlink_ctx_term(nullptr), -1);
    EXPECT_EQ(zlink_errno(), EFAULT);
}

TEST(api_errors, null_socket_is_enotsock)
{
    EXPECT_EQ(zlink_close(nullptr), -1);
    EXPECT_EQ(zlink_errno(), ENOTSOCK);
    EXPECT_EQ(zlink_send(nullptr, "x", 1, 0), -1);
    EXPECT_EQ(zlink_errno(), ENOTSOCK);
    EXPECT_EQ(zlink_bind(nullptr, "inproc://x"), -1);
    EXPECT_EQ(zlink_errno(), ENOTSOCK);
}

TEST(api_errors, unknown_socket_type_is_einval)
{
    zt::context ctx;
    EXPECT_EQ(zlink_socket(ctx.ctx, 3), nullptr); // REQ is not a zlink type
    EXPECT_EQ(zlink_errno(), EINVAL);
}

TEST(api_errors, endpoints_are_validated)
{
    zt::context ctx;
    zt::socket s(ctx.ctx, ZLINK_PAIR);
    EXPECT_EQ(zlink_bind(s, "udp://127.0.0.1:5555"), -1);
    EXPECT_EQ(zlink_errno(), EPROTONOSUPPORT);
    EXPECT_EQ(zlink_bind(s, "no-transport"), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_bind(s, "inproc://"), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_connect(s, "tcp://127.0.0.1"), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_connect(s, "tcp://127.0.0.1:99999"), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_connect(s, nullptr), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
}

TEST(api_errors, taken_inproc_name_is_eaddrinuse)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(a, "inproc://taken"), 0);
    EXPECT_EQ(zlink_bind(b, "inproc://taken"), -1);
    EXPECT_EQ(zlink_errno(), EADDRINUSE);
}

TEST(api_errors, incompatible_inproc_peer_is_enocompatproto)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PUB), b(ctx.ctx, ZLINK_DEALER);
    ASSERT_EQ(zlink_bind(a, "inproc://compat"), 0);
    EXPECT_EQ(zlink_connect(b, "inproc://compat"), -1);
    EXPECT_EQ(zlink_errno(), ENOCOMPATPROTO);
}

TEST(api_errors, bad_options_are_einval)
{
    zt::context ctx;
    zt::socket s(ctx.ctx, ZLINK_DEALER);
    int v = -5;
    EXPECT_EQ(zlink_setsockopt(s, ZLINK_SNDHWM, &v, sizeof v), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_setsockopt(s, ZLINK_LINGER, &v, 2), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_setsockopt(s, 9999, &v, sizeof v), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    EXPECT_EQ(zlink_setsockopt(s, ZLINK_ROUTING_ID, "", 0), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
    int type = -1;
    size_t len = sizeof type;
    ASSERT_EQ(zlink_getsockopt(s, ZLINK_TYPE, &type, &len), 0);
    EXPECT_EQ(type, ZLINK_DEALER);
    len = 1;
    EXPECT_EQ(zlink_getsockopt(s, ZLINK_TYPE, &type, &len), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
}

TEST(api_errors, wrong_direction_is_enotsup)
{
    zt::context ctx;
    zt::socket pub(ctx.ctx, ZLINK_PUB), sub(ctx.ctx, ZLINK_SUB);
    char buf[4];
    EXPECT_EQ(zlink_recv(pub, buf, sizeof buf, ZLINK_DONTWAIT), -1);
    EXPECT_EQ(zlink_errno(), ENOTSUP);
    EXPECT_EQ(zlink_send(sub, "x", 1, 0), -1);
    EXPECT_EQ(zlink_errno(), ENOTSUP);
}

TEST(api_errors, io_threads_after_start_is_efsm)
{
    zt::context ctx;
    EXPECT_EQ(zlink_ctx_set(ctx.ctx, ZLINK_IO_THREADS, 2), 0);
    EXPECT_EQ(zlink_ctx_get(ctx.ctx, ZLINK_IO_THREADS), 2);
    zt::socket s(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(s, "tcp://127.0.0.1:*"), 0);
    EXPECT_EQ(zlink_ctx_set(ctx.ctx, ZLINK_IO_THREADS, 3), -1);
    EXPECT_EQ(zlink_errno(), EFSM);
    EXPECT_EQ(zlink_ctx_set(ctx.ctx, 12345, 1), -1);
    EXPECT_EQ(zlink_errno(), EINVAL);
}

TEST(api_errors, calls_after_shutdown_are_eterm)
{
    zt::context ctx;
    zt::socket s(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_ctx_shutdown(ctx.ctx), 0);
    EXPECT_EQ(zt::send_str(s, "x"), -1);
    EXPECT_EQ(zlink_errno(), ETERM);
    EXPECT_EQ(zlink_socket(ctx.ctx, ZLINK_PAIR), nullptr);
    EXPECT_EQ(zlink_errno(), ETERM);
}

TEST(api_errors, messages_null_is_efault)
{
    EXPECT_EQ(zlink_msg_init(nullptr), -1);
    EXPECT_EQ(zlink_errno(), EFAULT);
    zlink_msg_t m;
    EXPECT_EQ(zlink_msg_init_data(&m, nullptr, 5, nullptr, nullptr), -1);
    EXPECT_EQ(zlink_errno(), EFAULT);
}

TEST(api_errors, strerror_names_zlink_errors)
{
    EXPECT_STRNE(zlink_strerror(ETERM), "");
    EXPECT_EQ(ETERM, ZLINK_HAUSNUMERO + 53);
    EXPECT_EQ(EFSM, ZLINK_HAUSNUMERO + 51);
    EXPECT_STREQ(zlink_allocator_name(), "std");
}
