// mailbox: a locked command queue that wakes its socket through the signaler.
#include "mailbox.hpp"

namespace zlink {

void mailbox::post(command cmd)
{
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            return;
        queue_.push_back(std::move(cmd));
    }
    sig_->wake();
}

std::vector<mailbox::command> mailbox::take()
{
    std::vector<command> out;
    std::lock_guard lock(mutex_);
    out.swap(queue_);
    return out;
}

std::vector<mailbox::command> mailbox::close()
{
    std::vector<command> out;
    std::lock_guard lock(mutex_);
    closed_ = true;
    out.swap(queue_);
    return out;
}

} // namespace zlink
