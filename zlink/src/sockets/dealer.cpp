// DEALER: load-balance out, fair-queue in.
#include "dealer.hpp"

#include "zlink.h"

namespace zlink {

dealer_socket::dealer_socket(ctx& c) : socket_base(c, ZLINK_DEALER) {}

int dealer_socket::xrecv(msg& m)
{
    peer* from;
    peer* ended;
    // Bounded: each round either delivers, reports empty, or removes one ended peer.
    for (std::size_t round = peers_.size() + 1; round > 0; --round) {
        if (fq_.recv(m, from, ended))
            return 0;
        if (ended == nullptr)
            break;
        remove(ended);
    }
    return EAGAIN;
}

bool dealer_socket::xattach(peer* p)
{
    fq_.add(p);
    lb_.add(p);
    return true;
}

void dealer_socket::xdetach(peer* p)
{
    fq_.remove(p);
    lb_.remove(p);
}

} // namespace zlink
