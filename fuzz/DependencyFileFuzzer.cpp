//===--- DependencyFileFuzzer.cpp - async-lint fuzzing --------------------===//
//
// Feeds arbitrary bytes to the make-style dependency-file parser that the
// result cache uses to learn which files a TU read.
//
//===----------------------------------------------------------------------===//

#include "ResultCache.h"
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<std::string> Files =
      asynclint::ResultCache::parseDependencyFile(Text);
  size_t Total = 0;
  for (const std::string &File : Files) {
    // Names are never empty, and together never longer than the input.
    if (File.empty())
      abort();
    Total += File.size();
  }
  if (Total > Size)
    abort();
  return 0;
}
