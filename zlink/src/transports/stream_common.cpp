// stream_common: engine-context capture and error mapping.
#include "stream_common.hpp"

#include <cerrno>

#include "../core/ctx.hpp"
#include "../core/socket_base.hpp"
#include "zlink.h"

namespace zlink {

engine_context capture_engine_context(socket_base& s, std::uint64_t origin, bool connecting)
{
    engine_context ec{&s.context(), s.mbox(), s.sig(), s.opts(), s.own_id(), {}, origin};
    if (connecting)
        ec.peer_id_override = s.opts().connect_routing_id;
    return ec;
}

bool queues_before_connect(const options& o)
{
    return o.immediate == 0 && o.type != ZLINK_ROUTER;
}

int to_errno(const asio::error_code& ec)
{
    if (ec.category() == asio::system_category())
        return ec.value();
    if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again)
        return EINVAL;
    return EINVAL;
}

} // namespace zlink
