// msg: initialisation and release of inline, shared (reference-counted) and constant
// message bodies. Content blocks come from the hot-path allocator (allocator.hpp).
#include "msg.hpp"

#include <new>

#include "allocator.hpp"

namespace zlink {

bool msg::init_size(std::size_t n) noexcept
{
    flags_ = 0;
    if (n <= max_inline) {
        kind_ = kind_inline;
        inline_size_ = static_cast<std::uint8_t>(n);
        return true;
    }
    void* block = alloc(content_header + n);
    if (block == nullptr) {
        set_empty();
        return false;
    }
    auto* c = new (block) content{{1}, nullptr, nullptr};
    kind_ = kind_shared;
    ext_ = {static_cast<unsigned char*>(block) + content_header, n, c};
    return true;
}

bool msg::init_data(void* data, std::size_t n, zlink_free_fn* ffn, void* hint) noexcept
{
    flags_ = 0;
    if (ffn == nullptr) {
        kind_ = kind_const;
        ext_ = {data, n, nullptr};
        return true;
    }
    void* block = alloc(sizeof(content));
    if (block == nullptr) {
        set_empty();
        return false;
    }
    auto* c = new (block) content{{1}, ffn, hint};
    kind_ = kind_shared;
    ext_ = {data, n, c};
    return true;
}

bool msg::init_buffer(const void* p, std::size_t n) noexcept
{
    if (!init_size(n))
        return false;
    if (n != 0)
        std::memcpy(data(), p, n);
    return true;
}

void msg::release(content* c, void* data) noexcept
{
    // A sole owner skips the atomic read-modify-write: nobody else can race with it.
    if (c->refs.load(std::memory_order_acquire) == 1 ||
        c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        if (c->ffn != nullptr)
            c->ffn(data, c->hint);
        c->~content();
        dealloc(c);
    }
}

void msg::close() noexcept
{
    if (kind_ == kind_shared)
        release(ext_.block, ext_.data);
    set_empty();
}

void msg::copy_from(const msg& src) noexcept
{
    std::memcpy(static_cast<void*>(this), &src, sizeof(msg));
    if (kind_ == kind_shared)
        ext_.block->refs.fetch_add(1, std::memory_order_relaxed);
}

} // namespace zlink
