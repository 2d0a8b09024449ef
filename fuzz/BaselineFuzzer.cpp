//===--- BaselineFuzzer.cpp - async-lint fuzzing --------------------------===//
//
// Feeds arbitrary bytes to the baseline reader (--baseline=FILE). The reader
// takes a path, so each input is written to a scratch file first.
//
//===----------------------------------------------------------------------===//

#include "Findings.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstdlib>
#include <string>

static const std::string &scratchPath() {
  static const std::string Path = [] {
    llvm::SmallString<128> Dir("/dev/shm");
    if (!llvm::sys::fs::is_directory(Dir))
      llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Dir);
    llvm::sys::path::append(
        Dir, "async-lint-baseline-fuzz-" +
                 std::to_string(llvm::sys::Process::getProcessId()) + ".json");
    return std::string(Dir);
  }();
  return Path;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const std::string &Path = scratchPath();
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    if (EC)
      abort();
    OS.write(reinterpret_cast<const char *>(Data), Size);
  }
  llvm::Expected<asynclint::Baseline> Read = asynclint::Baseline::read(Path);
  if (!Read) {
    std::string Message = llvm::toString(Read.takeError());
    if (Message.find("baseline '") == std::string::npos)
      abort();
    return 0;
  }
  asynclint::Finding F;
  F.Fingerprint = "0123456789abcdef";
  (void)Read->consume(F);
  return 0;
}
