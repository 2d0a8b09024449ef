// A header included as a system header that itself drops a task: findings in
// system headers are not the user's to fix.
#pragma once
#include "cppcoro_task.h"

namespace legacy {
cppcoro::task<> flush();
inline void shutdown() { flush(); }
} // namespace legacy
