// PAIR: a second connection is refused while the first one lives.
#include "pair.hpp"

#include "zlink.h"

namespace zlink {

pair_socket::pair_socket(ctx& c) : socket_base(c, ZLINK_PAIR) {}

int pair_socket::xsend(msg& m) { return lb_.send(m); }

int pair_socket::xrecv(msg& m)
{
    peer* from;
    peer* ended;
    if (fq_.recv(m, from, ended))
        return 0;
    if (ended != nullptr)
        remove(ended);
    return EAGAIN;
}

bool pair_socket::xattach(peer* p)
{
    if (peer_ != nullptr)
        return false;
    peer_ = p;
    fq_.add(p);
    lb_.add(p);
    return true;
}

void pair_socket::xdetach(peer* p)
{
    if (p != peer_)
        return;
    fq_.remove(p);
    lb_.remove(p);
    peer_ = nullptr;
}

} // namespace zlink
