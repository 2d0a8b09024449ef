//===--- AsyncLint.cpp - the async-lint driver ----------------------------===//
//
// clang-tidy's engine with the async-* checks built in, plus what a lint step
// needs: async-* by default, exit status 0 (clean) / 1 (findings) / 2 (error).
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "CompileCommands.h"
#include "Configuration.h"
#include "Findings.h"
#include "Fixes.h"
#include "Preambles.h"
#include "ResultCache.h"
#include "Summaries.h"
#include "Workers.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "utils/DataFiles.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
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

enum ExitCode {
  ExitClean = 0,
  ExitFindings = 1,
  ExitError = 2,
  ExitInterrupted = 130
};

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

cl::opt<unsigned>
    Jobs("j",
         cl::desc("Analyse this many translation units in parallel "
                  "(default: one per core)"),
         cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(Category));
cl::alias JobsLong("jobs", cl::desc("Alias for -j"), cl::aliasopt(Jobs));
cl::opt<unsigned> Timeout(
    "timeout",
    cl::desc("Stop analysing a translation unit after this many seconds and "
             "report it as failed (default: 900; 0: no limit)"),
    cl::value_desc("seconds"), cl::init(900), cl::cat(Category));
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
cl::list<std::string> RemoveArgs(
    "remove-arg",
    cl::desc("Remove compiler flags matching this glob from every command "
             "(repeatable): --remove-arg='-fconcepts-*'"),
    cl::value_desc("flag"), cl::cat(Category));
cl::opt<bool> VerifyConfig(
    "verify-config",
    cl::desc("Check the configuration that applies to the files (unknown "
             "checks, options and values) and exit: 0 when it is valid, 2 "
             "otherwise"),
    cl::cat(Category));
cl::opt<std::string> Explain("explain",
                             cl::desc("Print the documentation of a check"),
                             cl::value_desc("check"), cl::cat(Category));
cl::opt<bool> ShowDiff(
    "diff",
    cl::desc("Print the fixes --fix would apply as a unified diff, instead "
             "of the findings; no file is written"),
    cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the findings and their fixes to this file, in "
             "clang-tidy's YAML format (for clang-apply-replacements)"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Statistics(
    "statistics",
    cl::desc("Print the number of findings per check and category, instead "
             "of the findings"),
    cl::cat(Category));
cl::opt<bool>
    Verbose("verbose",
            cl::desc("Print the compile command each file is analysed with"),
            cl::cat(Category));
cl::opt<std::string> ShardOption(
    "shard",
    cl::desc("Analyse only the I-th of N parts of the files (a stable split "
             "by path), as one job of a lint step sharded N ways; the "
             "cross-file findings come from 'async-lint link' over the "
             "shards' --summaries-out directories"),
    cl::value_desc("I/N"), cl::cat(Category));
cl::opt<std::string> SummariesOut(
    "summaries-out",
    cl::desc("Write the whole-project summary of each analysed file into "
             "this directory, for 'async-lint link DIR...'"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoSummaries(
    "no-summaries",
    cl::desc("Record no whole-project summaries (no cross-file findings); "
             "for measuring what they cost"),
    cl::Hidden, cl::cat(Category));
cl::opt<std::string> WorkerOutput("internal-worker-output", cl::Hidden,
                                  cl::cat(Category));
cl::opt<bool> NoSharedPreambles(
    "no-shared-preambles",
    cl::desc("Parse the headers of every translation unit again, instead of "
             "precompiling the #include block that several of them share"),
    cl::cat(Category));
cl::opt<unsigned> PreambleCacheSize(
    "preamble-cache-size",
    cl::desc("Keep at most this many MiB of shared preambles in the cache "
             "directory, removing the least recently used (default: 2048)"),
    cl::value_desc("MiB"), cl::init(2048), cl::cat(Category));
cl::opt<std::string> BuildPreamble("internal-build-preamble", cl::Hidden,
                                   cl::cat(Category));
cl::opt<std::string> UsePreamble("internal-preamble", cl::Hidden,
                                 cl::cat(Category));
cl::opt<std::string> PreambleDigest("internal-preamble-digest", cl::Hidden,
                                    cl::cat(Category));

void printError(const Twine &Message) {
  WithColor::error(errs(), "async-lint") << Message << "\n";
}

void printWarning(const Twine &Message) {
  WithColor::warning(errs(), "async-lint") << Message << "\n";
}

/// LLVM's command-line errors ("async-lint: Unknown command line argument
/// ...", "async-lint: Did you mean ...?") in the form of every other error.
void printCommandLineErrors(StringRef Text) {
  SmallVector<StringRef, 4> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  bool First = true;
  for (StringRef Line : Lines) {
    Line = Line.trim();
    Line.consume_front("async-lint:");
    Line = Line.trim();
    if (Line.empty())
      continue;
    std::string Message = Line.str();
    Message[0] = toLower(Message[0]);
    if (First)
      printError(Message);
    else
      WithColor::note(errs(), "async-lint") << Message << "\n";
    First = false;
  }
}

/// How a source of configuration is named in messages.
std::string sourceName(StringRef Source) {
  return Source.starts_with("/") ? ("'" + Source + "'").str() : Source.str();
}

std::string sourceRoot();

/// The configuration options given on the command line.
ConfigurationOptions configurationOptions() {
  ConfigurationOptions Options;
  if (Checks.getNumOccurrences())
    Options.Checks = Checks;
  if (HeaderFilter.getNumOccurrences())
    Options.HeaderFilter = HeaderFilter;
  if (ConfigFile.getNumOccurrences())
    Options.ConfigFile = ConfigFile;
  if (Config.getNumOccurrences())
    Options.Config = Config;
  Options.SourceRoot = sourceRoot();
  if (!BuildPath.empty()) {
    // -p names the build directory or the database in it.
    std::string Build = absolutePath(BuildPath);
    Options.TrustedDirectories.push_back(
        sys::fs::is_directory(Build) ? Build
                                     : sys::path::parent_path(Build).str());
  }
  return Options;
}

void printVersion(raw_ostream &OS) {
  OS << "async-lint " ASYNC_LINT_VERSION " (clang-tidy engine of LLVM "
     << LLVM_VERSION_STRING << ")\n";
}

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

/// Path made absolute (against the directory the TU was compiled in) and
/// without "." and "..": a header reached as src/../include/h.hpp from one TU
/// and include/h.hpp from another is one file, printed once.
std::string normalisedPath(StringRef Path, StringRef BuildDirectory) {
  if (Path.empty())
    return "";
  SmallString<256> Result(Path);
  if (!sys::path::is_absolute(Result) && !BuildDirectory.empty())
    sys::fs::make_absolute(BuildDirectory, Result);
  sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

void normalisePaths(tooling::DiagnosticMessage &Message,
                    StringRef BuildDirectory) {
  Message.FilePath = normalisedPath(Message.FilePath, BuildDirectory);
  for (tooling::FileByteRange &Range : Message.Ranges)
    Range.FilePath = normalisedPath(Range.FilePath, BuildDirectory);
  StringMap<tooling::Replacements> Fix;
  for (const auto &[File, Replaces] : Message.Fix) {
    std::string Path = normalisedPath(File, BuildDirectory);
    tooling::Replacements &Into = Fix[Path];
    for (const tooling::Replacement &R : Replaces)
      consumeError(Into.add(tooling::Replacement(
          R.getFilePath().empty() ? "" : Path, R.getOffset(), R.getLength(),
          R.getReplacementText())));
  }
  Message.Fix = std::move(Fix);
}

void normalisePaths(ClangTidyError &E) {
  normalisePaths(E.Message, E.BuildDirectory);
  for (tooling::DiagnosticMessage &Note : E.Notes)
    normalisePaths(Note, E.BuildDirectory);
}

/// A compiler error that standalone Asio's coroutine support, left off under
/// Clang, explains.
bool isAsioCoroutineError(const ClangTidyError &E) {
  StringRef Message = E.Message.Message;
  return E.DiagLevel == ClangTidyError::Error &&
         StringRef(E.DiagnosticName).starts_with("clang-diagnostic-") &&
         Message.contains("'asio'") &&
         (Message.contains("awaitable") || Message.contains("co_spawn") ||
          Message.contains("this_coro"));
}

/// --explain: the check's page, or an error naming the closest check.
int explain(StringRef Name) {
  StringRef Closest;
  unsigned Best = 5;
  for (const CheckDoc &Doc : CheckDocs) {
    if (!Doc.Name)
      continue;
    if (Name == Doc.Name) {
      outs() << Doc.Markdown;
      return ExitClean;
    }
    // A prefix ("async-unawaited") or the name without "async-"
    // ("blocking-call") counts as close; case does not count.
    std::string Lower = Name.lower();
    StringRef Candidate = Doc.Name;
    unsigned Distance =
        !Name.empty() && (Candidate.starts_with(Lower) ||
                          Candidate.drop_front(6).starts_with(Lower))
            ? 1
            : StringRef(Lower).edit_distance(Candidate, true, Best);
    if (Distance < Best) {
      Best = Distance;
      Closest = Doc.Name;
    }
  }
  std::string Known;
  for (const CheckDoc &Doc : CheckDocs)
    if (Doc.Name)
      Known += (Known.empty() ? "" : ", ") + std::string(Doc.Name);
  printError("no documentation for '" + Name + "'" +
             (Closest.empty() ? "" : "; did you mean '" + Closest + "'?") +
             " (documented checks: " + Known + ")");
  return ExitError;
}

/// --statistics: findings per check, and per category where the check has
/// them, most frequent first.
void printStatistics(raw_ostream &OS, ArrayRef<Finding> Findings) {
  std::map<std::string, std::pair<unsigned, std::map<std::string, unsigned>>>
      ByCheck;
  for (const Finding &F : Findings) {
    auto &Entry = ByCheck[F.Check];
    ++Entry.first;
    StringRef Message = F.Message;
    size_t At = Message.rfind("(category: ");
    if (At != StringRef::npos)
      ++Entry.second[Message.drop_front(At + 11)
                         .take_until([](char C) { return C == ')'; })
                         .str()];
  }
  auto ByCount = [](const auto &Map) {
    std::vector<std::pair<std::string, unsigned>> Rows;
    for (const auto &[Name, Value] : Map) {
      if constexpr (std::is_same_v<std::decay_t<decltype(Value)>, unsigned>)
        Rows.emplace_back(Name, Value);
      else
        Rows.emplace_back(Name, Value.first);
    }
    llvm::sort(Rows, [](const auto &A, const auto &B) {
      return std::tie(B.second, A.first) < std::tie(A.second, B.first);
    });
    return Rows;
  };
  for (const auto &[Check, Count] : ByCount(ByCheck)) {
    OS << format("%6u  ", Count) << Check << "\n";
    for (const auto &[Name, InCategory] : ByCount(ByCheck[Check].second))
      OS << "        " << format("%6u  ", InCategory) << Name << "\n";
  }
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
    sys::fs::file_status Status;
    if (std::error_code EC = sys::fs::status(Path, Status)) {
      Fail(statusFailure(Path, EC));
      continue;
    }
    if (sys::fs::is_directory(Status)) {
      Fail("'" + Path + "' is a directory, not a source file");
      continue;
    }
    if (!sys::fs::is_regular_file(Status)) {
      Fail("'" + Path + "' is not a regular file");
      continue;
    }
    if (Unique.insert(Absolute).second)
      Files.push_back(Path);
  }
  return Files;
}

/// Everything besides included files that decides a TU's results.
std::string cacheKey(StringRef File,
                     const tooling::CompilationDatabase &Compilations,
                     ClangTidyOptionsProvider &Provider, StringRef ToolHash,
                     ResultCache &Cache) {
  std::vector<std::string> Inputs{ASYNC_LINT_VERSION, ToolHash.str(),
                                  absolutePath(File)};
  for (const tooling::CompileCommand &Command :
       Compilations.getCompileCommands(absolutePath(File))) {
    Inputs.push_back(Command.Directory);
    Inputs.push_back(join(Command.CommandLine, "\x1f"));
  }
  ClangTidyOptions Options = Provider.getOptions(absolutePath(File));
  Inputs.push_back(configurationAsText(Options));
  // The workers drop the configuration's unsafe flags silently; say so here.
  tooling::CommandLineArguments ConfigArgs{"clang-tool"};
  for (const std::optional<std::vector<std::string>> &Extra :
       {Options.ExtraArgsBefore, Options.ExtraArgs})
    if (Extra)
      ConfigArgs.insert(ConfigArgs.end(), Extra->begin(), Extra->end());
  (void)dropUnsafeFlags(ConfigArgs, "the configuration (ExtraArgs) for", File,
                        AllowPlugins, /*Warn=*/true);
  // The data files the checks read (not in the worker's dependency file).
  for (const auto &[Option, Name] : dataFileOptions())
    if (auto It = Options.CheckOptions.find(Option);
        It != Options.CheckOptions.end())
      for (const std::string &Data :
           clang::tidy::async::utils::splitOptionList(It->getValue().Value))
        Inputs.push_back(
            Cache.contentHash(clang::tidy::async::utils::resolveDataFilePath(
                Data, absolutePath(File), Name)));
  Inputs.push_back(AllowPlugins ? "plugins" : "no-plugins");
  // An entry without summaries must not serve a run that links.
  if (NoSummaries)
    Inputs.push_back("no-summaries");
  return ResultCache::key(Inputs);
}

/// The directory output paths are relative to.
std::string sourceRoot() {
  if (!SourceRoot.empty()) {
    SmallString<256> Root(absolutePath(SourceRoot));
    sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
    return std::string(Root);
  }
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

/// The options a worker needs to analyse a file as this process would.
std::vector<std::string> workerArguments(StringRef Root) {
  std::vector<std::string> Args;
  if (Checks.getNumOccurrences())
    Args.push_back("--checks=" + Checks);
  if (!ConfigFile.empty())
    Args.push_back("--config-file=" + ConfigFile);
  if (Config.getNumOccurrences())
    Args.push_back("--config=" + Config);
  if (HeaderFilter.getNumOccurrences())
    Args.push_back("--header-filter=" + HeaderFilter);
  for (const std::string &Flag : RemoveArgs)
    Args.push_back("--remove-arg=" + Flag);
  if (!BuildPath.empty())
    Args.push_back("-p=" + BuildPath);
  if (AllowPlugins)
    Args.push_back("--allow-plugins");
  if (NoSummaries)
    Args.push_back("--no-summaries");
  // Response files are trusted under the same root in the workers.
  Args.push_back("--source-root=" + Root.str());
  for (const std::string &A : ExtraArgs)
    Args.push_back("--extra-arg=" + A);
  for (const std::string &A : ExtraArgsBefore)
    Args.push_back("--extra-arg-before=" + A);
  return Args;
}

} // namespace

int main(int Argc, const char **Argv) {
  InitLLVM Init(Argc, Argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);

  // async-lint link PATH...: the link step alone, over the summaries that
  // sharded runs wrote (Summaries.h).
  std::vector<const char *> LinkArguments;
  bool LinkMode = Argc > 1 && StringRef(Argv[1]) == "link";
  if (LinkMode) {
    LinkArguments.assign(Argv, Argv + Argc);
    LinkArguments.erase(LinkArguments.begin() + 1);
    Argc = LinkArguments.size();
    Argv = LinkArguments.data();
  }

  // Workers get the same compiler flags, given after "--", without those
  // Clang does not know (GCC's), which would make it reject every command.
  std::optional<std::vector<std::string>> FixedArgs;
  std::vector<const char *> Arguments(Argv, Argv + Argc);
  for (int I = 1; I < Argc; ++I)
    if (StringRef(Argv[I]) == "--") {
      tooling::CommandLineArguments Flags{"clang-tool"};
      Flags.insert(Flags.end(), Argv + I + 1, Argv + Argc);
      Flags = dropUnknownFlags(Flags, "the flags after '--'", "",
                               /*Warn=*/true);
      FixedArgs.emplace(Flags.begin() + 1, Flags.end());
      Arguments.resize(I + 1);
      for (const std::string &Flag : *FixedArgs)
        Arguments.push_back(Flag.c_str());
      break;
    }
  Argc = Arguments.size();
  Argv = Arguments.data();
  std::string Argv0 = Argv[0];

  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> Fixed =
      tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv,
                                                             FixedError);
  if (!FixedError.empty()) {
    StringRef Message = StringRef(FixedError).trim();
    while (Message.consume_front("error: ") ||
           Message.consume_front("warning: "))
      ;
    printError("the flags after '--': " + Message);
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
    printCommandLineErrors(ParseErrors);
    return ExitError;
  }
  if (Explain.getNumOccurrences())
    return explain(Explain);
  for (const std::string &Flag : RemoveArgs)
    if (Expected<GlobPattern> Glob = GlobPattern::create(Flag); !Glob) {
      printError("invalid --remove-arg pattern '" + Flag +
                 "': " + toString(Glob.takeError()));
      return ExitError;
    }
  if (Fix + ShowDiff > 1) {
    printError("--fix and --diff exclude each other: --diff shows what --fix "
               "would write");
    return ExitError;
  }
  std::optional<Shard> Sharding;
  if (ShardOption.getNumOccurrences()) {
    Expected<Shard> Parsed = parseShard(ShardOption);
    if (!Parsed) {
      printError(toString(Parsed.takeError()));
      return ExitError;
    }
    Sharding = *Parsed;
  }
  if (LinkMode && (Fix || ShowDiff || Sharding || !SummariesOut.empty())) {
    printError("'async-lint link' reports the cross-file findings of "
               "summaries; --fix, --diff, --shard and --summaries-out belong "
               "to the runs that write them");
    return ExitError;
  }
  if (LinkMode && SourcePaths.empty()) {
    printError("no summaries to link; usage: async-lint link DIR...");
    return ExitError;
  }
  if (SummariesOut.getNumOccurrences() && WorkerOutput.empty())
    if (std::optional<std::string> Problem =
            checkSummariesDirectory(SummariesOut)) {
      printError(*Problem);
      return ExitError;
    }

  auto BaseFS =
      makeIntrusiveRefCnt<vfs::OverlayFileSystem>(vfs::getRealFileSystem());
  std::vector<std::string> ToolErrors;
  auto Fail = [&](const Twine &Message) {
    printError(Message);
    ToolErrors.push_back(Message.str());
  };
  // Configuration problems are the parent's to report; a worker meets the
  // same ones.
  ConfigurationOptions Configuration = configurationOptions();
  if (WorkerOutput.empty())
    Configuration.Error = Fail;
  else
    Configuration.Error = [](const Twine &) {};
  std::unique_ptr<ClangTidyOptionsProvider> OptionsProvider =
      createOptionsProvider(Configuration, BaseFS);
  if (!OptionsProvider)
    return ExitError;

  std::string FirstFile =
      absolutePath(SourcePaths.empty() ? "dummy.cpp" : SourcePaths.front());
  ClangTidyOptions Effective = OptionsProvider->getOptions(FirstFile);
  std::vector<std::string> Enabled = getCheckNames(Effective, false);

  // A check list in a configuration file naming no check is a typo: say so,
  // once per file, as for --checks.
  std::set<std::string> CheckedSources;
  auto WarnAboutConfiguredChecks = [&](StringRef File) {
    // --verify-config reports them as errors.
    if (!WorkerOutput.empty() || VerifyConfig)
      return;
    for (const auto &Source : OptionsProvider->getRawOptions(File))
      if (Source.first.Checks &&
          Source.second !=
              ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary &&
          Source.second != ClangTidyOptionsProvider::
                               OptionsSourceTypeCheckCommandLineOption &&
          CheckedSources.insert(Source.second).second)
        for (const std::string &Warning : unknownCheckWarnings(
                 *Source.first.Checks, sourceName(Source.second)))
          printWarning(Warning);
    for (const auto &Source : OptionsProvider->getRawOptions(File))
      if (CheckedSources.insert("RemoveArgs:" + Source.second).second)
        for (const std::string &Flag : configuredRemoveArgs(Source.first))
          if (Expected<GlobPattern> Glob = GlobPattern::create(Flag); !Glob)
            printWarning("ignoring the pattern '" + Flag +
                         "' of async-lint.RemoveArgs in " +
                         sourceName(Source.second) + ": " +
                         toString(Glob.takeError()));
  };
  WarnAboutConfiguredChecks(FirstFile);
  if (Checks.getNumOccurrences() && WorkerOutput.empty())
    for (const std::string &Warning : unknownCheckWarnings(Checks, "--checks"))
      printWarning(Warning);

  if (VerifyConfig) {
    std::vector<std::string> Verified;
    for (const std::string &File : SourcePaths)
      Verified.push_back(absolutePath(File));
    if (Verified.empty())
      Verified.push_back(FirstFile);
    unsigned Problems = verifyConfiguration(*OptionsProvider, Verified, Fail);
    if (Problems || !ToolErrors.empty())
      return ExitError;
    outs() << "no configuration errors found\n";
    return ExitClean;
  }
  if (ListChecks) {
    outs() << "Enabled checks:";
    for (const std::string &Name : Enabled)
      outs() << "\n    " << Name;
    outs() << "\n";
    if (Enabled.empty()) {
      printError("no checks enabled");
      return ExitError;
    }
    return ExitClean;
  }
  if (DumpConfig) {
    ClangTidyOptions::OptionMap Own;
    for (const auto &[Key, Value] : Effective.CheckOptions)
      if (StringRef(Key).starts_with("async-lint."))
        Own.insert_or_assign(Key, Value);
    Effective.CheckOptions = getCheckOptions(Effective, false);
    for (const auto &[Key, Value] : Own)
      Effective.CheckOptions.insert_or_assign(Key, Value);
    outs() << configurationAsText(
                  ClangTidyOptions::getDefaults().merge(Effective, 0))
           << "\n";
    return ExitClean;
  }
  if (SourcePaths.empty() && FilesFrom.empty() && BuildPath.empty() &&
      WorkerOutput.empty() && !LinkMode) {
    printError("no input files; usage: async-lint [-p build-dir] <file>... "
               "[-- <compiler flags>]");
    return ExitError;
  }
  if (Enabled.empty() && Checks.getNumOccurrences()) {
    printError("no check matches --checks='" + Checks + "'");
    return ExitError;
  }

  std::string Root = sourceRoot();
  CompileDatabaseOptions DatabaseOptions;
  DatabaseOptions.BuildPath = BuildPath;
  if (!SourcePaths.empty())
    DatabaseOptions.FirstSource = SourcePaths.front();
  DatabaseOptions.ExtraArgs = ExtraArgs;
  DatabaseOptions.ExtraArgsBefore = ExtraArgsBefore;
  DatabaseOptions.AllowPlugins = AllowPlugins;
  DatabaseOptions.TrustedDirectories = {Root};
  DatabaseOptions.RemoveArgs = RemoveArgs;
  DatabaseOptions.Warn = WorkerOutput.empty();
  if (WorkerOutput.empty())
    DatabaseOptions.ConfiguredRemoveArgs =
        [Provider = OptionsProvider.get()](StringRef File) {
          return configuredRemoveArgs(Provider->getOptions(File));
        };
  std::unique_ptr<tooling::CompilationDatabase> Compilations =
      LinkMode
          ? nullptr
          : loadCompilations(std::move(Fixed), DatabaseOptions, printError);
  if (!Compilations && !LinkMode)
    return ExitError;

  if (!WorkerOutput.empty()) {
    if (NoSummaries)
      disableSummaries();
    std::function<void(CompilerInvocation &, FileManager &)> Preamble;
    if (!UsePreamble.empty())
      Preamble = [](CompilerInvocation &Invocation, FileManager &Files) {
        usePreamble(Invocation, Files, UsePreamble, PreambleDigest);
      };
    if (Error E = BuildPreamble.empty()
                      ? runWorker(SourcePaths.front(), WorkerOutput,
                                  *Compilations, std::move(OptionsProvider),
                                  BaseFS, AllowPlugins, std::move(Preamble))
                      : runPreambleBuilder(
                            SourcePaths.front(), WorkerOutput, BuildPreamble,
                            PreambleDigest, *Compilations,
                            std::move(OptionsProvider), BaseFS, AllowPlugins)) {
      printError(toString(std::move(E)));
      return ExitError;
    }
    return ExitClean;
  }

  // Ctrl-C (or SIGTERM) stops the workers and the run without writing
  // anything more; a second one kills at once.
  catchInterrupts();
  auto Interrupted = [] {
    errs() << "async-lint: interrupted\n";
    return ExitInterrupted;
  };

  std::vector<std::string> Files;
  for (std::string &File : LinkMode ? std::vector<std::string>()
                                    : selectFiles(*Compilations, Fail)) {
    if (Sharding && !inShard(absolutePath(File), *Sharding, Root))
      continue;
    std::vector<tooling::CompileCommand> Commands =
        Compilations->getCompileCommands(absolutePath(File));
    if (Commands.empty()) {
      Fail("'" + File +
           "': no compile command for it in the compile database, and none "
           "can be inferred from the database's other entries");
      continue;
    }
    auto NoDirectory = llvm::find_if(Commands, [](const auto &Command) {
      return !sys::fs::is_directory(Command.Directory);
    });
    if (NoDirectory != Commands.end()) {
      Fail("'" + File + "': its compile directory '" + NoDirectory->Directory +
           "' does not exist");
      continue;
    }
    Files.push_back(std::move(File));
  }
  if (Files.empty() && ToolErrors.empty() && !LinkMode && !Sharding) {
    printError("no files to analyse");
    return ExitError;
  }
  // Nothing to run anywhere (a configuration that turns every check off, or
  // names only checks that do not exist) is a mistake, as in clang-tidy.
  if (!Files.empty()) {
    std::map<std::string, bool> AnyEnabled;
    bool Any = false;
    for (const std::string &File : Files)
      WarnAboutConfiguredChecks(absolutePath(File));
    for (const std::string &File : Files) {
      ClangTidyOptions Options =
          OptionsProvider->getOptions(absolutePath(File));
      auto [It, New] = AnyEnabled.try_emplace(Options.Checks.value_or(""));
      if (New)
        It->second = !getCheckNames(Options, false).empty();
      Any = It->second;
      if (Any)
        break;
    }
    if (!Any) {
      printError(
          "no checks enabled" +
          (Files.size() == 1 ? " for '" + Files.front() + "'" : std::string()) +
          ": the configuration turns every check off; async-lint "
          "--list-checks FILE shows what is enabled where");
      return ExitError;
    }
  }
  if (Verbose)
    for (const std::string &File : Files)
      for (const tooling::CompileCommand &Command :
           Compilations->getCompileCommands(absolutePath(File))) {
        errs() << "async-lint: '" << File << "': in '" << Command.Directory
               << "':";
        for (const std::string &Arg : Command.CommandLine)
          errs() << " " << Arg;
        if (!Command.Heuristic.empty())
          errs() << " (" << Command.Heuristic << ")";
        errs() << "\n";
      }
  // A pattern that removes nothing is usual when a run analyses only some
  // files (pre-commit): said only when asked.
  if (Verbose)
    for (const std::string &Pattern : unmatchedRemoveArgs(RemoveArgs))
      errs() << "async-lint: --remove-arg='" << Pattern
             << "' removed nothing: no command of this run has a flag it "
                "matches\n";

  // Analyse each TU in a worker process (so that a crash loses one TU, not
  // the run), unless its results are cached.
  ResultCache Cache(NoCache
                        ? ""
                        : (CacheDir.empty() ? ResultCache::defaultDirectory()
                                            : std::string(CacheDir)));
  std::string ToolHash = Cache.contentHash(sys::fs::getMainExecutable(
      Argv0.c_str(), reinterpret_cast<void *>(&printVersion)));
  WorkerLaunch Launch;
  Launch.Executable = sys::fs::getMainExecutable(
      Argv0.c_str(), reinterpret_cast<void *>(&printVersion));
  Launch.FixedArgs = FixedArgs;
  Launch.Parallel =
      Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency());
  Launch.TimeoutSeconds = Timeout;
  Launch.ShowProgress = !Quiet && sys::Process::StandardErrIsDisplayed();
  Launch.Arguments = workerArguments(Root);
  std::vector<ClangTidyError> Errors;
  std::vector<std::string> Keys(Files.size());
  std::vector<size_t> ToRun;
  // Each TU's whole-project summary, from the cache or its worker.
  std::vector<std::vector<TUSummary>> Summaries(Files.size());
  auto SummaryPath = [&](size_t I) {
    SmallString<256> Path(absolutePath(Files[I]));
    sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    return std::string(Path);
  };
  for (size_t I = 0; I < Files.size(); ++I) {
    Keys[I] =
        cacheKey(Files[I], *Compilations, *OptionsProvider, ToolHash, Cache);
    std::string CachedSummary;
    if (std::optional<std::string> Cached =
            Cache.lookup(Keys[I], &CachedSummary)) {
      if (readWorkerSummary(CachedSummary, SummaryPath(I), Summaries[I]) &&
          readResults(*Cached, Errors))
        continue;
      Summaries[I].clear();
    }
    ToRun.push_back(I);
  }
  auto Analysed = [&](size_t I, const WorkerResult &R) {
    if (!R.Ok) {
      Fail("analysing '" + Files[I] + "' failed: " + R.Failure);
      return;
    }
    if (!readResults(R.Results, Errors)) {
      Fail("analysing '" + Files[I] + "' produced unreadable results");
      return;
    }
    Cache.store(Keys[I], R.Dependencies, R.Results,
                readWorkerSummary(R.Summary, SummaryPath(I), Summaries[I])
                    ? StringRef(R.Summary)
                    : StringRef());
  };
  if (LinkMode) {
    // `async-lint link` analyses nothing: it has no compile database.
  } else if (NoSharedPreambles) {
    runWorkers(Launch, Files, ToRun, Analysed);
  } else {
    SharedPreambleOptions Sharing;
    if (!NoCache)
      Sharing.CacheDirectory =
          CacheDir.empty() ? ResultCache::defaultDirectory() : CacheDir;
    Sharing.MaxCacheBytes = uint64_t(PreambleCacheSize) << 20;
    Sharing.ToolHash = ToolHash;
    Sharing.AllowPlugins = AllowPlugins;
    Sharing.Verbose = Verbose;
    Sharing.Warn = printWarning;
    runWorkersWithSharedPreambles(Sharing, Launch, Files, ToRun, *Compilations,
                                  *OptionsProvider, Cache, Analysed);
  }
  if (interrupted())
    return Interrupted();
  reportLibraryBudget(Errors, Verbose);

  // Whole-project analysis: the link step over this run's summaries (or,
  // for `async-lint link`, over the shards'), unless this run is one shard.
  std::vector<TUSummary> RunSummaries;
  for (std::vector<TUSummary> &Each : Summaries)
    for (TUSummary &TU : Each)
      RunSummaries.push_back(std::move(TU));
  if (!SummariesOut.empty())
    if (Error E = writeSummariesDirectory(SummariesOut, RunSummaries, Root))
      Fail(toString(std::move(E)));
  if (!LinkMode && !Sharding && !NoCache)
    updateLatestSummaries(CacheDir.empty() ? ResultCache::defaultDirectory()
                                           : std::string(CacheDir),
                          FixedArgs
                              ? ""
                              : databaseDirectory(BuildPath, SourcePaths.empty()
                                                                 ? std::string()
                                                                 : FirstFile),
                          RunSummaries);
  if (LinkMode)
    RunSummaries = readSummaryPaths(
        SourcePaths, Root,
        [&](const Twine &Message) {
          printWarning(Message);
          ToolErrors.push_back(Message.str());
        },
        Fail, [](const Twine &Message) { printWarning(Message); });
  if (LinkMode || !Sharding || Sharding->Count == 1) {
    LinkStatistics Linked;
    std::vector<ClangTidyError> CrossFile =
        linkSummaries(std::move(RunSummaries), Root, &Linked);
    if (Verbose)
      errs() << "async-lint: linked " << Linked.TranslationUnits
             << " summaries (" << Linked.Functions << " functions, "
             << Linked.Blocking << " blocking) in "
             << format("%.3f", Linked.Seconds * 1000)
             << " ms: " << Linked.Findings << " cross-file finding"
             << (Linked.Findings == 1 ? "" : "s") << "\n";
    for (ClangTidyError &E : CrossFile)
      Errors.push_back(std::move(E));
  }

  if (!Files.empty())
    explainConfigurationDiagnostics(
        Errors, OptionsProvider->getRawOptions(absolutePath(Files.front())));
  for (ClangTidyError &E : Errors)
    normalisePaths(E);
  bool AsioHint = llvm::any_of(Errors, isAsioCoroutineError);

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
  unsigned Hidden = 0;
  for (const Finding &F : AllFindings) {
    if (Known && F.Level == "warning" && Known->consume(F)) {
      ++Hidden;
      continue;
    }
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
  if (!ExportFixes.empty()) {
    std::string Text;
    raw_string_ostream OS(Text);
    exportReplacements(absolutePath(Files.empty() ? "" : Files.front()),
                       ReportedErrors, OS);
    if (Error E = writeFileAtomically(ExportFixes, Text)) {
      printError(toString(std::move(E)));
      return ExitError;
    }
  }
  std::optional<unsigned> FixedCount;
  if (Format == OutputFormat::Text || !OutputFile.empty()) {
    ConfigurationOptions Quietly = configurationOptions();
    Quietly.Error = [](const Twine &) {};
    ClangTidyContext Context(createOptionsProvider(Quietly, BaseFS));
    Context.setCurrentFile(
        absolutePath(Files.empty() ? "dummy.cpp" : Files.front()));
    unsigned WarningsAsErrors = 0;
    FixScope Scope{Root, Compilations.get(), Files};
    if (ShowDiff) {
      printFixesAsDiff(ReportedErrors, Context, Scope, outs(), Fail);
      // The diff is for patch tools: what stops the run (compiler and
      // configuration errors) goes to stderr, or the exit status would be
      // all that tells of it.
      for (const Finding &F : Reported)
        if (F.Level == "error")
          WithColor::error(errs(), F.Where.File.empty()
                                       ? std::string("async-lint")
                                       : formatv("{0}:{1}:{2}", F.Where.File,
                                                 F.Where.Line, F.Where.Column)
                                             .str())
              << F.Message << " [" << F.Check << "]\n";
    } else if (Statistics) {
      printStatistics(outs(), Reported);
    } else if (Fix) {
      FixedCount = applyFixesSafely(
          ReportedErrors, Context, BaseFS, Scope,
          [&]() -> std::optional<unsigned> {
            std::vector<size_t> All(Files.size());
            for (size_t I = 0; I < Files.size(); ++I)
              All[I] = I;
            unsigned ErrorsAfter = 0;
            bool Rechecked = true;
            runWorkers(Launch, Files, All, [&](size_t, const WorkerResult &R) {
              std::vector<ClangTidyError> After;
              if (!R.Ok || !readResults(R.Results, After)) {
                Rechecked = false;
                return;
              }
              for (const ClangTidyError &E : After)
                if (E.DiagLevel == ClangTidyError::Error)
                  ++ErrorsAfter;
            });
            if (!Rechecked)
              return std::nullopt;
            return ErrorsAfter;
          },
          Fail);
    } else {
      handleErrors(ReportedErrors, Context, FB_NoFix, WarningsAsErrors, BaseFS);
    }
  }
  if (interrupted())
    return Interrupted(); // Any fixed file was restored.

  if (AsioHint)
    WithColor::note(errs(), "async-lint")
        << "standalone Asio before 1.24 enables its coroutine support "
           "(asio::awaitable, co_spawn) under Clang only when "
           "ASIO_HAS_CO_AWAIT is defined: pass --extra-arg=-DASIO_HAS_CO_AWAIT "
           "(async-lint defines it by itself for GCC commands with "
           "-std=c++20 or later)\n";
  if (!Quiet && (Findings || CompilerErrors || ConfigErrors || Hidden)) {
    errs() << Findings << " finding" << (Findings == 1 ? "" : "s");
    if (FixedCount)
      errs() << " (" << *FixedCount << " fixed)";
    if (Hidden)
      errs() << ", " << Hidden << " hidden by the baseline";
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
