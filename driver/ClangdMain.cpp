//===--- ClangdMain.cpp - async-lint-clangd -------------------------------===//
//
// clangd with the async-* checks built in: its clang-tidy integration runs
// them as the user types, once a .clangd or .clang-tidy file enables them.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::clangd {
// Defined in Debian's libclangdMain.a, which installs no header for it.
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Defined next to the module registration; referencing it keeps the module.
extern volatile int AsyncLintModuleAnchorSource;
[[maybe_unused]] static int AsyncLintModuleAnchorDestination =
    AsyncLintModuleAnchorSource;
} // namespace clang::tidy

int main(int Argc, char *Argv[]) {
  // Bug reports need both versions: ours first, then clangd's own lines
  // (version, features, platform), which clangdMain prints for --version.
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--version" || Arg == "-version") {
      llvm::outs() << "async-lint-clangd " << ASYNC_LINT_VERSION
                   << " (async-lint's build of clangd, with the async-* "
                      "checks)\n";
      llvm::outs().flush();
      break;
    }
  }
  return clang::clangd::clangdMain(Argc, Argv);
}
