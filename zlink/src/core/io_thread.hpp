// io_thread: one OS thread running an asio::io_context; stream engines, listeners and
// connecters live on it. The work guard keeps it alive while it has nothing to do.
#pragma once

#include <thread>

#include "asio_config.hpp"

namespace zlink {

class io_thread {
public:
    io_thread();
    ~io_thread(); // stops the context and joins the thread
    io_thread(const io_thread&) = delete;
    io_thread& operator=(const io_thread&) = delete;

    asio::io_context& context() noexcept { return io_; }

private:
    asio::io_context io_{1};
    asio::executor_work_guard<asio::io_context::executor_type> guard_;
    std::thread thread_;
};

} // namespace zlink
