// api_guard: the C API's exception boundary. An exception must never unwind into the C
// caller (that ends the process), so every entry point that may allocate or start a thread
// runs its body through guarded(): std::bad_alloc becomes ENOMEM, a std::system_error (a
// thread, descriptor or event loop the OS refused; asio's errors are std::system_error too)
// becomes its errno (EIO when it carries no OS code), and the call returns its failure value.
#pragma once

#include <cerrno>
#include <new>
#include <system_error>
#include <utility>

namespace zlink {

template <class Result, class Body>
Result guarded(Result failure, Body&& body) noexcept
{
    try {
        return std::forward<Body>(body)();
    } catch (const std::bad_alloc&) {
        errno = ENOMEM;
    } catch (const std::system_error& e) {
        // Only an operating-system code is an errno; asio's own categories (eof, not_found
        // ...) number their values differently.
        const std::error_code& code = e.code();
        const bool os_code =
            code.category() == std::generic_category() || code.category() == std::system_category();
        errno = os_code && code.value() != 0 ? code.value() : EIO;
    } catch (...) {
        // Nothing else is thrown on these paths today; should it ever be, the caller still
        // gets an error instead of a terminated process.
        errno = EIO;
    }
    return failure;
}

} // namespace zlink
