// Names the worker's threads ("zb-send", "zb-recv", "zb-ping", "zb-echo") so profiles can tell
// the application's sender and receiver from the libraries' I/O threads.
#pragma once

#include <pthread.h>

namespace zbench {

inline void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

}  // namespace zbench
