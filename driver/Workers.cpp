//===--- Workers.cpp - async-lint driver ----------------------------------===//

#include "Workers.h"
#include "ResultCache.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <thread>
#ifndef _WIN32
#include <signal.h>
#endif

using namespace llvm;

namespace asynclint {

namespace {
std::atomic<bool> Interrupted{false};

void onInterrupt() { Interrupted.store(true); }

/// Stops a worker and waits for it, so that it writes nothing more.
void stopWorker(const sys::ProcessInfo &Process) {
#ifndef _WIN32
  // SIGTERM first: the worker dies at once, without a crash report.
  ::kill(Process.Pid, SIGTERM);
#endif
  // Killed outright if still running after the timeout.
  (void)sys::Wait(Process, /*SecondsToWait=*/2);
}
} // namespace

void catchInterrupts() { sys::SetInterruptFunction(onInterrupt); }

bool interrupted() { return Interrupted.load(); }

/// Runs the TUs at Indices in worker processes, -j at a time, and hands each
/// result to Done in the order of Indices.
void runWorkers(const WorkerLaunch &How, ArrayRef<std::string> Files,
                ArrayRef<size_t> Indices,
                function_ref<void(size_t, const WorkerResult &)> Done) {
  if (Indices.empty() || interrupted())
    return;
  SmallString<128> TempDir;
  if (sys::fs::createUniqueDirectory("async-lint", TempDir)) {
    for (size_t I : Indices)
      Done(I, WorkerResult{
                  false, "cannot create a temporary directory", {}, {}, {}});
    return;
  }
  // Results are handed on in the order of Indices, whichever worker ends
  // first: a header's finding, reported once, then comes from the same TU
  // in every run.
  std::map<size_t, size_t> Position;
  for (size_t K = 0; K < Indices.size(); ++K)
    Position.emplace(Indices[K], K);
  std::vector<std::optional<WorkerResult>> Arrived(Indices.size());
  size_t Next = 0;
  auto Deliver = [&](size_t I, WorkerResult Result) {
    Arrived[Position[I]] = std::move(Result);
    for (; Next < Arrived.size() && Arrived[Next]; ++Next) {
      Done(Indices[Next], *Arrived[Next]);
      Arrived[Next].reset();
    }
  };
  unsigned Parallel = std::max(1u, How.Parallel);
  bool ShowProgress = How.ShowProgress;
  auto Start = std::chrono::steady_clock::now();

  struct Running {
    size_t Index;
    sys::ProcessInfo Process;
    std::string Output;
    std::string Log;
    std::chrono::steady_clock::time_point Started;
  };
  std::deque<size_t> Pending(Indices.begin(), Indices.end());
  std::vector<Running> Active;
  size_t Finished = 0;
  auto Launch = [&](size_t I) {
    SmallString<256> Output(TempDir);
    sys::path::append(Output, std::to_string(I) + ".yaml");
    std::vector<std::string> Args{How.Executable};
    Args.insert(Args.end(), How.Arguments.begin(), How.Arguments.end());
    if (How.ArgumentsFor)
      for (std::string &Arg : How.ArgumentsFor(I))
        Args.push_back(std::move(Arg));
    Args.push_back("--internal-worker-output=" + std::string(Output));
    Args.push_back(Files[I]);
    if (How.FixedArgs) {
      Args.push_back("--");
      Args.insert(Args.end(), How.FixedArgs->begin(), How.FixedArgs->end());
    }
    std::string Log = std::string(Output) + ".log";
    SmallVector<StringRef, 32> ArgRefs(Args.begin(), Args.end());
    std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(Log),
                                            StringRef(Log)};
    std::string Error;
    bool Failed = false;
    sys::ProcessInfo PI = sys::ExecuteNoWait(
        How.Executable, ArgRefs, std::nullopt, Redirects, 0, &Error, &Failed);
    if (Failed) {
      Deliver(I, WorkerResult{
                     false, "cannot start a worker: " + Error, {}, {}, {}});
      ++Finished;
      return;
    }
    Active.push_back(Running{I, PI, std::string(Output), Log,
                             std::chrono::steady_clock::now()});
  };
  auto Collect = [&](const Running &R, const sys::ProcessInfo &Status) {
    WorkerResult Result;
    auto Results = MemoryBuffer::getFile(R.Output);
    if (Status.ReturnCode == 0 && Results) {
      Result.Ok = true;
      Result.Results = (*Results)->getBuffer().str();
      if (auto Deps = MemoryBuffer::getFile(R.Output + ".d"))
        Result.Dependencies =
            ResultCache::parseDependencyFile((*Deps)->getBuffer());
      if (auto Summary = MemoryBuffer::getFile(R.Output + ".summary"))
        Result.Summary = (*Summary)->getBuffer().str();
    } else {
      auto Log = MemoryBuffer::getFile(R.Log);
      StringRef LogText = Log ? (*Log)->getBuffer().trim() : "";
      Result.Failure = Status.ReturnCode < 0
                           ? "the analyzer crashed"
                           : "the analyzer exited with status " +
                                 std::to_string(Status.ReturnCode);
      // What the analyzer said, without stack frames: where it was is what
      // a bug report needs first.
      SmallVector<StringRef, 16> Lines;
      LogText.split(Lines, '\n');
      unsigned Shown = 0;
      for (StringRef Line : Lines) {
        if (Line.ltrim().starts_with("#") || Line.trim().empty() || Shown == 6)
          continue;
        Result.Failure += "\n  " + Line.trim().str();
        ++Shown;
      }
    }
    Deliver(R.Index, std::move(Result));
    ++Finished;
    if (ShowProgress) {
      auto Seconds = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::steady_clock::now() - Start)
                         .count();
      errs() << "\r\x1b[K[" << Finished << "/" << Indices.size() << ", "
             << Seconds << "s] " << sys::path::filename(Files[R.Index]);
    }
  };
  while (!Pending.empty() || !Active.empty()) {
    if (interrupted()) {
      // Ctrl-C: nothing more is reported; the workers' partial outputs go
      // with the temporary directory.
      for (const Running &R : Active)
        stopWorker(R.Process);
      break;
    }
    while (!Pending.empty() && Active.size() < Parallel) {
      Launch(Pending.front());
      Pending.pop_front();
    }
    bool Progressed = false;
    for (size_t K = 0; K < Active.size();) {
      sys::ProcessInfo Status =
          sys::Wait(Active[K].Process, 0, nullptr, nullptr, /*Polling=*/true);
      if (Status.Pid == 0) { // Still running.
        if (How.TimeoutSeconds &&
            std::chrono::steady_clock::now() - Active[K].Started >
                std::chrono::seconds(How.TimeoutSeconds)) {
          // A TU that never finishes (an #include of a FIFO, a pathological
          // template) loses that TU, not the run.
          stopWorker(Active[K].Process);
          Deliver(Active[K].Index,
                  WorkerResult{false,
                               "timed out after " +
                                   std::to_string(How.TimeoutSeconds) +
                                   " s (--timeout)",
                               {},
                               {},
                               {}});
          ++Finished;
          Active.erase(Active.begin() + K);
          Progressed = true;
          continue;
        }
        ++K;
        continue;
      }
      // After an interrupt, results that arrive are not reported either.
      if (!interrupted())
        Collect(Active[K], Status);
      Active.erase(Active.begin() + K);
      Progressed = true;
    }
    if (!Progressed && !Active.empty())
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (ShowProgress)
    errs() << "\r\x1b[K";
  (void)sys::fs::remove_directories(TempDir);
}

} // namespace asynclint
