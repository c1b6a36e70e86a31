// io_thread: owns the I/O thread and its event loop.
#include "io_thread.hpp"

namespace zlink {

io_thread::io_thread() : guard_(asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}

io_thread::~io_thread()
{
    guard_.reset();
    io_.stop();
    thread_.join();
}

} // namespace zlink
