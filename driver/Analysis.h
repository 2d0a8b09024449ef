//===--- Analysis.h - async-lint driver -----------------------------------===//
//
// One translation unit analysed by clang-tidy's engine, in the process that
// calls it (a worker), with its results written as YAML for the parent.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_ANALYSIS_H
#define ASYNC_LINT_DRIVER_ANALYSIS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class CompilerInvocation;
class DiagnosticConsumer;
class FileManager;
class PCHContainerOperations;
} // namespace clang

namespace asynclint {

struct AnalysisFlags {
  /// Keep flags that load plugins.
  bool AllowPlugins = false;
  /// Appended to every command after the untrusted flags are filtered.
  std::vector<std::string> OwnArgs;
  /// Changes each compiler invocation before it runs (a shared preamble).
  std::function<void(clang::CompilerInvocation &, clang::FileManager &)>
      AdjustInvocation;
  /// Runs each compiler invocation instead of the analysis (building a
  /// shared preamble with the same command line).
  std::function<bool(std::shared_ptr<clang::CompilerInvocation>,
                     clang::FileManager *,
                     std::shared_ptr<clang::PCHContainerOperations>,
                     clang::DiagnosticConsumer *)>
      RunInvocation;
};

/// clang-tidy's analysis of the given files, with the traversal limited to
/// the project's declarations. The command lines get the ExtraArgs of the
/// configuration, lose the flags that load code or write files, and end
/// with Flags.OwnArgs.
std::vector<clang::tidy::ClangTidyError>
analyse(clang::tidy::ClangTidyContext &Context,
        const clang::tooling::CompilationDatabase &Compilations,
        llvm::ArrayRef<std::string> InputFiles,
        llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
        const AnalysisFlags &Flags);

/// Analyses File and writes its diagnostics (YAML) to OutputPath and the
/// files it read to OutputPath.d.
llvm::Error
runWorker(llvm::StringRef File, llvm::StringRef OutputPath,
          const clang::tooling::CompilationDatabase &Compilations,
          std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider,
          llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
          bool AllowPlugins,
          std::function<void(clang::CompilerInvocation &, clang::FileManager &)>
              AdjustInvocation = nullptr);

/// Appends the diagnostics of a worker's results to Errors; false when the
/// text is not such results.
bool readResults(llvm::StringRef Text,
                 std::vector<clang::tidy::ClangTidyError> &Errors);

/// The name under which a worker's results say that async-blocking-call
/// reached its budget of library functions in the TU (a remark, not a
/// finding).
inline constexpr const char *LibraryBudgetDiagnostic = "async-lint-budget";

/// Removes those remarks from Errors and says once, as a warning, in how
/// many TUs the budget was reached; with Verbose, also where, per TU.
/// Returns that number.
unsigned reportLibraryBudget(std::vector<clang::tidy::ClangTidyError> &Errors,
                             bool Verbose);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_ANALYSIS_H
