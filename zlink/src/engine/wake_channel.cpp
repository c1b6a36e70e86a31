// wake_channel: a lock-free wake list and an eventfd per io_context.
#include "wake_channel.hpp"

#include <cerrno>
#include <cstdint>
#include <sys/eventfd.h>
#include <system_error>
#include <unistd.h>

namespace zlink {

asio::execution_context::id wake_channel::id;

wake_channel::wake_channel(asio::io_context& io) : asio::execution_context::service(io), reader_(io)
{
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "eventfd");
    reader_.assign(fd);
    arm();
}

wake_channel::~wake_channel()
{
    // Wakes pushed between shutdown() and now still hold their owners.
    drop_queued();
}

void wake_channel::shutdown()
{
    drop_queued();
}

void wake_channel::push(node& n) noexcept
{
    node* head = head_.load(std::memory_order_relaxed);
    do {
        n.next_ = head;
    } while (!head_.compare_exchange_weak(head, &n, std::memory_order_release,
                                          std::memory_order_relaxed));
    if (head != nullptr)
        return; // the signal written for the node below is still unread and covers this one
    // Adds one to the counter; it cannot overflow (one per wake, read back to zero by each
    // delivery), and the reader's fd stays open as long as the channel.
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t rc = ::write(reader_.native_handle(), &one, sizeof one);
}

void wake_channel::arm()
{
    // A signal written while no read is queued is not lost: its edge re-enabled speculative
    // reads, so the reactor tries this read at once. The buffer is larger than the 8 bytes an
    // eventfd read returns, so each read is short and asio waits for the next edge before
    // reading again (no EAGAIN read per delivery).
    reader_.async_read_some(asio::buffer(counter_),
                            in_slot(slot_, [this](const asio::error_code& ec, std::size_t) {
                                if (ec)
                                    return; // the io_context is shutting down
                                run_queued();
                                arm();
                            }));
}

void wake_channel::run_queued() noexcept
{
    node* n = head_.exchange(nullptr, std::memory_order_acquire);
    node* oldest_first = nullptr;
    while (n != nullptr) {
        node* next = n->next_;
        n->next_ = oldest_first;
        oldest_first = n;
        n = next;
    }
    while (oldest_first != nullptr) {
        // Read before run(): once it started, the node may be queued again (or be gone).
        node* next = oldest_first->next_;
        oldest_first->run();
        oldest_first = next;
    }
}

void wake_channel::drop_queued() noexcept
{
    node* n = head_.exchange(nullptr, std::memory_order_acquire);
    while (n != nullptr) {
        node* next = n->next_;
        n->drop();
        n = next;
    }
}

} // namespace zlink
