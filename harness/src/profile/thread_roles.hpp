// Which part of the benchmark a sampled thread plays, from its name: the worker names its own
// threads (zb-send, zb-recv, zb-ping, zb-echo); libzmq names its I/O threads ZMQbg/IO/<n>;
// zlink's I/O threads are unnamed, so any other non-main thread counts as I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zbench::profile {

enum class ThreadRole { sender, receiver, pinger, echo, io, main, other };

ThreadRole classify_thread(std::string_view comm, int pid, int tid);
std::string_view to_string(ThreadRole role);
const std::vector<ThreadRole>& all_roles();

}  // namespace zbench::profile
