//===--- Summaries.h - async-lint driver ----------------------------------===//
//
// Whole-project analysis in the driver: the summaries workers record and the
// result cache keeps, the link step over them, --shard, --summaries-out and
// `async-lint link`, and the project's latest summaries that
// async-lint-clangd reads. The data model, the text form and the link step
// itself are in checks/utils/ProjectSummary.h.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_SUMMARIES_H
#define ASYNC_LINT_DRIVER_SUMMARIES_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "utils/ProjectSummary.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

using clang::tidy::async::utils::TUSummary;

/// The summaries of the TU a worker analyses: installed as the check's sink.
class SummaryCollector : public clang::tidy::async::utils::SummarySink {
public:
  void add(TUSummary Summary) override {
    Summaries.push_back(std::move(Summary));
  }
  std::vector<TUSummary> Summaries;
};

/// Whether workers record summaries (on unless the hidden --no-summaries,
/// which the benchmarks use to measure what summaries cost, turns it off).
bool summariesEnabled();
void disableSummaries();

/// The form a worker writes and the result cache keeps (absolute paths).
std::string workerSummaryText(llvm::ArrayRef<TUSummary> Summaries);

/// Reads that form into Out as the summary of File (appended); false when
/// it is not readable (the TU is then analysed again).
bool readWorkerSummary(llvm::StringRef Text, llvm::StringRef File,
                       std::vector<TUSummary> &Out);

/// --shard=I/N: the I-th of N parts of the TUs (1 <= I <= N).
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;
};

/// The shard a --shard value names, or an error message.
llvm::Expected<Shard> parseShard(llvm::StringRef Value);

/// Whether File belongs to the shard: by a hash of its path relative to
/// Root, so that the split is the same on every machine and stays balanced
/// as files come and go.
bool inShard(llvm::StringRef File, const Shard &S, llvm::StringRef Root);

/// Why Dir cannot take --summaries-out (a symlink, not a directory, cannot
/// be created or written), or nothing; creates it when missing.
std::optional<std::string> checkSummariesDirectory(llvm::StringRef Dir);

/// Writes each TU's summary to Dir/<hash of its path>.summary, atomically:
/// runs writing into the same directory at once leave whole files.
llvm::Error writeSummariesDirectory(llvm::StringRef Dir,
                                    llvm::ArrayRef<TUSummary> Summaries,
                                    llvm::StringRef Root);

/// `async-lint link PATH...`: the summaries in the directories' *.summary
/// files (and in files named directly). A file that is truncated, corrupt,
/// of another async-lint version or of another project (Root) is ignored
/// with one warning naming it (Ignored); a PATH that does not exist is an
/// error (Fail); a directory without summaries (a shard that got no file)
/// is said (Notice). The first summary of a TU counts.
std::vector<TUSummary>
readSummaryPaths(llvm::ArrayRef<std::string> Paths, llvm::StringRef Root,
                 llvm::function_ref<void(const llvm::Twine &)> Ignored,
                 llvm::function_ref<void(const llvm::Twine &)> Fail,
                 llvm::function_ref<void(const llvm::Twine &)> Notice);

/// What the link step did, for --verbose and the benchmarks.
struct LinkStatistics {
  size_t TranslationUnits = 0;
  size_t Functions = 0;
  size_t Blocking = 0;
  size_t Findings = 0;
  double Seconds = 0;
};

/// The link step: the calls from coroutines that block through another TU,
/// as diagnostics of async-blocking-call (no fix). A call silenced by a
/// no-lint comment naming the check or no check (on its line, or the
/// next-line form on the line before) is not reported.
std::vector<clang::tidy::ClangTidyError>
linkSummaries(std::vector<TUSummary> Summaries, llvm::StringRef Root,
              LinkStatistics *Statistics = nullptr);

/// The directory of the compile database the run uses (as clangd would
/// find it for the same files), or empty.
std::string databaseDirectory(llvm::StringRef BuildPath,
                              llvm::StringRef FirstSource);

/// Replaces, in the project's latest summaries (CacheDirectory, see
/// utils::latestSummariesPath), the TUs this run analysed.
void updateLatestSummaries(llvm::StringRef CacheDirectory,
                           llvm::StringRef DatabaseDirectory,
                           llvm::ArrayRef<TUSummary> Summaries);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_SUMMARIES_H
