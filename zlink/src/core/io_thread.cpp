// io_thread: owns the I/O thread and its event loop.
#include "io_thread.hpp"

#include "../engine/wake_channel.hpp"

namespace zlink {

io_thread::io_thread() : guard_(asio::make_work_guard(io_))
{
    // Made before any engine or connecter asks for it, so no two threads race to create it
    // (asio would discard one of two copies made at once, with its read already started).
    asio::use_service<wake_channel>(io_);
    thread_ = std::thread([this] { io_.run(); });
}

io_thread::~io_thread()
{
    guard_.reset();
    io_.stop();
    thread_.join();
}

} // namespace zlink
