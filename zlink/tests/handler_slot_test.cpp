// handler_slot: one asio operation at a time lives in the slot, anything else on the heap; a
// stream read shaped like the engine's (two buffers, a handler holding a shared_ptr) fits.
#include "engine/handler_slot.hpp"

#include "core/asio_config.hpp"

#include <gtest/gtest.h>

#include <array>
#include <memory>

namespace {

using zlink::handler_slot;
using zlink::handler_slot_allocator;

TEST(handler_slot, one_block_at_a_time_in_the_slot_others_on_the_heap)
{
    handler_slot slot;
    handler_slot_allocator<unsigned char> alloc(slot);
    unsigned char* first = alloc.allocate(200);
    EXPECT_TRUE(slot.busy());
    unsigned char* second = alloc.allocate(200); // slot taken: heap
    EXPECT_NE(first, second);
    alloc.deallocate(second, 200);
    EXPECT_TRUE(slot.busy());
    alloc.deallocate(first, 200);
    EXPECT_FALSE(slot.busy());
    unsigned char* again = alloc.allocate(200);
    EXPECT_EQ(again, first); // the slot is reused
    alloc.deallocate(again, 200);
    unsigned char* big = alloc.allocate(4096); // does not fit: heap
    EXPECT_FALSE(slot.busy());
    alloc.deallocate(big, 4096);
}

TEST(handler_slot, a_stream_read_like_the_engines_uses_the_slot)
{
    asio::io_context io;
    asio::local::stream_protocol::socket a(io), b(io);
    asio::local::connect_pair(a, b);
    handler_slot slot;
    std::array<unsigned char, 16> head{};
    std::array<unsigned char, 64> tail{};
    std::array<asio::mutable_buffer, 2> bufs{asio::buffer(head), asio::buffer(tail)};
    auto owner = std::make_shared<int>(0);
    std::size_t got = 0;
    bool busy_in_handler = true;
    b.async_read_some(bufs, asio::bind_allocator(handler_slot_allocator<void>(slot),
                                                 [owner, &got, &busy_in_handler, &slot](
                                                     const asio::error_code& ec, std::size_t n) {
                                                     ASSERT_FALSE(ec);
                                                     got = n;
                                                     busy_in_handler = slot.busy();
                                                 }));
    EXPECT_TRUE(slot.busy()); // the pending operation lives in the slot
    const unsigned char msg[3] = {1, 2, 3};
    asio::write(a, asio::buffer(msg));
    io.run_for(std::chrono::seconds(5));
    EXPECT_EQ(got, 3u);
    EXPECT_FALSE(busy_in_handler); // released before the handler runs, so it can read again
    EXPECT_FALSE(slot.busy());
}

} // namespace
