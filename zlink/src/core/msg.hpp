// msg: zlink's message value, the layout behind the opaque 64-byte zlink_msg_t.
// Small payloads live inline; larger ones in a reference-counted content block from the
// hot-path allocator, so copies and PUB fan-out share one buffer.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "zlink.h"

namespace zlink {

// The shared body of a large message. When ffn is null the bytes follow this header in the
// same allocation; otherwise data belongs to the user and ffn(data, hint) releases it.
struct content {
    std::atomic<std::uint32_t> refs;
    zlink_free_fn* ffn;
    void* hint;
};

class msg {
public:
    static constexpr std::size_t max_inline = 56;
    // Bytes of a content block in front of its payload: the content, padded to 16 so the
    // payload keeps malloc alignment.
    static constexpr std::size_t content_header = (sizeof(content) + 15) & ~std::size_t{15};

    enum flag_bits : std::uint8_t {
        more = 1,      // another part of the same message follows
        subscribe = 2, // a subscription travelling SUB -> PUB (body = topic prefix)
        cancel = 4,    // an unsubscription travelling SUB -> PUB
    };

    // A freshly constructed msg is empty; msg is trivially copyable on purpose (pipes move
    // it by memcpy) so ownership is tracked by the callers through close/move.
    void init() noexcept { set_empty(); }
    // init_size(n): n uninitialised bytes; false when out of memory.
    bool init_size(std::size_t n) noexcept;
    // init_data: adopt user memory; ffn(data, hint) runs once the last copy is closed.
    // A null ffn means the memory is constant and never released (zlink_send_const).
    bool init_data(void* data, std::size_t n, zlink_free_fn* ffn, void* hint) noexcept;
    // init_buffer(p, n): a copy of n bytes from p; false when out of memory.
    bool init_buffer(const void* p, std::size_t n) noexcept;
    // init_slice(c, p, n): n bytes at p inside the block whose content header is c (e.g. a
    // stream engine's read buffer, allocated with content_header bytes in front and set up as
    // content{{1}, nullptr, nullptr}); takes one more reference on c.
    void init_slice(content* c, void* p, std::size_t n) noexcept
    {
        c->refs.fetch_add(1, std::memory_order_relaxed);
        flags_ = 0;
        kind_ = kind_shared;
        ext_ = {p, n, c};
    }
    // release(c, data): drops one reference on a content block; the last one calls its free
    // function (if any) with data, the user's buffer, and frees the block.
    static void release(content* c, void* data = nullptr) noexcept;
    void close() noexcept;
    // copy_from(src): this (already closed or empty) shares src's content.
    void copy_from(const msg& src) noexcept;
    // move_from(src): this takes src's content, src becomes empty.
    void move_from(msg& src) noexcept
    {
        std::memcpy(static_cast<void*>(this), &src, sizeof(msg));
        src.set_empty();
    }

    unsigned char* data() noexcept
    {
        return kind_ == kind_inline ? inline_ : static_cast<unsigned char*>(ext_.data);
    }
    const unsigned char* data() const noexcept { return const_cast<msg*>(this)->data(); }
    std::size_t size() const noexcept { return kind_ == kind_inline ? inline_size_ : ext_.size; }

    std::uint8_t flags() const noexcept { return flags_; }
    bool has_more() const noexcept { return (flags_ & more) != 0; }
    void set_more(bool on) noexcept { flags_ = on ? (flags_ | more) : (flags_ & ~more); }
    void set_flags(std::uint8_t f) noexcept { flags_ = f; }
    bool is_subscription() const noexcept { return (flags_ & (subscribe | cancel)) != 0; }

private:
    enum kind : std::uint8_t { kind_inline, kind_shared, kind_const };

    void set_empty() noexcept
    {
        kind_ = kind_inline;
        inline_size_ = 0;
        flags_ = 0;
    }

    struct external {
        void* data;
        std::size_t size;
        content* block; // null for kind_const
    };
    union {
        unsigned char inline_[max_inline];
        external ext_;
    };
    std::uint8_t inline_size_;
    std::uint8_t kind_;
    std::uint8_t flags_;
    std::uint8_t reserved_[5];
};

static_assert(sizeof(msg) == sizeof(zlink_msg_t), "msg must fill zlink_msg_t exactly");
static_assert(alignof(msg) <= alignof(zlink_msg_t), "zlink_msg_t must be aligned for msg");

inline msg& as_msg(zlink_msg_t* m) noexcept { return *reinterpret_cast<msg*>(m); }
inline const msg& as_msg(const zlink_msg_t* m) noexcept { return *reinterpret_cast<const msg*>(m); }

} // namespace zlink
