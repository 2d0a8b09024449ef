//===--- CompileDatabaseFuzzer.cpp - async-lint fuzzing -------------------===//
//
// Feeds arbitrary bytes to the driver's compile database loader as
// compile_commands.json in a build directory (JSON check, LibTooling's
// parser, our path resolution, response-file policy and unsafe-flag filter),
// and asks for every command the database yields.
//
//===----------------------------------------------------------------------===//

#include "CompileCommands.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace llvm;

namespace {

/// A build directory of our own, holding compile_commands.json and one
/// response file the inputs may name; in memory when the machine has
/// /dev/shm (a disk write per input made the target ~7 times slower).
const std::string &buildDirectory() {
  static const std::string Dir = [] {
    SmallString<128> Path;
    if (sys::fs::is_directory("/dev/shm")) {
      sys::fs::createUniquePath("/dev/shm/async-lint-fuzz-db-%%%%%%%%", Path,
                                /*MakeAbsolute=*/false);
      if (sys::fs::create_directory(Path))
        Path.clear();
    }
    if (Path.empty() &&
        sys::fs::createUniqueDirectory("async-lint-fuzz-db", Path))
      std::abort();
    SmallString<128> Rsp(Path);
    sys::path::append(Rsp, "flags.rsp");
    std::error_code EC;
    raw_fd_ostream OS(Rsp, EC);
    OS << "-std=c++20 @flags.rsp -fplugin=x.so -MF deps.d\n";
    return std::string(Path);
  }();
  static const bool CleanedAtExit = [] {
    return std::atexit([] { (void)sys::fs::remove_directories(Dir); }) == 0;
  }();
  (void)CleanedAtExit;
  return Dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const std::string &Dir = buildDirectory();
  SmallString<128> JSON(Dir);
  sys::path::append(JSON, "compile_commands.json");
  {
    std::error_code EC;
    raw_fd_ostream OS(JSON, EC);
    if (EC)
      std::abort();
    OS.write(reinterpret_cast<const char *>(Data), Size);
  }
  asynclint::CompileDatabaseOptions Options;
  Options.BuildPath = Dir;
  Options.TrustedDirectories = {Dir};
  Options.Warn = false;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      asynclint::loadCompilations(nullptr, Options, [](const Twine &) {});
  if (!Database)
    return 0;
  for (const std::string &File : Database->getAllFiles())
    (void)Database->getCompileCommands(File);
  // A file the database does not name: commands are inferred.
  SmallString<128> Other(Dir);
  sys::path::append(Other, "other.cpp");
  (void)Database->getCompileCommands(Other);
  return 0;
}
