//===--- ConfigFuzzer.cpp - async-lint fuzzing ----------------------------===//
//
// Feeds arbitrary bytes to the driver's configuration reading, as for a
// .clang-tidy or --config: the located parse, the options provider with
// async-lint's defaults, and the merged options for a file.
//
//===----------------------------------------------------------------------===//

#include "Configuration.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  asynclint::ConfigurationOptions Options;
  Options.Config = std::string(reinterpret_cast<const char *>(Data), Size);
  unsigned Errors = 0;
  Options.Error = [&](const llvm::Twine &) { ++Errors; };
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider =
      asynclint::createOptionsProvider(Options, llvm::vfs::getRealFileSystem());
  if (!Provider)
    return 0;
  clang::tidy::ClangTidyOptions Merged = Provider->getOptions("/src/a.cpp");
  (void)clang::tidy::configurationAsText(Merged);
  return 0;
}
