// SUB: subscription options on top of XSUB.
#include "sub.hpp"

#include <cerrno>
#include <string_view>

#include "zlink.h"

namespace zlink {

sub_socket::sub_socket(ctx& c) : xsub_socket(c, ZLINK_SUB) { filter_ = true; }

int sub_socket::xsetsockopt(int option, const void* value, std::size_t len)
{
    if (option != ZLINK_SUBSCRIBE && option != ZLINK_UNSUBSCRIBE)
        return -2;
    if (value == nullptr && len != 0)
        return EINVAL;
    subscribe(std::string_view(static_cast<const char*>(value), len), option == ZLINK_SUBSCRIBE);
    return 0;
}

} // namespace zlink
