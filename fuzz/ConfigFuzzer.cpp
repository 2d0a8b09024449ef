//===--- ConfigFuzzer.cpp - async-lint fuzzing ----------------------------===//
//
// Feeds arbitrary bytes to clang-tidy's .clang-tidy parser, as the driver
// does for every configuration file it finds, and dumps what was accepted.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Contents(reinterpret_cast<const char *>(Data), Size);
  llvm::MemoryBufferRef Buffer(Contents, ".clang-tidy");
  llvm::ErrorOr<clang::tidy::ClangTidyOptions> Options =
      clang::tidy::parseConfiguration(Buffer);
  if (Options)
    (void)clang::tidy::configurationAsText(*Options);
  return 0;
}
