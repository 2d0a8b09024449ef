//===--- Preambles.h - async-lint driver ----------------------------------===//
//
// Shared preambles: the translation units of a run that start with the same
// #include block and are compiled with the same flags parse those headers
// once. The leading directives of the group's first file are precompiled
// (clang's PrecompiledPreamble, as clangd does for one file) in a worker,
// stored in the cache directory, and each TU of the group is analysed with
// it: its own leading directives are skipped and the precompiled state is
// loaded in their place.
//
// Sharing is exact or not done: only TUs whose leading block is made of
// #include and conditional directives that are token for token the same,
// whose quoted includes resolve the same way, whose flags are the same, and
// whose enabled checks are all async-* (checks that watch the preprocessor,
// and compiler warnings in the shared headers, would not see the shared
// part) share a preamble.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_PREAMBLES_H
#define ASYNC_LINT_DRIVER_PREAMBLES_H

#include "ResultCache.h"
#include "Workers.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace clang {
class CompilerInvocation;
class FileManager;
} // namespace clang

namespace asynclint {

/// Worker side of an analysis with a shared preamble: makes Invocation load
/// PCH in place of its main file's leading directives when they are those
/// Digest describes ("N:hash" of the first N); otherwise leaves it alone
/// (plain analysis).
void usePreamble(clang::CompilerInvocation &Invocation,
                 clang::FileManager &Files, llvm::StringRef PCH,
                 llvm::StringRef Digest);

/// Worker side of building a preamble: precompiles the leading directives of
/// File (the first N, when they are those Digest describes) into PCHPath and
/// writes a short report to OutputPath ("built", "declined REASON" or "failed
/// REASON") and the files it read to OutputPath.d.
llvm::Error runPreambleBuilder(
    llvm::StringRef File, llvm::StringRef OutputPath, llvm::StringRef PCHPath,
    llvm::StringRef Digest,
    const clang::tooling::CompilationDatabase &Compilations,
    std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider,
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
    bool AllowPlugins);

struct SharedPreambleOptions {
  /// Where preambles are kept between runs: "" keeps them in a temporary
  /// directory for this run only.
  std::string CacheDirectory;
  /// Preambles in CacheDirectory beyond this many bytes are removed, the
  /// least recently used first.
  uint64_t MaxCacheBytes = 0;
  /// Goes into every preamble's key: the build of the tool.
  std::string ToolHash;
  bool AllowPlugins = false;
  bool Verbose = false;
  std::function<void(const llvm::Twine &)> Warn;
};

/// Runs the TUs at Indices as runWorkers does, sharing preambles between
/// those that can. Done receives each TU's result once, with the files of
/// its preamble among its dependencies; a TU whose analysis with a shared
/// preamble failed or reported a compiler error is analysed again without.
void runWorkersWithSharedPreambles(
    const SharedPreambleOptions &Options, const WorkerLaunch &Launch,
    llvm::ArrayRef<std::string> Files, llvm::ArrayRef<size_t> Indices,
    const clang::tooling::CompilationDatabase &Compilations,
    clang::tidy::ClangTidyOptionsProvider &Provider, ResultCache &Cache,
    llvm::function_ref<void(size_t, const WorkerResult &)> Done);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_PREAMBLES_H
