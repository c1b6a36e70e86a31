// socket_factory: the one place that maps a ZLINK_* socket type number to its class.
#pragma once

namespace zlink {

class ctx;
class socket_base;

// make_socket(c, type): a new socket of that type, or nullptr for an unknown type.
socket_base* make_socket(ctx& c, int type);

} // namespace zlink
