// PUB: an XPUB whose subscriptions stay internal; recv is not supported.
#pragma once

#include "xpub.hpp"

namespace zlink {

class pub_socket final : public xpub_socket {
public:
    explicit pub_socket(ctx& c);
};

} // namespace zlink
