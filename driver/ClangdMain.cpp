//===--- ClangdMain.cpp - async-lint-clangd -------------------------------===//
//
// clangd with the async-* checks built in: its clang-tidy integration runs
// them as the user types, once a .clangd or .clang-tidy file enables them.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

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

// clangd runs a clang-tidy check under its default FastCheckFilter (Strict)
// only when its table of measured checks says it is fast; ours are not in
// that table, so `Add: [async-*]` alone would give nothing, silently. They
// restrict themselves to the main file and cost a small fraction of the
// parse, so this build counts them as fast. The link wraps clangd's
// isFastTidyCheck (--wrap, see clangd.cmake) with this function.
namespace asynclint {
// The symbol names the linker's --wrap gives, declared under our own names.
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> isFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

std::optional<bool> isFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("async-"))
    return true;
  return realIsFastTidyCheck(Check);
}
} // namespace asynclint

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
