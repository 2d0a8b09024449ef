//===--- Workers.h - async-lint driver ------------------------------------===//
//
// Translation units analysed in worker processes, -j at a time: a crash or a
// hang in one TU loses that TU, not the run.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_WORKERS_H
#define ASYNC_LINT_DRIVER_WORKERS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

struct WorkerResult {
  bool Ok = false;
  std::string Failure;
  std::string Results;
  std::vector<std::string> Dependencies;
  /// The TU's whole-project summary (Summaries.h), empty if none.
  std::string Summary;
};

/// How a worker is started: Executable Arguments... --internal-worker-output=
/// OUT FILE [-- FixedArgs...].
struct WorkerLaunch {
  std::string Executable;
  std::vector<std::string> Arguments;
  std::optional<std::vector<std::string>> FixedArgs;
  /// Arguments for one TU, given after Arguments (a shared preamble).
  std::function<std::vector<std::string>(size_t)> ArgumentsFor;
  unsigned Parallel = 1;
  /// A worker running longer is stopped and its TU reported as failed; 0:
  /// no limit.
  unsigned TimeoutSeconds = 0;
  bool ShowProgress = false;
};

/// Runs the TUs at Indices in worker processes and hands each result to Done,
/// in the order of Indices whichever ends first. When an interrupt is caught it
/// stops early: the running workers are terminated, their temporary files
/// removed, and the TUs not finished yet are not handed to Done.
void runWorkers(const WorkerLaunch &Launch, llvm::ArrayRef<std::string> Files,
                llvm::ArrayRef<size_t> Indices,
                llvm::function_ref<void(size_t, const WorkerResult &)> Done);

/// From now on SIGINT, SIGTERM and SIGHUP set a flag (see interrupted())
/// instead of killing the process, once: a second one kills it.
void catchInterrupts();

/// Whether catchInterrupts() caught a signal: the run should stop without
/// writing anything more.
bool interrupted();

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_WORKERS_H
