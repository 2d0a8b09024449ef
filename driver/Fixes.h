//===--- Fixes.h - async-lint driver --------------------------------------===//
//
// --fix: the suggested fixes applied to the user's files, undone when the
// fixed code no longer compiles. Only files of the project are written, each
// atomically (a temporary file and a rename) with its permissions kept.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_FIXES_H
#define ASYNC_LINT_DRIVER_FIXES_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// Which files --fix may write.
struct FixScope {
  /// Only files whose real path (symlinks resolved) is under this directory.
  std::string Root;
  /// None in a system include directory of these commands (-isystem,
  /// -idirafter, the compiler's own).
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  llvm::ArrayRef<std::string> Files;
};

/// The system include directories (-isystem, -idirafter, the compiler's
/// built-in ones, ...) of the commands that compile Files, as absolute paths.
std::vector<std::string> systemIncludeDirectories(
    const clang::tooling::CompilationDatabase &Compilations,
    llvm::ArrayRef<std::string> Files);

/// The real path of File, if --fix may write it: under Root (its real path)
/// and in none of the system include directories that SystemDirectories
/// gives for that real path (asked only for files under Root). Otherwise an
/// error saying why not.
llvm::Expected<std::string>
fixTarget(llvm::StringRef File, llvm::StringRef Root,
          llvm::function_ref<llvm::ArrayRef<std::string>(llvm::StringRef)>
              SystemDirectories);

/// Prints the diagnostics and applies their fixes to the files Scope allows
/// (`not fixing 'FILE': why` through Fail for the others), then calls
/// CountErrorsAfter (which analyses the TUs again and returns their compiler
/// errors, or nothing when that failed): if the fixed code has compiler
/// errors the original had not, or the run is interrupted before that is
/// known, every fixed file is restored. Returns the number of diagnostics
/// whose fix was applied (0 when the files were restored).
unsigned
applyFixesSafely(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                 clang::tidy::ClangTidyContext &Context,
                 llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
                 const FixScope &Scope,
                 llvm::function_ref<std::optional<unsigned>()> CountErrorsAfter,
                 llvm::function_ref<void(const llvm::Twine &)> Fail);

/// The fixes applyFixesSafely would apply, as a unified diff with paths
/// relative to Scope.Root (`--- a/src/x.cpp`, for `git apply` or `patch -p1`
/// from there); nothing is written.
void printFixesAsDiff(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                      clang::tidy::ClangTidyContext &Context,
                      const FixScope &Scope, llvm::raw_ostream &OS,
                      llvm::function_ref<void(const llvm::Twine &)> Fail);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_FIXES_H
