// PUB: see pub.hpp.
#include "pub.hpp"

#include "zlink.h"

namespace zlink {

pub_socket::pub_socket(ctx& c) : xpub_socket(c, ZLINK_PUB) { deliver_ = false; }

} // namespace zlink
