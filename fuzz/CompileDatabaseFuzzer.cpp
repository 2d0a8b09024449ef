//===--- CompileDatabaseFuzzer.cpp - async-lint fuzzing -------------------===//
//
// Feeds arbitrary bytes to the JSON compilation database loader, as the
// driver reads compile_commands.json from a checkout, and walks every
// command the database yields.
//
//===----------------------------------------------------------------------===//

#include "clang/Tooling/JSONCompilationDatabase.h"
#include <cstdint>
#include <string>

using namespace clang::tooling;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  std::string Error;
  for (JSONCommandLineSyntax Syntax :
       {JSONCommandLineSyntax::Gnu, JSONCommandLineSyntax::Windows}) {
    std::unique_ptr<JSONCompilationDatabase> Database =
        JSONCompilationDatabase::loadFromBuffer(Text, Error, Syntax);
    if (!Database)
      continue;
    for (const CompileCommand &Command : Database->getAllCompileCommands())
      (void)Database->getCompileCommands(Command.Filename);
    (void)Database->getAllFiles();
  }
  return 0;
}
