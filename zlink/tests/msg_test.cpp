// zlink_msg_t: inline and shared bodies, copies share one buffer, user memory is released
// exactly once through its free function.
#include "test_util.hpp"

#include <cstring>

TEST(msg, small_and_large_bodies)
{
    for (size_t n : {size_t{0}, size_t{1}, size_t{56}, size_t{57}, size_t{100000}}) {
        zlink_msg_t m;
        ASSERT_EQ(zlink_msg_init_size(&m, n), 0);
        EXPECT_EQ(zlink_msg_size(&m), n);
        if (n != 0)
            std::memset(zlink_msg_data(&m), 0xAB, n);
        EXPECT_EQ(zlink_msg_more(&m), 0);
        EXPECT_EQ(zlink_msg_get(&m, ZLINK_MORE), 0);
        zlink_msg_close(&m);
    }
}

TEST(msg, copy_shares_and_move_empties)
{
    zlink_msg_t a, b, c;
    ASSERT_EQ(zlink_msg_init_size(&a, 1000), 0);
    zlink_msg_init(&b);
    zlink_msg_init(&c);
    ASSERT_EQ(zlink_msg_copy(&b, &a), 0);
    EXPECT_EQ(zlink_msg_data(&a), zlink_msg_data(&b));
    ASSERT_EQ(zlink_msg_move(&c, &a), 0);
    EXPECT_EQ(zlink_msg_size(&a), 0u);
    EXPECT_EQ(zlink_msg_size(&c), 1000u);
    zlink_msg_close(&a);
    zlink_msg_close(&b);
    zlink_msg_close(&c);
}

static int freed = 0;
static void count_free(void* data, void* hint)
{
    ++freed;
    EXPECT_EQ(hint, data);
    delete[] static_cast<char*>(data);
}

TEST(msg, init_data_frees_once_after_last_copy)
{
    freed = 0;
    char* buf = new char[300];
    zlink_msg_t a, b;
    ASSERT_EQ(zlink_msg_init_data(&a, buf, 300, count_free, buf), 0);
    zlink_msg_init(&b);
    zlink_msg_copy(&b, &a);
    zlink_msg_close(&a);
    EXPECT_EQ(freed, 0);
    zlink_msg_close(&b);
    EXPECT_EQ(freed, 1);
}

TEST(msg, init_data_message_travels_zero_copy)
{
    zt::context ctx;
    zt::socket a(ctx.ctx, ZLINK_PAIR), b(ctx.ctx, ZLINK_PAIR);
    ASSERT_EQ(zlink_bind(a, "inproc://zc"), 0);
    ASSERT_EQ(zlink_connect(b, "inproc://zc"), 0);
    freed = 0;
    char* buf = new char[5000];
    std::memset(buf, 'q', 5000);
    zlink_msg_t m;
    ASSERT_EQ(zlink_msg_init_data(&m, buf, 5000, count_free, buf), 0);
    ASSERT_EQ(zlink_msg_send(&m, b, 0), 5000);
    zlink_msg_t r;
    zlink_msg_init(&r);
    ASSERT_EQ(zlink_msg_recv(&r, a, 0), 5000);
    EXPECT_EQ(zlink_msg_data(&r), buf);
    zlink_msg_close(&r);
    EXPECT_EQ(freed, 1);
}
