//===--- SummaryReaderFuzzer.cpp - async-lint fuzzing ---------------------===//
//
// Feeds arbitrary bytes to the reader of whole-project summaries (files from
// other CI shards, the result cache and the editor's latest summaries), then
// links what it accepted and writes it back: what is accepted must link
// without crashing and survive a round trip unchanged.
//
//===----------------------------------------------------------------------===//

#include "utils/ProjectSummary.h"
#include <cstdint>
#include <cstdlib>

namespace utils = clang::tidy::async::utils;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  // The seeds carry this header.
  const utils::SummaryHeader Header{ASYNC_LINT_VERSION, "/project", "/project"};
  std::vector<utils::TUSummary> Summaries;
  std::string Error;
  if (!utils::readSummaries(Text, Header, Summaries, Error)) {
    // A rejection says why, and accepts nothing.
    if (Error.empty() || !Summaries.empty())
      abort();
    return 0;
  }
  std::string Written = utils::writeSummaries(Summaries, Header);
  std::vector<utils::TUSummary> Again;
  if (!utils::readSummaries(Written, Header, Again, Error) ||
      utils::writeSummaries(Again, Header) != Written)
    abort();
  utils::ProjectLink Link(std::move(Summaries));
  size_t Findings = 0;
  for (const utils::LinkedFinding &F : Link.findings()) {
    if (F.Message.empty() || F.Notes.empty())
      abort();
    ++Findings;
  }
  if (Link.blockingCount() > Link.functionCount())
    abort();
  (void)Findings;
  return 0;
}
