//===--- Configuration.h - async-lint driver ------------------------------===//
//
// Configuration read like clang-tidy reads it (.clang-tidy files up the tree,
// --config, --config-file, --checks), with async-lint's defaults, and with
// every problem in it reported once, located, and counted as an error.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CONFIGURATION_H
#define ASYNC_LINT_DRIVER_CONFIGURATION_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

struct ConfigurationOptions {
  std::optional<std::string> Checks;
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> ConfigFile;
  std::optional<std::string> Config;
  /// Headers under this directory are reported when no configuration sets
  /// a header filter (HeaderFilterRegex).
  std::string SourceRoot;
  /// The only directories (besides SourceRoot) a .clang-tidy found next to
  /// the sources may name data files in (the build directory).
  std::vector<std::string> TrustedDirectories;
  /// Called once per broken configuration file (with its location).
  std::function<void(const llvm::Twine &)> Error;
};

/// The options provider for the driver, or null after reporting why through
/// Options.Error. When no configuration says anything about the async-*
/// checks, they are enabled: running async-lint means running them.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
createOptionsProvider(const ConfigurationOptions &Options,
                      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

/// Warnings for the positive patterns of a check list (--checks, or Checks:
/// of a configuration) that match no check, with a suggestion when one name
/// is close: "unknown check 'async-unawaited-corutine' in --checks; did you
/// mean 'async-unawaited-coroutine'?".
std::vector<std::string> unknownCheckWarnings(llvm::StringRef CheckList,
                                              llvm::StringRef Source);

/// Configuration diagnostics (check name "clang-tidy-config", such as an
/// option value that does not parse) made errors, naming the configuration
/// that set the option when it can be found among Sources.
void explainConfigurationDiagnostics(
    std::vector<clang::tidy::ClangTidyError> &Errors,
    const std::vector<clang::tidy::ClangTidyOptionsProvider::OptionsSource>
        &Sources);

/// Checks the configuration that applies to each of Files: unknown checks,
/// unknown option names and values the checks reject, each reported once
/// through Error naming the configuration. Returns the number of problems.
unsigned
verifyConfiguration(clang::tidy::ClangTidyOptionsProvider &Provider,
                    llvm::ArrayRef<std::string> Files,
                    llvm::function_ref<void(const llvm::Twine &)> Error);

/// The check options that name data files the checks read, each with its
/// name without the check's ("DatabaseFiles").
llvm::ArrayRef<std::pair<llvm::StringRef, llvm::StringRef>> dataFileOptions();

/// The option async-lint.RemoveArgs of a configuration: compiler flags
/// (globs) removed from the commands of the files it applies to, separated
/// by ';'.
std::vector<std::string>
configuredRemoveArgs(const clang::tidy::ClangTidyOptions &Options);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_CONFIGURATION_H
