//===--- TaskHandoffFuzzer.cpp - async-lint fuzzing -----------------------===//
//
// Feeds arbitrary bytes to the reader of task-handoff files (the format of
// checks/data/task-handoffs.yaml). A malformed file must give an error
// naming file:line:col, never a crash.
//
//===----------------------------------------------------------------------===//

#include "utils/TaskHandoffDatabase.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <cstdlib>
#include <string>

using clang::tidy::async::utils::TaskHandoffDatabase;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Contents(reinterpret_cast<const char *>(Data), Size);
  TaskHandoffDatabase Database;
  std::string Error;
  bool Ok = Database.addYAML(Contents, "fuzz.yaml", Error);
  if (!Ok && !llvm::StringRef(Error).starts_with("fuzz.yaml:"))
    abort();
  if (Ok && !Error.empty())
    abort();
  return 0;
}
