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
