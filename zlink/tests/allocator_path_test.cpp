// The hot-path allocator: the compiled-in implementation is the one reported, blocks are
// usable and aligned, and a block may be freed on another thread than its allocating one.
#include "core/allocator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

TEST(allocator, name_matches_the_build)
{
#ifdef ZLINK_ALLOCATOR_MIMALLOC
    EXPECT_EQ(std::string_view(zlink::allocator_name()), "mimalloc");
#else
    EXPECT_EQ(std::string_view(zlink::allocator_name()), "std");
#endif
}

TEST(allocator, blocks_are_usable_and_aligned)
{
    const std::size_t sizes[] = {0, 1, 63, 64, 1000, 65536, 262144};
    for (const std::size_t n : sizes) {
        void* p = zlink::alloc(n);
        ASSERT_NE(p, nullptr);
        const std::size_t align = n >= alignof(std::max_align_t) ? alignof(std::max_align_t)
                                  : n >= 8                        ? 8
                                                                  : 1;
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u) << n << " bytes";
        std::memset(p, 0xA5, n);
        zlink::dealloc(p);
    }
    zlink::dealloc(nullptr);
}

TEST(allocator, aligned_blocks)
{
    const std::size_t alignments[] = {64, 4096};
    for (const std::size_t align : alignments) {
        void* p = zlink::alloc_aligned(100, align);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u);
        std::memset(p, 1, 100);
        zlink::dealloc(p);
    }
}

TEST(allocator, owned_block_is_released)
{
    zlink::unique_block b = zlink::make_block(128);
    ASSERT_NE(b.get(), nullptr);
    b[127] = 1;
}

TEST(allocator, blocks_freed_on_another_thread)
{
    constexpr int rounds = 20;
    constexpr std::size_t per_round = 500;
    for (int r = 0; r < rounds; ++r) {
        std::vector<void*> blocks;
        std::thread producer([&] {
            for (std::size_t i = 0; i < per_round; ++i) {
                const std::size_t n = 16 + (i * 97) % 70000;
                void* p = zlink::alloc(n);
                std::memset(p, static_cast<int>(i), n);
                blocks.push_back(p);
            }
        });
        producer.join();
        std::thread consumer([&] {
            for (void* p : blocks)
                zlink::dealloc(p);
        });
        consumer.join();
    }
    SUCCEED();
}
