//===--- BlockingDatabaseFuzzer.cpp - async-lint fuzzing ------------------===//
//
// Feeds arbitrary bytes to the blocking-call database's YAML parser. A
// malformed file must give an error naming file:line:col, never a crash.
//
//===----------------------------------------------------------------------===//

#include "utils/BlockingCallDatabase.h"
#include <cstdint>
#include <cstdlib>
#include <string>

using clang::tidy::async::utils::BlockingCallDatabase;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Contents(reinterpret_cast<const char *>(Data), Size);
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
