//===--- BlockingDatabaseFuzzer.cpp - async-lint fuzzing ------------------===//
//
// Feeds arbitrary bytes to the blocking-call database's YAML parser. A
// malformed file must give an error naming file:line:col, never a crash.
//
//===----------------------------------------------------------------------===//

#include "utils/BlockingCallDatabase.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <cstdint>
#include <cstdlib>
#include <string>

using clang::tidy::async::utils::BlockingCallDatabase;

// With ASYNC_LINT_FUZZ_SKIP_UNREADABLE_DOCUMENT set, inputs that hold no
// top-level document YAML I/O can read ("&a", an unterminated quote, invalid
// UTF-8 before the first key) are skipped. addYAML() used to crash on them
// (docs/bad-inputs.md); they are located errors now, and skipping them lets
// a long run look past a regression there. Unset (the default), they are
// fuzzed like any other input.
static bool unreadableDocument(llvm::StringRef Contents) {
  llvm::yaml::Input In(
      llvm::MemoryBufferRef(Contents, "fuzz.yaml"), nullptr,
      [](const llvm::SMDiagnostic &, void *) {}, nullptr);
  // No document (only a null node, e.g. "~"), or one that does not parse.
  return !In.setCurrentDocument() || In.error();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Contents(reinterpret_cast<const char *>(Data), Size);
  static const bool SkipUnreadable =
      getenv("ASYNC_LINT_FUZZ_SKIP_UNREADABLE_DOCUMENT") != nullptr;
  if (SkipUnreadable && unreadableDocument(Contents))
    return 0;
  BlockingCallDatabase Database;
  std::string Error;
  bool Ok = Database.addYAML(Contents, "fuzz.yaml", Error);
  // A failure always says where and what.
  if (!Ok && !llvm::StringRef(Error).starts_with("fuzz.yaml:"))
    abort();
  if (Ok && !Error.empty())
    abort();
  return 0;
}
