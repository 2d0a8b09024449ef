//===--- AsyncLint.cpp - the async-lint driver ----------------------------===//
//
// clang-tidy's engine with the async-* checks built in, plus what a lint step
// needs: async-* by default, exit status 0 (clean) / 1 (findings) / 2 (error).
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace clang::tidy {
// Defined next to the module registration; referencing it keeps the module.
extern volatile int AsyncLintModuleAnchorSource;
[[maybe_unused]] static int AsyncLintModuleAnchorDestination =
    AsyncLintModuleAnchorSource;
} // namespace clang::tidy

namespace {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

cl::OptionCategory Category("async-lint options");

cl::list<std::string> SourcePaths(cl::Positional, cl::desc("<file>..."),
                                  cl::cat(Category));
cl::opt<std::string> BuildPath(
    "p",
    cl::desc("Build directory holding compile_commands.json (default: found "
             "upward from the first file)"),
    cl::value_desc("build-dir"), cl::cat(Category));
cl::opt<std::string> Checks(
    "checks",
    cl::desc("Glob of checks to run, as in clang-tidy (default: async-*, plus "
             "what .clang-tidy files enable)"),
    cl::cat(Category));
cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read the configuration from this file instead of .clang-tidy"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    Config("config",
           cl::desc("Configuration in YAML, as in a .clang-tidy file"),
           cl::cat(Category));
cl::opt<std::string>
    HeaderFilter("header-filter",
                 cl::desc("Regex of headers whose findings are reported"),
                 cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes"),
                  cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the effective configuration and exit"),
                         cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Print findings only"),
                    cl::cat(Category));
cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("Add a compiler argument after the database's"),
              cl::cat(Category));
cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("Add a compiler argument before the database's"),
                    cl::cat(Category));

std::string absolutePath(StringRef Path) {
  SmallString<256> Absolute(Path);
  if (sys::fs::make_absolute(Absolute))
    return Path.str();
  return std::string(Absolute);
}

void printError(const Twine &Message) {
  WithColor::error(errs(), "async-lint") << Message << "\n";
}

/// Reads configuration like clang-tidy, except that when no configuration
/// says anything about the async-* checks (a .clang-tidy written for
/// clang-tidy, typically `Checks: '-*,bugprone-*'`), they stay enabled:
/// running async-lint means running them.
class AsyncChecksOnProvider : public ClangTidyOptionsProvider {
public:
  explicit AsyncChecksOnProvider(
      std::unique_ptr<ClangTidyOptionsProvider> Inner)
      : Inner(std::move(Inner)) {}

  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }

  std::vector<OptionsSource> getRawOptions(StringRef FileName) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(FileName);
    bool Decided = llvm::any_of(Sources, [](const OptionsSource &Source) {
      if (!Source.first.Checks ||
          Source.second == OptionsSourceTypeDefaultBinary)
        return false;
      return Source.second == OptionsSourceTypeCheckCommandLineOption ||
             StringRef(*Source.first.Checks).contains("async-");
    });
    if (!Decided) {
      ClangTidyOptions AsyncOn;
      AsyncOn.Checks = "async-*";
      Sources.emplace_back(std::move(AsyncOn), "async-lint default");
    }
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
};

std::unique_ptr<ClangTidyOptionsProvider>
createOptionsProvider(IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions = ClangTidyOptions::getDefaults();
  DefaultOptions.Checks = "-*,async-*";
  if (std::optional<std::string> User = sys::Process::GetEnv("USER"))
    DefaultOptions.User = *User;

  ClangTidyOptions OverrideOptions;
  if (Checks.getNumOccurrences())
    OverrideOptions.Checks = Checks;
  if (HeaderFilter.getNumOccurrences())
    OverrideOptions.HeaderFilterRegex = HeaderFilter;

  auto FromText =
      [&](StringRef Text,
          StringRef Source) -> std::unique_ptr<ClangTidyOptionsProvider> {
    ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(MemoryBufferRef(Text, Source));
    if (!Parsed) {
      printError("invalid configuration in '" + Source +
                 "': " + Parsed.getError().message());
      return nullptr;
    }
    return std::make_unique<AsyncChecksOnProvider>(
        std::make_unique<ConfigOptionsProvider>(
            std::move(GlobalOptions), std::move(DefaultOptions), *Parsed,
            std::move(OverrideOptions), std::move(FS)));
  };

  if (ConfigFile.getNumOccurrences()) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text =
        MemoryBuffer::getFile(ConfigFile);
    if (!Text) {
      printError("cannot read configuration file '" + ConfigFile +
                 "': " + Text.getError().message());
      return nullptr;
    }
    return FromText((*Text)->getBuffer(), ConfigFile);
  }
  if (Config.getNumOccurrences())
    return FromText(Config, "--config");
  return std::make_unique<AsyncChecksOnProvider>(
      std::make_unique<FileOptionsProvider>(
          std::move(GlobalOptions), std::move(DefaultOptions),
          std::move(OverrideOptions), std::move(FS)));
}

/// The compile database: the flags after `--`, or compile_commands.json from
/// -p or found upward from the first file. Files missing from it get flags
/// inferred from their neighbours.
std::unique_ptr<tooling::CompilationDatabase>
loadCompilations(std::unique_ptr<tooling::CompilationDatabase> Fixed) {
  std::unique_ptr<tooling::CompilationDatabase> DB = std::move(Fixed);
  std::string Error;
  if (!DB && !BuildPath.empty()) {
    StringRef Dir = BuildPath;
    if (Dir.ends_with(".json"))
      Dir = sys::path::parent_path(Dir);
    DB = tooling::CompilationDatabase::loadFromDirectory(Dir, Error);
    if (!DB) {
      printError("no usable compile_commands.json in '" + Dir + "'");
      return nullptr;
    }
  }
  if (!DB && !SourcePaths.empty()) {
    DB = tooling::CompilationDatabase::autoDetectFromSource(
        absolutePath(SourcePaths.front()), Error);
    if (!DB) {
      printError("no compile_commands.json found above '" +
                 SourcePaths.front() +
                 "'; pass -p BUILD_DIR, or compiler flags after '--'");
      return nullptr;
    }
  }
  if (!DB)
    return nullptr;
  DB = tooling::inferMissingCompileCommands(std::move(DB));
  auto Adjusting =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
  Adjusting->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  Adjusting->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      ExtraArgs, tooling::ArgumentInsertPosition::END));
  return Adjusting;
}

void printVersion(raw_ostream &OS) {
  OS << "async-lint " ASYNC_LINT_VERSION " (clang-tidy engine of LLVM "
     << LLVM_VERSION_STRING << ")\n";
}

} // namespace

int main(int Argc, const char **Argv) {
  InitLLVM Init(Argc, Argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);

  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> Fixed =
      tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv,
                                                             FixedError);
  if (!FixedError.empty()) {
    printError(FixedError);
    return ExitError;
  }
  std::string ParseErrors;
  raw_string_ostream ParseErrorStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          Argc, Argv,
          "finds async misuse in C++20 coroutine code\n\n"
          "  async-lint [options] [-p build-dir] <file>... [-- <compiler "
          "flags>]\n",
          &ParseErrorStream)) {
    errs() << ParseErrors;
    return ExitError;
  }

  auto BaseFS =
      makeIntrusiveRefCnt<vfs::OverlayFileSystem>(vfs::getRealFileSystem());
  std::unique_ptr<ClangTidyOptionsProvider> OptionsProvider =
      createOptionsProvider(BaseFS);
  if (!OptionsProvider)
    return ExitError;

  ClangTidyOptions Effective = OptionsProvider->getOptions(
      absolutePath(SourcePaths.empty() ? "dummy.cpp" : SourcePaths.front()));
  std::vector<std::string> Enabled = getCheckNames(Effective, false);

  if (ListChecks) {
    outs() << "Enabled checks:";
    for (const std::string &Name : Enabled)
      outs() << "\n    " << Name;
    outs() << "\n";
    return ExitClean;
  }
  if (DumpConfig) {
    Effective.CheckOptions = getCheckOptions(Effective, false);
    outs() << configurationAsText(
                  ClangTidyOptions::getDefaults().merge(Effective, 0))
           << "\n";
    return ExitClean;
  }
  if (SourcePaths.empty()) {
    printError("no input files; usage: async-lint [-p build-dir] <file>... "
               "[-- <compiler flags>]");
    return ExitError;
  }
  if (Enabled.empty() && Checks.getNumOccurrences()) {
    printError("no check matches --checks='" + Checks + "'");
    return ExitError;
  }

  bool HadErrors = false;
  std::vector<std::string> Files;
  for (const std::string &Path : SourcePaths) {
    if (sys::fs::is_directory(Path)) {
      printError("'" + Path + "' is a directory, not a source file");
      HadErrors = true;
    } else if (!sys::fs::exists(Path)) {
      printError("'" + Path + "': no such file");
      HadErrors = true;
    } else {
      Files.push_back(Path);
    }
  }

  std::unique_ptr<tooling::CompilationDatabase> Compilations =
      loadCompilations(std::move(Fixed));
  if (!Compilations)
    return ExitError;

  ClangTidyContext Context(std::move(OptionsProvider));
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, *Compilations, Files, BaseFS, Fix);

  unsigned Findings = 0;
  unsigned CompilerErrors = 0;
  for (const ClangTidyError &Error : Errors) {
    if (Error.DiagLevel == ClangTidyError::Error)
      ++CompilerErrors;
    else if (Error.DiagLevel == ClangTidyError::Warning)
      ++Findings;
  }
  unsigned WarningsAsErrors = 0;
  handleErrors(Errors, Context, Fix ? FB_Fix : FB_NoFix, WarningsAsErrors,
               BaseFS);

  if (!Quiet && (Findings || CompilerErrors))
    errs() << Findings << " finding" << (Findings == 1 ? "" : "s")
           << (CompilerErrors
                   ? " and " + Twine(CompilerErrors) + " compiler error" +
                         (CompilerErrors == 1 ? "" : "s")
                   : Twine())
           << ".\n";
  if (CompilerErrors || HadErrors)
    return ExitError;
  return Findings ? ExitFindings : ExitClean;
}
