//===--- AwaitableRulesFuzzer.cpp - async-lint fuzzing --------------------===//
//
// Feeds arbitrary bytes to the reader of awaitable-rules files (option
// RuleFiles of async-unawaited-coroutine). A malformed file must give an
// error naming file:line:col, never a crash.
//
//===----------------------------------------------------------------------===//

#include "utils/AwaitableRules.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <cstdlib>
#include <string>

using clang::tidy::async::utils::AwaitableRules;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Contents(reinterpret_cast<const char *>(Data), Size);
  // The built-in rules are read once; the input is added on top of them.
  static const AwaitableRules Builtin;
  AwaitableRules Rules = Builtin;
  std::string Error;
  bool Ok = Rules.addYAML(Contents, "fuzz.yaml", Error);
  if (!Ok && !llvm::StringRef(Error).starts_with("fuzz.yaml:"))
    abort();
  if (Ok && !Error.empty())
    abort();
  return 0;
}
