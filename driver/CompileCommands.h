//===--- CompileCommands.h - async-lint driver ----------------------------===//
//
// The compile database as the driver reads it. A compile database can come
// from the change under review, so what it says is not trusted: response
// files are read only inside the project, flags that load code or write files
// are dropped, and relative paths are resolved the same way everywhere.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_COMPILECOMMANDS_H
#define ASYNC_LINT_DRIVER_COMPILECOMMANDS_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace asynclint {

/// Path made absolute against the current directory (unchanged on failure).
std::string absolutePath(llvm::StringRef Path);

/// Why a path named on the command line cannot be used, from the error of
/// its status: "'PATH': no such file", else "'PATH': REASON".
std::string statusFailure(llvm::StringRef Path, std::error_code EC);

/// Path with symlinks, "." and ".." resolved; empty when it cannot be (it
/// does not exist).
std::string realPath(llvm::StringRef Path);

/// Whether Path is Dir or inside it (both absolute, without "." or "..").
bool isWithin(llvm::StringRef Path, llvm::StringRef Dir);

struct CompileDatabaseOptions {
  /// -p: a build directory, or the compile_commands.json in one.
  std::string BuildPath;
  /// Where to look upward for a database when there is no -p.
  std::string FirstSource;
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;
  /// Keep -fplugin= and friends.
  bool AllowPlugins = false;
  /// Directories response files named by the database may be read from,
  /// besides the database's own directory.
  std::vector<std::string> TrustedDirectories;
  /// --remove-arg: flags (globs) removed from every command.
  std::vector<std::string> RemoveArgs;
  /// The flags the configuration of a file removes (async-lint.RemoveArgs),
  /// removed before unknown flags are looked for; may be empty.
  std::function<std::vector<std::string>(llvm::StringRef)> ConfiguredRemoveArgs;
  /// Print what is dropped (the parent process does; workers do not).
  bool Warn = true;
};

/// The compile database: Fixed (the flags after `--`) when given, else
/// compile_commands.json (or compile_flags.txt) from BuildPath or found
/// upward from FirstSource. Every command's directory and source file are
/// absolute, response files inside the trusted directories are expanded and
/// others dropped, files missing from the database get flags inferred from
/// their neighbours, and flags that load code or write files are dropped.
/// Returns null after reporting the reason through Error.
std::unique_ptr<clang::tooling::CompilationDatabase>
loadCompilations(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
                 const CompileDatabaseOptions &Options,
                 llvm::function_ref<void(const llvm::Twine &)> Error);

/// Args without the flags that would load code into the analyzer (plugins:
/// dropped unless AllowPlugins) or make it write or read files it should not
/// (dependency files, diagnostics files, clang configuration files: dropped
/// always). Warn prints one warning per kind of flag and Origin ("the
/// compile database of"), naming the flag and File.
clang::tooling::CommandLineArguments
dropUnsafeFlags(const clang::tooling::CommandLineArguments &Args,
                llvm::StringRef Origin, llvm::StringRef File, bool AllowPlugins,
                bool Warn);

/// Args without the flags Clang's driver does not know (GCC-only flags such
/// as -fconcepts-diagnostics-depth=3, which would make Clang reject the whole
/// command). Warn prints one warning per flag per run, naming Origin ("the
/// compile database of") and the first File it was seen for.
clang::tooling::CommandLineArguments
dropUnknownFlags(const clang::tooling::CommandLineArguments &Args,
                 llvm::StringRef Origin, llvm::StringRef File, bool Warn);
/// (File may be empty: the message then names Origin only.)

/// Args without those matching one of Patterns (globs, as given to
/// --remove-arg or async-lint.RemoveArgs: '-fconcepts-*', '-Werror'). A
/// pattern naming a flag whose value is the next argument ('-include')
/// removes the value too.
clang::tooling::CommandLineArguments
removeArgs(const clang::tooling::CommandLineArguments &Args,
           llvm::ArrayRef<std::string> Patterns);

/// The patterns among Patterns that removeArgs() has removed no flag with,
/// in this process so far.
std::vector<std::string>
unmatchedRemoveArgs(llvm::ArrayRef<std::string> Patterns);

/// Whether Compiler (a command's first argument) is GCC: gcc, g++, their
/// versioned and cross names, and cc/c++ unless they resolve to clang.
bool isGCC(llvm::StringRef Compiler);

/// Args with -DASIO_HAS_CO_AWAIT appended when the compiler is GCC, the
/// standard is C++20 or later and the command says nothing about the macro:
/// standalone Asio before 1.24 enables its coroutine support (asio::
/// awaitable, use_awaitable, co_spawn) for GCC by itself but for Clang only
/// when the macro is defined, so GCC-built code would not compile here.
clang::tooling::CommandLineArguments
enableAsioCoroutines(const clang::tooling::CommandLineArguments &Args);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_COMPILECOMMANDS_H
