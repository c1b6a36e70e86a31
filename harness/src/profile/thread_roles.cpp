// Thread-role rules (see thread_roles.hpp). The main thread keeps its role only while it has
// no zb-* name: it becomes the pinger during the latency phase.
#include "profile/thread_roles.hpp"

namespace zbench::profile {

ThreadRole classify_thread(std::string_view comm, int pid, int tid) {
  if (comm == "zb-send") return ThreadRole::sender;
  if (comm == "zb-recv") return ThreadRole::receiver;
  if (comm == "zb-ping") return ThreadRole::pinger;
  if (comm == "zb-echo") return ThreadRole::echo;
  if (comm.starts_with("ZMQbg/IO")) return ThreadRole::io;
  if (comm.starts_with("ZMQbg/")) return ThreadRole::other;  // libzmq's reaper
  if (pid == tid) return ThreadRole::main;
  return ThreadRole::io;
}

std::string_view to_string(ThreadRole role) {
  switch (role) {
    case ThreadRole::sender: return "sender";
    case ThreadRole::receiver: return "receiver";
    case ThreadRole::pinger: return "pinger";
    case ThreadRole::echo: return "echo";
    case ThreadRole::io: return "io";
    case ThreadRole::main: return "main";
    case ThreadRole::other: return "other";
  }
  return "other";
}

const std::vector<ThreadRole>& all_roles() {
  static const std::vector<ThreadRole> roles{ThreadRole::sender, ThreadRole::receiver,
                                             ThreadRole::pinger, ThreadRole::echo,
                                             ThreadRole::io,     ThreadRole::main,
                                             ThreadRole::other};
  return roles;
}

}  // namespace zbench::profile
