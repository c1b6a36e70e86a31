// wake_channel: a lock-free wake list and a socket pair per io_context.
#include "wake_channel.hpp"

#include <cerrno>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>

namespace zlink {

asio::execution_context::id wake_channel::id;

wake_channel::wake_channel(asio::io_context& io) : asio::execution_context::service(io), reader_(io)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0)
        throw std::system_error(errno, std::generic_category(), "socketpair");
    writer_ = fds[1];
    reader_.assign(asio::generic::stream_protocol(AF_UNIX, SOCK_STREAM), fds[0]);
    arm();
}

wake_channel::~wake_channel()
{
    // Wakes pushed between shutdown() and now still hold their owners.
    drop_queued();
    ::close(writer_);
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
        return; // the byte written for the node below is still unread and covers this one
    // A full socket buffer (EAGAIN) means unread bytes, so the I/O thread wakes anyway.
    const unsigned char one = 1;
    [[maybe_unused]] ssize_t rc = ::send(writer_, &one, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
}

void wake_channel::arm()
{
    // A byte written while no read is queued is not lost: the reactor then tries the read at
    // once (its edge re-enabled speculative reads), so the wake is run by the next completion.
    reader_.async_read_some(asio::buffer(bytes_),
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
