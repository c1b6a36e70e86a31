// socket_factory: registration of the seven socket types.
#include "socket_factory.hpp"

#include "dealer.hpp"
#include "pair.hpp"
#include "pub.hpp"
#include "router.hpp"
#include "sub.hpp"
#include "zlink.h"

namespace zlink {

socket_base* make_socket(ctx& c, int type)
{
    switch (type) {
    case ZLINK_PAIR: return new pair_socket(c);
    case ZLINK_PUB: return new pub_socket(c);
    case ZLINK_SUB: return new sub_socket(c);
    case ZLINK_XPUB: return new xpub_socket(c);
    case ZLINK_XSUB: return new xsub_socket(c);
    case ZLINK_DEALER: return new dealer_socket(c);
    case ZLINK_ROUTER: return new router_socket(c);
    default: return nullptr;
    }
}

} // namespace zlink
