//===--- ProjectSummary.h - async-lint ------------------------------------===//
//
// Whole-project facts for async-blocking-call: per translation unit, which
// of its functions block (and how) and which calls its functions and
// coroutines make to functions whose blocking is decided elsewhere; a
// versioned text form of those summaries; and the link step that propagates
// "blocks" over the project's call graph and reports the calls from
// coroutines that block through another translation unit.
//
// The check fills a summary when a sink is installed (the driver's workers)
// and consults linked summaries when a source is installed (clangd). The
// clang-tidy plugin installs neither and behaves as a per-TU analysis.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_PROJECTSUMMARY_H
#define ASYNC_LINT_CHECKS_UTILS_PROJECTSUMMARY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// A place in a source file: its path and the byte offset in it.
struct SummaryLocation {
  std::string File;
  unsigned Offset = 0;
};

/// One call of a chain within one translation unit.
struct SummaryHop {
  SummaryLocation Site;
  /// The caller as notes name it ("'load_config'", "the lambda").
  std::string Caller;
  /// The function called, as notes name it ("'read_file'").
  std::string Callee;
};

/// A call to a function whose blocking is not known where the call is.
struct SummaryCall {
  /// The callee's USR.
  std::string USR;
  /// The callee as messages name it ("'load_config'").
  std::string Callee;
  SummaryLocation Site;
  /// The call is one of the implicit calls of a co_await or co_yield;
  /// Await is that expression as written.
  bool Implicit = false;
  std::string Await;
};

struct SummaryFunction {
  std::string USR;
  /// Where it is defined: a function of a header is defined in several TUs
  /// at the same place.
  SummaryLocation Where;
  /// As notes name it ("'load_config'", "the lambda").
  std::string Name;
  /// For a coroutine, as messages name it ("coroutine 'Session::run'");
  /// empty for a plain function.
  std::string Coroutine;
  /// It blocks only by waiting for a result one of its parameters refers
  /// to: whether a call blocks depends on the argument, which the link step
  /// does not see.
  bool WaitsOnParameter = false;
  /// When it blocks within its own translation unit: the chain down to the
  /// blocking call, and what that call is. A chain longer than
  /// MaxStoredHops keeps its first MaxStoredHops - 1 hops and its last one
  /// (what notes show), ChainLength saying how long it is.
  std::vector<SummaryHop> Chain;
  size_t ChainLength = 0;
  std::string Category;
  /// The blocking function as the last note names it, unqualified and
  /// qualified, and the advice that follows it ("; instead: ...").
  std::string EntryName;
  std::string QualifiedEntryName;
  std::string Advice;
  /// For a plain function that does not block in its translation unit: its
  /// calls to functions of the project. For a coroutine: its calls that did
  /// not block within the translation unit.
  std::vector<SummaryCall> Calls;

  bool isCoroutine() const { return !Coroutine.empty(); }
  bool blocksLocally() const { return !Chain.empty(); }
};

/// Hops of a chain kept in a summary: the notes show the first eight and
/// the last.
constexpr size_t MaxStoredHops = 10;

/// Keeps the hops of a chain of Length hops that a summary stores, given the
/// hop at each index.
template <typename HopAt>
void storeChain(SummaryFunction &F, size_t Length, HopAt Hop) {
  F.ChainLength = Length;
  F.Chain.clear();
  for (size_t I = 0; I < Length; ++I)
    if (Length <= MaxStoredHops || I + 1 < MaxStoredHops || I + 1 == Length)
      F.Chain.push_back(Hop(I));
}

struct TUSummary {
  /// The main file.
  std::string File;
  std::vector<SummaryFunction> Functions;
};

/// What a summary file says about who wrote it. A file written by another
/// version of async-lint, or for another project, is not used.
struct SummaryHeader {
  std::string ToolVersion;
  /// The project's identity (the source root, or the compile database's
  /// directory for the summaries clangd reads).
  std::string Project;
  /// Paths under Root are written relative to it; empty: all absolute.
  std::string Root;
};

/// The version of the text form; a reader accepts only its own.
constexpr unsigned SummaryFormatVersion = 1;

/// Writes summaries in the text form.
void writeSummaries(llvm::raw_ostream &OS,
                    llvm::ArrayRef<const TUSummary *> Summaries,
                    const SummaryHeader &Header);
std::string writeSummaries(llvm::ArrayRef<TUSummary> Summaries,
                           const SummaryHeader &Header);

/// Reads the text form into Summaries (appended). Returns false and sets
/// Error (one sentence: what is wrong, where) for a truncated, corrupt,
/// wrong-version or foreign file, leaving Summaries as it was. Expected's
/// Root resolves relative paths.
bool readSummaries(llvm::StringRef Text, const SummaryHeader &Expected,
                   std::vector<TUSummary> &Summaries, std::string &Error);

/// A finding of the link step, with the chain of notes across files.
struct LinkedFinding {
  SummaryLocation Where;
  std::string Message;
  std::vector<std::pair<SummaryLocation, std::string>> Notes;
};

/// The project's call graph over all summaries: which functions block,
/// through which calls. Building it is linear in the summaries' size; so is
/// findings().
class ProjectLink {
public:
  explicit ProjectLink(std::vector<TUSummary> Summaries);

  /// The calls from coroutines to functions that block through another
  /// translation unit, in the order of the summaries.
  std::vector<LinkedFinding> findings() const;

  /// The finding for a call from a coroutine (Coroutine names it as
  /// messages do) to the function with this USR, if calling it blocks.
  std::optional<LinkedFinding> findingFor(const SummaryCall &Call,
                                          llvm::StringRef Coroutine) const;

  size_t functionCount() const { return Functions.size(); }
  size_t blockingCount() const;

private:
  struct Via {
    /// The function called next, or -1 for a function that blocks within
    /// its own translation unit (or does not block: Call is null).
    int Target = -1;
    const SummaryCall *Call = nullptr;
    bool Blocks = false;
  };
  int lookup(llvm::StringRef USR) const;

  std::vector<TUSummary> Summaries;
  /// The first definition of each function.
  std::vector<const SummaryFunction *> Functions;
  llvm::StringMap<unsigned> Index;
  std::vector<Via> How;
};

/// Receives the summary of each translation unit the check analyses.
class SummarySink {
public:
  virtual ~SummarySink();
  virtual void add(TUSummary Summary) = 0;
};

/// Gives the linked summaries of the project a file belongs to, if any.
class SummarySource {
public:
  virtual ~SummarySource();
  virtual std::shared_ptr<const ProjectLink> forFile(llvm::StringRef File) = 0;
  /// Turns a location of the linked summaries into "path:line:col" for a
  /// note that cannot point into another file.
  virtual std::string describe(const SummaryLocation &Where) = 0;
};

/// Where the driver leaves the project's latest summaries for clangd, the
/// project being the one whose compile database is in DatabaseDirectory
/// (a real path): CacheDirectory/projects/<hash of it>/summaries.
std::string latestSummariesPath(llvm::StringRef CacheDirectory,
                                llvm::StringRef DatabaseDirectory);

/// The directory of the compile database clangd uses for File: the first
/// directory above it holding compile_commands.json, itself or in build/
/// (a real path); empty when there is none.
std::string findDatabaseDirectory(llvm::StringRef File);

/// Installed by the process before any analysis, for its whole life (or
/// until reset with nullptr); null by default.
void setSummarySink(SummarySink *Sink);
SummarySink *summarySink();
void setSummarySource(SummarySource *Source);
SummarySource *summarySource();

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_PROJECTSUMMARY_H
