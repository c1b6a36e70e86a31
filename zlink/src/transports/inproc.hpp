// inproc: the in-process transport. Two sockets' pipes are joined directly (no I/O thread,
// no wire format); binding and connecting may happen in either order.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "../core/mailbox.hpp"

namespace zlink {

class socket_base;
class endpoint_handle;

// Pipes made by a connect that came before its bind, waiting for the binder.
struct early_pipes;

namespace limits {
// Payload bytes an inproc pipe holds unread before a sender that waits at a full pipe (every
// type but PUB/XPUB) waits here too, on top of the HWM's message count. At the default HWMs a
// pipe of 64 KiB bodies would otherwise hold 2000 x 64 KiB = 125 MiB: measured with glibc, the
// sender's thread arena then keeps mapping and unmapping a third 64 MiB heap and re-faulting
// its pages (0.59-0.67 of libzmq's throughput at 64 KiB, peak RSS up to 1.8x; zlink/README.md).
// A PUB is not bounded by bytes: it drops at a full pipe, so a byte cap would turn into drops
// (its delivered rate fell to 0.2-0.7 of libzmq's with one).
inline constexpr std::uint64_t max_queued_inproc_bytes = std::uint64_t{64} << 20;
} // namespace limits

class inproc_registry {
public:
    // What a join needs to know about a socket, captured in its own thread.
    struct side {
        socket_base* socket;
        mailbox_ptr mbox;
        std::shared_ptr<signaler> sig;
        int type;
        std::string own_id;
        std::string connect_routing_id;
        int sndhwm;
        int rcvhwm;
        std::uint64_t origin;
        std::shared_ptr<early_pipes> early; // pending connects only
    };

    // bind/connect: 0 or an errno (EADDRINUSE, ENOCOMPATPROTO); called in s's thread.
    int bind(const std::string& name, socket_base& s, std::uint64_t origin,
             std::shared_ptr<endpoint_handle>& handle);
    int connect(const std::string& name, socket_base& s, std::uint64_t origin,
                std::shared_ptr<endpoint_handle>& handle);
    // forget(name, s, origin): s's binding or pending connect on name ends.
    void forget(const std::string& name, socket_base* s, std::uint64_t origin);

private:
    static side capture(socket_base& s, std::uint64_t origin);

    std::mutex mutex_;
    std::map<std::string, side> bound_;
    std::multimap<std::string, side> pending_;
};

} // namespace zlink
