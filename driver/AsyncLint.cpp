//===--- AsyncLint.cpp - the async-lint driver ----------------------------===//
//
// clang-tidy's engine with the async-* checks built in, plus what a lint step
// needs: async-* by default, exit status 0 (clean) / 1 (findings) / 2 (error).
//
//===----------------------------------------------------------------------===//

#include "Findings.h"
#include "ResultCache.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "utils/BlockingCallDatabase.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <chrono>
#include <deque>
#include <set>
#include <thread>
#include <tuple>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;
using namespace asynclint;

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

cl::opt<unsigned>
    Jobs("j",
         cl::desc("Analyse this many translation units in parallel "
                  "(default: one per core)"),
         cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(Category));
cl::alias JobsLong("jobs", cl::desc("Alias for -j"), cl::aliasopt(Jobs));
enum class OutputFormat { Text, JSON, SARIF };
cl::opt<OutputFormat>
    Format("format", cl::desc("Output format"),
           cl::values(clEnumValN(OutputFormat::Text, "text",
                                 "clang-style diagnostics (default)"),
                      clEnumValN(OutputFormat::JSON, "json",
                                 "JSON, see docs/user-guide.md"),
                      clEnumValN(OutputFormat::SARIF, "sarif", "SARIF 2.1.0")),
           cl::init(OutputFormat::Text), cl::cat(Category));
cl::opt<std::string>
    OutputFile("output",
               cl::desc("Write the --format output to this file (the text "
                        "report still goes to stdout)"),
               cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    BaselineFile("baseline",
                 cl::desc("Report only findings not recorded in this file"),
                 cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaselineFile(
    "write-baseline",
    cl::desc("Record today's findings in this file and exit 0"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> ExitZero("exit-zero",
                       cl::desc("Exit 0 even when there are findings"),
                       cl::cat(Category));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Analyse every file, ignoring cached results"),
                      cl::cat(Category));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Result cache directory (default: "
                                       "$XDG_CACHE_HOME/async-lint)"),
                              cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> FilesFrom(
    "files-from",
    cl::desc("Read the files to analyse from this file, one per line ('-': "
             "stdin); files that are not C or C++ are skipped"),
    cl::value_desc("file"), cl::cat(Category));
cl::list<std::string>
    Exclude("exclude", cl::desc("Skip files matching this glob (repeatable)"),
            cl::value_desc("glob"), cl::cat(Category));
cl::opt<bool> AllowPlugins(
    "allow-plugins",
    cl::desc("Keep compiler flags that load plugins (-fplugin=, -Xclang "
             "-load); they are dropped by default because the compile "
             "database may come from an untrusted change"),
    cl::cat(Category));
cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("Directory that paths in JSON and SARIF output are relative to "
             "(default: the git work tree, else the current directory)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> WorkerOutput("internal-worker-output", cl::Hidden,
                                  cl::cat(Category));

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

/// Flags from the compile database that would load code into the analyzer
/// (plugins: dropped unless the user allows them) or write files (dropped
/// always). A compile database can come from the change under review.
tooling::CommandLineArguments
dropUnsafeFlags(const tooling::CommandLineArguments &Args, StringRef File) {
  static bool Warned = false;
  tooling::CommandLineArguments Kept;
  auto Drop = [&](StringRef Flag, StringRef Why) {
    if (!Warned && WorkerOutput.empty())
      WithColor::warning(errs(), "async-lint")
          << "ignoring '" << Flag << "' from the compile database of '" << File
          << "': " << Why << "\n";
    Warned = true;
  };
  constexpr StringRef LoadsCode =
      "it loads code into the analyzer; pass --allow-plugins to keep such "
      "flags";
  constexpr StringRef WritesFiles = "the analyzer writes no files";
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef Arg = Args[I];
    if (!AllowPlugins &&
        (Arg.starts_with("-fplugin=") || Arg.starts_with("-fpass-plugin=") ||
         Arg.starts_with("-fplugin-arg-"))) {
      Drop(Arg, LoadsCode);
      continue;
    }
    if (Arg == "--serialize-diagnostics" || Arg == "-serialize-diagnostics") {
      Drop(Arg, WritesFiles);
      ++I;
      continue;
    }
    if (Arg == "-Xclang" && I + 1 < Args.size()) {
      StringRef Next = Args[I + 1];
      bool Plugin = Next == "-load" || Next == "-plugin" ||
                    Next == "-add-plugin" || Next == "-load-pass-plugin" ||
                    Next.starts_with("-fpass-plugin") ||
                    Next.starts_with("-plugin-arg");
      bool Writes =
          Next == "-dependency-file" || Next == "-header-include-file" ||
          Next == "-module-dependency-dir" || Next.starts_with("-stats-file") ||
          Next == "-serialize-diagnostic-file";
      if ((Plugin && !AllowPlugins) || Writes) {
        Drop(Next, Plugin ? LoadsCode : WritesFiles);
        bool TakesValue = !Next.contains('=') && Next != "-plugin-arg";
        // Skip "-Xclang <flag>" and, for flags with a separate value, its
        // "-Xclang <value>".
        I += (TakesValue && I + 3 < Args.size() && Args[I + 2] == "-Xclang")
                 ? 3
                 : 1;
        continue;
      }
    }
    Kept.push_back(Args[I]);
  }
  return Kept;
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
  Adjusting->appendArgumentsAdjuster(dropUnsafeFlags);
  return Adjusting;
}

void printVersion(raw_ostream &OS) {
  OS << "async-lint " ASYNC_LINT_VERSION " (clang-tidy engine of LLVM "
     << LLVM_VERSION_STRING << ")\n";
}

/// A compile database that refers to another one.
class ForwardingCompilations : public tooling::CompilationDatabase {
public:
  explicit ForwardingCompilations(const tooling::CompilationDatabase &Inner)
      : Inner(Inner) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    return Inner.getCompileCommands(File);
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner.getAllFiles();
  }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    return Inner.getAllCompileCommands();
  }

private:
  const tooling::CompilationDatabase &Inner;
};

/// The checks' documentation, compiled in from docs/checks/*.md.
struct CheckDoc {
  const char *Name;
  const char *Markdown;
};
constexpr CheckDoc CheckDocs[] = {
#include "CheckDocs.inc"
    {nullptr, nullptr}};

std::vector<RuleInfo> ruleInfos() {
  std::vector<RuleInfo> Rules;
  for (const CheckDoc &Doc : CheckDocs) {
    if (!Doc.Name)
      continue;
    StringRef Markdown = Doc.Markdown;
    // The first paragraph of "What it does" is the short description.
    StringRef Short = Markdown;
    size_t Section = Markdown.find("## What it does");
    if (Section != StringRef::npos)
      Short = Markdown.drop_front(Section).split('\n').second.ltrim();
    Short = Short.take_front(Short.find("\n\n"));
    Rules.push_back(
        RuleInfo{Doc.Name, join(split(Short, '\n'), " "), Markdown.str()});
  }
  return Rules;
}

bool isSourceFile(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return is_contained({".c", ".cc", ".cpp", ".cxx", ".c++", ".cp", ".C", ".h",
                       ".hh", ".hpp", ".hxx", ".h++", ".ipp", ".inl", ".tpp",
                       ".ixx", ".cppm"},
                      Ext);
}

/// The files to analyse: the ones named, those listed by --files-from, or
/// every file of the compile database; minus --exclude.
std::vector<std::string>
selectFiles(const tooling::CompilationDatabase &Compilations,
            function_ref<void(const Twine &)> Fail) {
  std::vector<std::string> Candidates(SourcePaths.begin(), SourcePaths.end());
  if (!FilesFrom.empty()) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> List =
        FilesFrom == "-" ? MemoryBuffer::getSTDIN()
                         : MemoryBuffer::getFile(FilesFrom);
    if (!List) {
      Fail("cannot read --files-from '" + FilesFrom +
           "': " + List.getError().message());
      return {};
    }
    SmallVector<StringRef, 64> Lines;
    (*List)->getBuffer().split(Lines, '\n');
    for (StringRef Line : Lines) {
      Line = Line.trim();
      if (!Line.empty() && isSourceFile(Line) && sys::fs::exists(Line))
        Candidates.push_back(Line.str());
    }
  }
  if (SourcePaths.empty() && FilesFrom.empty())
    Candidates = Compilations.getAllFiles();

  std::vector<GlobPattern> Patterns;
  for (const std::string &Glob : Exclude) {
    Expected<GlobPattern> Pattern = GlobPattern::create(Glob);
    if (!Pattern) {
      Fail("invalid --exclude pattern '" + Glob +
           "': " + toString(Pattern.takeError()));
      continue;
    }
    Patterns.push_back(std::move(*Pattern));
  }
  std::vector<std::string> Files;
  std::set<std::string> Unique;
  for (const std::string &Path : Candidates) {
    std::string Absolute = absolutePath(Path);
    if (any_of(Patterns, [&](const GlobPattern &P) {
          return P.match(Path) || P.match(Absolute);
        }))
      continue;
    if (sys::fs::is_directory(Path)) {
      Fail("'" + Path + "' is a directory, not a source file");
      continue;
    }
    if (!sys::fs::exists(Path)) {
      Fail("'" + Path + "': no such file");
      continue;
    }
    if (Unique.insert(Absolute).second)
      Files.push_back(Path);
  }
  return Files;
}

std::string hashOfFile(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, false, false);
  return Buffer ? utohexstr(xxh3_64bits(
                                arrayRefFromStringRef((*Buffer)->getBuffer())),
                            true, 16)
                : std::string("unknown");
}

/// Everything besides included files that decides a TU's results.
std::string cacheKey(StringRef File,
                     const tooling::CompilationDatabase &Compilations,
                     ClangTidyOptionsProvider &Provider, StringRef ToolHash) {
  std::vector<std::string> Inputs{ASYNC_LINT_VERSION, ToolHash.str(),
                                  absolutePath(File)};
  for (const tooling::CompileCommand &Command :
       Compilations.getCompileCommands(absolutePath(File))) {
    Inputs.push_back(Command.Directory);
    Inputs.push_back(join(Command.CommandLine, "\x1f"));
  }
  ClangTidyOptions Options = Provider.getOptions(absolutePath(File));
  Inputs.push_back(configurationAsText(Options));
  if (Options.CheckOptions.count("async-blocking-call.DatabaseFiles"))
    for (const std::string &Database :
         clang::tidy::async::utils::splitOptionList(
             Options.CheckOptions["async-blocking-call.DatabaseFiles"].Value))
      Inputs.push_back(
          hashOfFile(clang::tidy::async::utils::resolveDatabasePath(
              Database, absolutePath(File))));
  Inputs.push_back(AllowPlugins ? "plugins" : "no-plugins");
  return ResultCache::key(Inputs);
}

/// Appends the diagnostics of a worker's results to Errors.
bool readResults(StringRef Text, std::vector<ClangTidyError> &Errors) {
  tooling::TranslationUnitDiagnostics TU;
  yaml::Input In(Text);
  In >> TU;
  if (In.error())
    return false;
  for (tooling::Diagnostic &D : TU.Diagnostics) {
    ClangTidyError E(D.DiagnosticName, D.DiagLevel, D.BuildDirectory,
                     /*IsWarningAsError=*/false);
    static_cast<tooling::Diagnostic &>(E) = std::move(D);
    Errors.push_back(std::move(E));
  }
  return true;
}

/// Forwards everything to the clang-tidy consumer, but lets the matchers see
/// only the declarations of the project (the main file and the headers that
/// are not system headers). System headers are most of a coroutine-heavy
/// TU's AST (Asio, the standard library), findings there are not reported,
/// and walking them costs a third of the parse.
class ProjectScopeConsumer : public MultiplexConsumer {
public:
  explicit ProjectScopeConsumer(std::unique_ptr<ASTConsumer> Tidy)
      : MultiplexConsumer(single(std::move(Tidy))) {}

  static std::vector<std::unique_ptr<ASTConsumer>>
  single(std::unique_ptr<ASTConsumer> Consumer) {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::move(Consumer));
    return Consumers;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> Scope;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
      if (Loc.isInvalid() || !SM.isInSystemHeader(Loc))
        Scope.push_back(D);
    }
    Ctx.setTraversalScope(Scope);
    MultiplexConsumer::HandleTranslationUnit(Ctx);
  }
};

/// clang-tidy's analysis of the given files, with the traversal limited to
/// the project's declarations.
std::vector<ClangTidyError>
analyse(ClangTidyContext &Context,
        const tooling::CompilationDatabase &Compilations,
        ArrayRef<std::string> InputFiles,
        IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS) {
  tooling::ClangTool Tool(Compilations, InputFiles,
                          std::make_shared<PCHContainerOperations>(), BaseFS);
  // ExtraArgs / ExtraArgsBefore from .clang-tidy files.
  Tool.appendArgumentsAdjuster(
      [&Context](const tooling::CommandLineArguments &Args, StringRef File) {
        ClangTidyOptions Options = Context.getOptionsForFile(File);
        tooling::CommandLineArguments Result = Args;
        if (Options.ExtraArgsBefore) {
          auto Pos = Result.begin();
          if (Pos != Result.end() && !StringRef(*Pos).starts_with("-"))
            ++Pos;
          Result.insert(Pos, Options.ExtraArgsBefore->begin(),
                        Options.ExtraArgsBefore->end());
        }
        if (Options.ExtraArgs)
          Result.insert(Result.end(), Options.ExtraArgs->begin(),
                        Options.ExtraArgs->end());
        return Result;
      });
  ClangTidyDiagnosticConsumer Diagnostics(Context);
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(),
                           &Diagnostics, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&Diagnostics);

  class Factory : public tooling::FrontendActionFactory {
  public:
    Factory(ClangTidyContext &Context,
            IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS)
        : Consumers(Context, std::move(BaseFS)) {}

    std::unique_ptr<FrontendAction> create() override {
      class Action : public ASTFrontendAction {
      public:
        explicit Action(ClangTidyASTConsumerFactory &Consumers)
            : Consumers(Consumers) {}
        std::unique_ptr<ASTConsumer>
        CreateASTConsumer(CompilerInstance &Compiler, StringRef File) override {
          return std::make_unique<ProjectScopeConsumer>(
              Consumers.createASTConsumer(Compiler, File));
        }

      private:
        ClangTidyASTConsumerFactory &Consumers;
      };
      return std::make_unique<Action>(Consumers);
    }

    bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                       FileManager *Files,
                       std::shared_ptr<PCHContainerOperations> PCH,
                       DiagnosticConsumer *Consumer) override {
      // As clang-tidy does: code may test __clang_analyzer__.
      Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
      return FrontendActionFactory::runInvocation(Invocation, Files, PCH,
                                                  Consumer);
    }

  private:
    ClangTidyASTConsumerFactory Consumers;
  };

  Factory Actions(Context, std::move(BaseFS));
  Tool.run(&Actions);
  return Diagnostics.take();
}

/// Analyses one TU in this process and writes its diagnostics (YAML) to
/// WorkerOutput and the files it read to WorkerOutput.d.
int runWorker(StringRef File, const tooling::CompilationDatabase &Compilations,
              std::unique_ptr<ClangTidyOptionsProvider> Provider,
              IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS) {
  std::string DependencyFile = WorkerOutput + ".d";
  tooling::ArgumentsAdjustingCompilations WithDependencies(
      std::make_unique<ForwardingCompilations>(Compilations));
  WithDependencies.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      // The spelling that survives LibTooling's removal of -M flags; the
      // driver turns it into a dependency file listing system headers too.
      {"-Wp,-MD," + DependencyFile}, tooling::ArgumentInsertPosition::END));
  ClangTidyContext Context(std::move(Provider));
  std::vector<ClangTidyError> Errors =
      analyse(Context, WithDependencies, {File.str()}, std::move(BaseFS));
  tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = absolutePath(File);
  for (const ClangTidyError &E : Errors)
    TU.Diagnostics.push_back(E);
  std::string Text;
  raw_string_ostream OS(Text);
  yaml::Output YAML(OS);
  YAML << TU;
  if (Error E = writeFileAtomically(WorkerOutput, Text)) {
    printError(toString(std::move(E)));
    return ExitError;
  }
  return ExitClean;
}

struct WorkerResult {
  bool Ok = false;
  std::string Failure;
  std::string Results;
  std::vector<std::string> Dependencies;
};

/// Runs the TUs at Indices in worker processes, -j at a time, and hands each
/// result to Done as it arrives.
void runWorkers(ArrayRef<std::string> Files, ArrayRef<size_t> Indices,
                const std::optional<std::vector<std::string>> &FixedArgs,
                StringRef Argv0,
                function_ref<void(size_t, const WorkerResult &)> Done) {
  if (Indices.empty())
    return;
  std::string Self = sys::fs::getMainExecutable(
      Argv0.str().c_str(), reinterpret_cast<void *>(&printVersion));
  SmallString<128> TempDir;
  if (sys::fs::createUniqueDirectory("async-lint", TempDir)) {
    for (size_t I : Indices)
      Done(I,
           WorkerResult{false, "cannot create a temporary directory", {}, {}});
    return;
  }
  unsigned Parallel =
      Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency());
  bool ShowProgress = !Quiet && sys::Process::StandardErrIsDisplayed();
  auto Start = std::chrono::steady_clock::now();

  struct Running {
    size_t Index;
    sys::ProcessInfo Process;
    std::string Output;
    std::string Log;
  };
  std::deque<size_t> Pending(Indices.begin(), Indices.end());
  std::vector<Running> Active;
  size_t Finished = 0;
  auto Launch = [&](size_t I) {
    SmallString<256> Output(TempDir);
    sys::path::append(Output, std::to_string(I) + ".yaml");
    std::vector<std::string> Args{Self, "--internal-worker-output=" +
                                            std::string(Output)};
    if (Checks.getNumOccurrences())
      Args.push_back("--checks=" + Checks);
    if (!ConfigFile.empty())
      Args.push_back("--config-file=" + ConfigFile);
    if (Config.getNumOccurrences())
      Args.push_back("--config=" + Config);
    if (HeaderFilter.getNumOccurrences())
      Args.push_back("--header-filter=" + HeaderFilter);
    if (!BuildPath.empty())
      Args.push_back("-p=" + BuildPath);
    if (AllowPlugins)
      Args.push_back("--allow-plugins");
    for (const std::string &A : ExtraArgs)
      Args.push_back("--extra-arg=" + A);
    for (const std::string &A : ExtraArgsBefore)
      Args.push_back("--extra-arg-before=" + A);
    Args.push_back(Files[I]);
    if (FixedArgs) {
      Args.push_back("--");
      Args.insert(Args.end(), FixedArgs->begin(), FixedArgs->end());
    }
    std::string Log = std::string(Output) + ".log";
    SmallVector<StringRef, 32> ArgRefs(Args.begin(), Args.end());
    std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(Log),
                                            StringRef(Log)};
    std::string Error;
    bool Failed = false;
    sys::ProcessInfo PI = sys::ExecuteNoWait(Self, ArgRefs, std::nullopt,
                                             Redirects, 0, &Error, &Failed);
    if (Failed) {
      Done(I, WorkerResult{false, "cannot start a worker: " + Error, {}, {}});
      ++Finished;
      return;
    }
    Active.push_back(Running{I, PI, std::string(Output), Log});
  };
  auto Collect = [&](const Running &R, const sys::ProcessInfo &Status) {
    WorkerResult Result;
    auto Results = MemoryBuffer::getFile(R.Output);
    if (Status.ReturnCode == 0 && Results) {
      Result.Ok = true;
      Result.Results = (*Results)->getBuffer().str();
      if (auto Deps = MemoryBuffer::getFile(R.Output + ".d"))
        Result.Dependencies =
            ResultCache::parseDependencyFile((*Deps)->getBuffer());
    } else {
      auto Log = MemoryBuffer::getFile(R.Log);
      StringRef LogText = Log ? (*Log)->getBuffer().trim() : "";
      Result.Failure = Status.ReturnCode < 0
                           ? "the analyzer crashed"
                           : "the analyzer exited with status " +
                                 std::to_string(Status.ReturnCode);
      // What the analyzer said, without stack frames: where it was is what
      // a bug report needs first.
      SmallVector<StringRef, 16> Lines;
      LogText.split(Lines, '\n');
      unsigned Shown = 0;
      for (StringRef Line : Lines) {
        if (Line.ltrim().starts_with("#") || Line.trim().empty() || Shown == 6)
          continue;
        Result.Failure += "\n  " + Line.trim().str();
        ++Shown;
      }
    }
    Done(R.Index, Result);
    ++Finished;
    if (ShowProgress) {
      auto Seconds = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::steady_clock::now() - Start)
                         .count();
      errs() << "\r\x1b[K[" << Finished << "/" << Indices.size() << ", "
             << Seconds << "s] " << sys::path::filename(Files[R.Index]);
    }
  };
  while (!Pending.empty() || !Active.empty()) {
    while (!Pending.empty() && Active.size() < Parallel) {
      Launch(Pending.front());
      Pending.pop_front();
    }
    bool Progressed = false;
    for (size_t K = 0; K < Active.size();) {
      sys::ProcessInfo Status =
          sys::Wait(Active[K].Process, 0, nullptr, nullptr, /*Polling=*/true);
      if (Status.Pid == 0) { // Still running.
        ++K;
        continue;
      }
      Collect(Active[K], Status);
      Active.erase(Active.begin() + K);
      Progressed = true;
    }
    if (!Progressed && !Active.empty())
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (ShowProgress)
    errs() << "\r\x1b[K";
  (void)sys::fs::remove_directories(TempDir);
}

/// Applies the fixes, then analyses the TUs again: if the fixed code has
/// compiler errors the original had not, every fixed file is restored.
void applyFixesSafely(ArrayRef<ClangTidyError> Errors,
                      ClangTidyContext &Context,
                      IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS,
                      ArrayRef<std::string> Files,
                      const std::optional<std::vector<std::string>> &FixedArgs,
                      StringRef Argv0, function_ref<void(const Twine &)> Fail) {
  StringMap<std::string> Originals;
  unsigned ErrorsBefore = 0;
  for (const ClangTidyError &E : Errors) {
    if (E.DiagLevel == ClangTidyError::Error)
      ++ErrorsBefore;
    if (const StringMap<tooling::Replacements> *Fixes =
            tooling::selectFirstFix(E))
      for (const auto &Entry : *Fixes)
        if (!Originals.count(Entry.first()))
          if (auto Text = MemoryBuffer::getFile(Entry.first()))
            Originals[Entry.first()] = (*Text)->getBuffer().str();
  }
  unsigned WarningsAsErrors = 0;
  handleErrors(Errors, Context, FB_Fix, WarningsAsErrors, std::move(BaseFS));
  if (Originals.empty())
    return;

  std::vector<size_t> All(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    All[I] = I;
  unsigned ErrorsAfter = 0;
  bool Rechecked = true;
  runWorkers(Files, All, FixedArgs, Argv0, [&](size_t, const WorkerResult &R) {
    std::vector<ClangTidyError> After;
    if (!R.Ok || !readResults(R.Results, After)) {
      Rechecked = false;
      return;
    }
    for (const ClangTidyError &E : After)
      if (E.DiagLevel == ClangTidyError::Error)
        ++ErrorsAfter;
  });
  if (Rechecked && ErrorsAfter <= ErrorsBefore)
    return;
  for (const auto &Entry : Originals)
    if (Error E = writeFileAtomically(Entry.first(), Entry.second))
      Fail(toString(std::move(E)));
  Fail("the fixes broke the build (" + Twine(ErrorsAfter) +
       " compiler errors after fixing, " + Twine(ErrorsBefore) +
       " before); every fixed file was restored");
}

/// The directory output paths are relative to.
std::string sourceRoot() {
  if (!SourceRoot.empty())
    return absolutePath(SourceRoot);
  SmallString<256> Dir;
  if (sys::fs::current_path(Dir))
    return "";
  for (SmallString<256> Probe = Dir; !Probe.empty();
       Probe = sys::path::parent_path(Probe)) {
    SmallString<256> Git(Probe);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return std::string(Probe);
    if (sys::path::parent_path(Probe) == Probe)
      break;
  }
  return std::string(Dir);
}

} // namespace

int main(int Argc, const char **Argv) {
  InitLLVM Init(Argc, Argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);

  // Workers get the same compiler flags, given after "--".
  std::optional<std::vector<std::string>> FixedArgs;
  for (int I = 1; I < Argc; ++I)
    if (StringRef(Argv[I]) == "--") {
      FixedArgs.emplace(Argv + I + 1, Argv + Argc);
      break;
    }
  std::string Argv0 = Argv[0];

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
  if (SourcePaths.empty() && FilesFrom.empty() && BuildPath.empty() &&
      WorkerOutput.empty()) {
    printError("no input files; usage: async-lint [-p build-dir] <file>... "
               "[-- <compiler flags>]");
    return ExitError;
  }
  if (Enabled.empty() && Checks.getNumOccurrences()) {
    printError("no check matches --checks='" + Checks + "'");
    return ExitError;
  }

  std::vector<std::string> ToolErrors;
  auto Fail = [&](const Twine &Message) {
    printError(Message);
    ToolErrors.push_back(Message.str());
  };

  std::unique_ptr<tooling::CompilationDatabase> Compilations =
      loadCompilations(std::move(Fixed));
  if (!Compilations)
    return ExitError;

  if (!WorkerOutput.empty())
    return runWorker(SourcePaths.front(), *Compilations,
                     std::move(OptionsProvider), BaseFS);

  std::vector<std::string> Files = selectFiles(*Compilations, Fail);
  if (Files.empty() && ToolErrors.empty()) {
    printError("no files to analyse");
    return ExitError;
  }

  // Analyse each TU in a worker process (so that a crash loses one TU, not
  // the run), unless its results are cached.
  ResultCache Cache(NoCache
                        ? ""
                        : (CacheDir.empty() ? ResultCache::defaultDirectory()
                                            : std::string(CacheDir)));
  std::string ToolHash = hashOfFile(sys::fs::getMainExecutable(
      Argv0.c_str(), reinterpret_cast<void *>(&printVersion)));
  std::vector<ClangTidyError> Errors;
  std::vector<std::string> Keys(Files.size());
  std::vector<size_t> ToRun;
  for (size_t I = 0; I < Files.size(); ++I) {
    Keys[I] = cacheKey(Files[I], *Compilations, *OptionsProvider, ToolHash);
    if (std::optional<std::string> Cached = Cache.lookup(Keys[I])) {
      if (readResults(*Cached, Errors))
        continue;
    }
    ToRun.push_back(I);
  }
  runWorkers(
      Files, ToRun, FixedArgs, Argv0, [&](size_t I, const WorkerResult &R) {
        if (!R.Ok) {
          Fail("analysing '" + Files[I] + "' failed: " + R.Failure);
          return;
        }
        if (!readResults(R.Results, Errors)) {
          Fail("analysing '" + Files[I] + "' produced unreadable results");
          return;
        }
        Cache.store(Keys[I], R.Dependencies, R.Results);
      });

  // A header analysed through several TUs reports its findings once.
  std::set<std::tuple<std::string, std::string, unsigned, std::string>> Seen;
  std::vector<ClangTidyError> Unique;
  for (ClangTidyError &E : Errors)
    if (Seen.emplace(E.DiagnosticName, E.Message.FilePath, E.Message.FileOffset,
                     E.Message.Message)
            .second)
      Unique.push_back(std::move(E));
  llvm::sort(Unique, [](const ClangTidyError &A, const ClangTidyError &B) {
    return std::tie(A.Message.FilePath, A.Message.FileOffset, A.DiagnosticName,
                    A.Message.Message) <
           std::tie(B.Message.FilePath, B.Message.FileOffset, B.DiagnosticName,
                    B.Message.Message);
  });

  std::string Root = sourceRoot();
  SourceFiles Sources;
  std::vector<Finding> AllFindings = makeFindings(Unique, Sources, Root);

  if (!WriteBaselineFile.empty()) {
    std::vector<Finding> Recorded;
    for (const Finding &F : AllFindings)
      if (F.Level == "warning")
        Recorded.push_back(F);
    if (Error E = Baseline::write(WriteBaselineFile, Recorded, Root)) {
      printError(toString(std::move(E)));
      return ExitError;
    }
    if (!Quiet)
      errs() << "recorded " << Recorded.size() << " finding"
             << (Recorded.size() == 1 ? "" : "s") << " in '"
             << WriteBaselineFile << "'\n";
    return ToolErrors.empty() ? ExitClean : ExitError;
  }

  std::optional<Baseline> Known;
  if (!BaselineFile.empty()) {
    Expected<Baseline> Read = Baseline::read(BaselineFile);
    if (!Read) {
      printError(toString(Read.takeError()));
      return ExitError;
    }
    Known = std::move(*Read);
  }
  std::vector<Finding> Reported;
  std::vector<ClangTidyError> ReportedErrors;
  for (const Finding &F : AllFindings) {
    if (Known && F.Level == "warning" && Known->consume(F))
      continue;
    Reported.push_back(F);
    ReportedErrors.push_back(Unique[F.Index]);
  }

  unsigned Findings = 0, CompilerErrors = 0, ConfigErrors = 0;
  for (const Finding &F : Reported) {
    if (F.Level != "error")
      ++Findings;
    else if (F.Check == "clang-tidy-config")
      ++ConfigErrors;
    else
      ++CompilerErrors;
  }

  if (Format != OutputFormat::Text) {
    std::string Text;
    raw_string_ostream OS(Text);
    if (Format == OutputFormat::JSON)
      writeJSON(OS, Reported, ToolErrors, Root);
    else
      writeSARIF(OS, Reported, ruleInfos(), Root);
    if (OutputFile.empty()) {
      outs() << Text;
    } else if (Error E = writeFileAtomically(OutputFile, Text)) {
      printError(toString(std::move(E)));
      return ExitError;
    }
  }
  if (Format == OutputFormat::Text || !OutputFile.empty()) {
    ClangTidyContext Context(createOptionsProvider(BaseFS));
    Context.setCurrentFile(
        absolutePath(Files.empty() ? "dummy.cpp" : Files.front()));
    unsigned WarningsAsErrors = 0;
    if (Fix)
      applyFixesSafely(ReportedErrors, Context, BaseFS, Files, FixedArgs, Argv0,
                       Fail);
    else
      handleErrors(ReportedErrors, Context, FB_NoFix, WarningsAsErrors, BaseFS);
  }

  if (!Quiet && (Findings || CompilerErrors || ConfigErrors)) {
    errs() << Findings << " finding" << (Findings == 1 ? "" : "s");
    if (CompilerErrors)
      errs() << ", " << CompilerErrors << " compiler error"
             << (CompilerErrors == 1 ? "" : "s");
    if (ConfigErrors)
      errs() << ", " << ConfigErrors << " configuration error"
             << (ConfigErrors == 1 ? "" : "s");
    errs() << ".\n";
  }
  if (CompilerErrors || ConfigErrors || !ToolErrors.empty())
    return ExitError;
  return Findings && !ExitZero ? ExitFindings : ExitClean;
}
