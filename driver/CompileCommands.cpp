//===--- CompileCommands.cpp - async-lint driver --------------------------===//

#include "CompileCommands.h"
#include "clang/Driver/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>

using namespace clang;
using namespace llvm;

namespace asynclint {

std::string absolutePath(StringRef Path) {
  SmallString<256> Absolute(Path);
  if (sys::fs::make_absolute(Absolute))
    return Path.str();
  return std::string(Absolute);
}

std::string statusFailure(StringRef Path, std::error_code EC) {
  return "'" + Path.str() + "': " +
         (EC == std::errc::no_such_file_or_directory ? "no such file"
                                                     : EC.message());
}

std::string realPath(StringRef Path) {
  SmallString<256> Real;
  if (sys::fs::real_path(Path, Real))
    return "";
  return std::string(Real);
}

bool isWithin(StringRef Path, StringRef Dir) {
  while (Dir.size() > 1 && sys::path::is_separator(Dir.back()))
    Dir = Dir.drop_back();
  if (Dir == "/")
    return true;
  return Path == Dir || (Path.starts_with(Dir) && Path.size() > Dir.size() &&
                         sys::path::is_separator(Path[Dir.size()]));
}

namespace {

/// Path resolved against Base when relative, without "." and "..".
std::string resolvePath(StringRef Base, StringRef Path) {
  SmallString<256> Result;
  if (sys::path::is_absolute(Path)) {
    Result = Path;
  } else {
    Result = Base;
    sys::path::append(Result, Path);
  }
  sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  sys::path::native(Result);
  return std::string(Result);
}

void warnOnce(StringRef Key, const Twine &Message) {
  static std::mutex Lock;
  static StringSet<> Warned;
  std::lock_guard<std::mutex> Guard(Lock);
  if (Warned.insert(Key).second)
    WithColor::warning(errs(), "async-lint") << Message << "\n";
}

/// A compile database as read from a file, made safe and regular: each
/// command's directory and source file are absolute (a relative `directory`
/// is relative to the database's own directory), the source argument is
/// spelled by its absolute path (so that findings name it the same way in
/// every entry), and response files are expanded when they are inside the
/// trusted directories and dropped otherwise.
class ProjectCompilations : public tooling::CompilationDatabase {
public:
  ProjectCompilations(std::unique_ptr<tooling::CompilationDatabase> Inner,
                      std::string DatabaseDir, std::vector<std::string> Trusted,
                      bool Warn)
      : Inner(std::move(Inner)), DatabaseDir(std::move(DatabaseDir)),
        Warn(Warn) {
    // Resolved once: every response file is checked against them.
    Trusted.push_back(this->DatabaseDir);
    for (const std::string &Dir : Trusted)
      if (std::string Real = realPath(Dir); !Dir.empty() && !Real.empty())
        TrustedReal.push_back(std::move(Real));
    for (tooling::CompileCommand &Command :
         this->Inner->getAllCompileCommands()) {
      regularise(Command);
      auto [It, Inserted] = Index.try_emplace(Command.Filename);
      if (Inserted)
        Files.push_back(Command.Filename);
      It->second.push_back(std::move(Command));
    }
    // The same file reached through a symlink finds the same commands.
    for (const std::string &File : Files) {
      SmallString<256> Real;
      if (!sys::fs::real_path(File, Real) && Real != File)
        RealPaths.try_emplace(Real, File);
    }
  }

  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    if (Files.empty() && Inner->getAllFiles().empty()) {
      // A database that knows no file list (compile_flags.txt).
      std::vector<tooling::CompileCommand> Commands =
          Inner->getCompileCommands(File);
      for (tooling::CompileCommand &Command : Commands)
        regularise(Command);
      return Commands;
    }
    std::string Key = resolvePath(currentDirectory(), File);
    auto It = Index.find(Key);
    if (It == Index.end()) {
      SmallString<256> Real;
      if (sys::fs::real_path(Key, Real))
        return {};
      auto Alias = RealPaths.find(Real);
      It = Index.find(Alias == RealPaths.end() ? StringRef(Real)
                                               : StringRef(Alias->second));
      if (It == Index.end())
        return {};
    }
    return It->second;
  }

  std::vector<std::string> getAllFiles() const override { return Files; }

  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    std::vector<tooling::CompileCommand> All;
    for (const std::string &File : Files)
      All.insert(All.end(), Index.lookup(File).begin(),
                 Index.lookup(File).end());
    return All;
  }

private:
  static std::string currentDirectory() {
    SmallString<256> Dir;
    if (sys::fs::current_path(Dir))
      return "";
    return std::string(Dir);
  }

  void regularise(tooling::CompileCommand &Command) const {
    Command.Directory = resolvePath(DatabaseDir, Command.Directory);
    std::string Source = resolvePath(Command.Directory, Command.Filename);
    tooling::CommandLineArguments Args;
    for (size_t I = 0; I < Command.CommandLine.size(); ++I) {
      StringRef Arg = Command.CommandLine[I];
      if (I > 0 && Arg.starts_with("@")) {
        expandResponseFile(Arg.drop_front(), Command.Directory,
                           Command.Filename, Args, /*Depth=*/0);
        continue;
      }
      Args.push_back(Arg.str());
    }
    for (size_t I = 1; I < Args.size(); ++I)
      if (!StringRef(Args[I]).starts_with("-") && Args[I - 1] != "-o" &&
          resolvePath(Command.Directory, Args[I]) == Source)
        Args[I] = Source;
    Command.CommandLine = std::move(Args);
    Command.Filename = Source;
  }

  bool isTrusted(StringRef Path) const {
    std::string Real = realPath(Path);
    return !Real.empty() && any_of(TrustedReal, [&](const std::string &Dir) {
      return isWithin(Real, Dir);
    });
  }

  void expandResponseFile(StringRef Name, StringRef Base, StringRef Source,
                          tooling::CommandLineArguments &Args,
                          unsigned Depth) const {
    std::string Path = resolvePath(Base, Name);
    auto Refuse = [&](const Twine &Why) {
      if (Warn)
        warnOnce("rsp:" + Path, "ignoring '@" + Name +
                                    "' from the compile database of '" +
                                    Source + "': " + Why);
    };
    if (Depth > 16)
      return Refuse("response files nest too deeply");
    if (!isTrusted(Path))
      return Refuse("response files are read only inside the project and "
                    "the build directory");
    if (!sys::fs::is_regular_file(Path))
      return Refuse("not a regular file");
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(Path);
    if (!Text)
      return Refuse(Text.getError().message());
    BumpPtrAllocator Alloc;
    StringSaver Saver(Alloc);
    SmallVector<const char *, 32> Tokens;
    cl::TokenizeGNUCommandLine((*Text)->getBuffer(), Saver, Tokens,
                               /*MarkEOLs=*/false);
    for (const char *Token : Tokens) {
      StringRef Arg = Token;
      // Nested response files are relative to the one naming them.
      if (Arg.starts_with("@"))
        expandResponseFile(Arg.drop_front(), sys::path::parent_path(Path),
                           Source, Args, Depth + 1);
      else
        Args.push_back(Arg.str());
    }
  }

  std::unique_ptr<tooling::CompilationDatabase> Inner;
  std::string DatabaseDir;
  /// Real paths of the database's directory and the trusted directories.
  std::vector<std::string> TrustedReal;
  bool Warn;
  StringMap<std::vector<tooling::CompileCommand>> Index;
  std::vector<std::string> Files;
  StringMap<std::string> RealPaths;
};

/// The database in Dir, as LibTooling's plugins would find it, but read by
/// us: compile_commands.json, else compile_flags.txt. Null with Reason set
/// when Dir has neither or it is unreadable.
std::unique_ptr<tooling::CompilationDatabase>
loadFromDirectory(StringRef Dir, std::string &Reason) {
  SmallString<256> JSON(Dir);
  sys::path::append(JSON, "compile_commands.json");
  if (sys::fs::exists(JSON)) {
    // LibTooling reads the database as YAML: a JSON syntax error becomes a
    // YAML parser dump and an unrelated complaint. Say what is wrong first.
    if (!sys::fs::is_regular_file(JSON)) {
      Reason = "'" + std::string(JSON) + "': not a regular file";
      return nullptr;
    }
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(JSON);
    if (!Text) {
      Reason = "'" + std::string(JSON) + "': " + Text.getError().message();
      return nullptr;
    }
    if ((*Text)->getBuffer().trim().empty()) {
      Reason = "'" + std::string(JSON) + "': the file is empty";
      return nullptr;
    }
    if (Expected<json::Value> Parsed = json::parse((*Text)->getBuffer());
        !Parsed) {
      Reason = "'" + std::string(JSON) +
               "': not valid JSON: " + toString(Parsed.takeError());
      return nullptr;
    }
    std::string Error;
    std::unique_ptr<tooling::CompilationDatabase> DB =
        tooling::JSONCompilationDatabase::loadFromFile(
            JSON, Error, tooling::JSONCommandLineSyntax::AutoDetect);
    if (!DB)
      Reason = "'" + std::string(JSON) + "': " + Error;
    return DB;
  }
  SmallString<256> Flags(Dir);
  sys::path::append(Flags, "compile_flags.txt");
  if (sys::fs::exists(Flags)) {
    if (!sys::fs::is_regular_file(Flags)) {
      Reason = "'" + std::string(Flags) + "': not a regular file";
      return nullptr;
    }
    std::string Error;
    std::unique_ptr<tooling::CompilationDatabase> DB =
        tooling::FixedCompilationDatabase::loadFromFile(Flags, Error);
    if (!DB)
      Reason = "'" + std::string(Flags) + "': " + Error;
    return DB;
  }
  return nullptr;
}

} // namespace

tooling::CommandLineArguments
dropUnsafeFlags(const tooling::CommandLineArguments &Args, StringRef Origin,
                StringRef File, bool AllowPlugins, bool Warn) {
  tooling::CommandLineArguments Kept;
  auto Drop = [&](StringRef Flag, StringRef Why) {
    if (Warn)
      warnOnce(("unsafe-flag:" + Origin + ":" + Why).str(),
               "ignoring '" + Flag + "' from " + Origin + " '" + File +
                   "': " + Why);
  };
  constexpr StringRef LoadsCode =
      "it loads code into the analyzer; pass --allow-plugins to keep such "
      "flags";
  constexpr StringRef WritesFiles = "the analyzer writes no files";
  constexpr StringRef ReadsFlags =
      "clang configuration files can add any flag; the analyzer reads none";
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
    // Dependency files: -MD, -MF FILE, -MJ FILE, -Wp,-MD,FILE...
    if (Arg.starts_with("-M")) {
      Drop(Arg, WritesFiles);
      if (Arg == "-MF" || Arg == "-MT" || Arg == "-MQ" || Arg == "-MJ")
        ++I;
      continue;
    }
    if (Arg.starts_with("-Wp,") &&
        (Arg.starts_with("-Wp,-M") || Arg.contains(",-M"))) {
      Drop(Arg, WritesFiles);
      continue;
    }
    if (Arg == "--config" || Arg.starts_with("--config=") ||
        Arg.starts_with("--config-system-dir=") ||
        Arg.starts_with("--config-user-dir=")) {
      Drop(Arg, ReadsFlags);
      if (Arg == "--config")
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

namespace {
bool isCLMode(const tooling::CommandLineArguments &Args) {
  if (llvm::is_contained(Args, "--driver-mode=cl"))
    return true;
  StringRef Name = sys::path::stem(Args.front());
  return Name.equals_insensitive("cl") ||
         Name.ends_with_insensitive("clang-cl");
}
} // namespace

tooling::CommandLineArguments
dropUnknownFlags(const tooling::CommandLineArguments &Args, StringRef Origin,
                 StringRef File, bool Warn) {
  if (Args.size() < 2 || isCLMode(Args))
    return Args;
  SmallVector<const char *, 64> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  opt::InputArgList Parsed = driver::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount,
      llvm::opt::Visibility(driver::options::ClangOption));
  std::vector<bool> Unknown(Args.size(), false);
  bool Any = false;
  for (const opt::Arg *A : Parsed) {
    if (A->getOption().getKind() != opt::Option::UnknownClass)
      continue;
    for (unsigned I = A->getIndex(), E = I + A->getNumValues(); I < E; ++I)
      if (I + 1 < Args.size())
        Unknown[I + 1] = true;
    Any = true;
  }
  if (!Any)
    return Args;
  tooling::CommandLineArguments Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (!Unknown[I]) {
      Kept.push_back(Args[I]);
      continue;
    }
    if (Warn)
      warnOnce(
          "unknown-flag:" + Args[I],
          "ignoring '" + Args[I] + "' from " + Origin +
              (File.empty() ? "" : " '" + File + "' (and every other file)") +
              ": clang does not know this flag; --remove-arg='" + Args[I] +
              "' silences this");
  }
  return Kept;
}

namespace {
std::mutex MatchedPatternsLock;
StringSet<> MatchedPatterns;
} // namespace

std::vector<std::string> unmatchedRemoveArgs(ArrayRef<std::string> Patterns) {
  std::lock_guard<std::mutex> Guard(MatchedPatternsLock);
  std::vector<std::string> Unmatched;
  for (const std::string &Pattern : Patterns)
    if (!MatchedPatterns.contains(Pattern))
      Unmatched.push_back(Pattern);
  return Unmatched;
}

tooling::CommandLineArguments
removeArgs(const tooling::CommandLineArguments &Args,
           ArrayRef<std::string> Patterns) {
  if (Patterns.empty() || Args.empty())
    return Args;
  std::vector<std::pair<GlobPattern, StringRef>> Globs;
  for (const std::string &Pattern : Patterns)
    if (Expected<GlobPattern> Glob = GlobPattern::create(Pattern))
      Globs.emplace_back(std::move(*Glob), Pattern);
    else
      consumeError(Glob.takeError()); // Reported when the option is read.
  const opt::OptTable &Table = driver::getDriverOptTable();
  tooling::CommandLineArguments Kept{Args.front()};
  for (size_t I = 1; I < Args.size(); ++I) {
    StringRef Arg = Args[I];
    auto Match =
        find_if(Globs, [&](const auto &G) { return G.first.match(Arg); });
    if (Match == Globs.end()) {
      Kept.push_back(Args[I]);
      continue;
    }
    {
      std::lock_guard<std::mutex> Guard(MatchedPatternsLock);
      MatchedPatterns.insert(Match->second);
    }
    // "-include foo.h", "-x c++": the value goes with the flag, which alone
    // lacks it ("-std=c++20" does not, so the next flag stays).
    if (I + 1 < Args.size()) {
      const char *Alone[] = {Args[I].c_str()};
      unsigned MissingIndex = 0, MissingCount = 0;
      (void)Table.ParseArgs(
          Alone, MissingIndex, MissingCount,
          llvm::opt::Visibility(driver::options::ClangOption));
      if (MissingCount > 0)
        ++I;
    }
  }
  return Kept;
}

bool isGCC(StringRef Compiler) {
  StringRef Name = sys::path::filename(Compiler);
  // g++-12, x86_64-linux-gnu-gcc-12, gcc.
  StringRef Base = Name;
  while (!Base.empty() && (llvm::isDigit(Base.back()) || Base.back() == '.'))
    Base = Base.drop_back();
  Base.consume_back("-");
  if (Base.ends_with("g++") || Base.ends_with("gcc"))
    return !Base.contains("clang");
  if (Base != "c++" && Base != "cc")
    return false;
  // Debian's c++ is an alternative: clang++ or g++. Resolved once per name.
  static std::mutex Lock;
  static StringMap<bool> Resolved;
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, New] = Resolved.try_emplace(Compiler);
  if (New) {
    std::string Path = Compiler.str();
    if (!sys::path::has_parent_path(Compiler))
      if (ErrorOr<std::string> Found = sys::findProgramByName(Compiler))
        Path = *Found;
    std::string Real = realPath(Path);
    It->second = Real.empty() || !sys::path::filename(Real).contains("clang");
  }
  return It->second;
}

tooling::CommandLineArguments
enableAsioCoroutines(const tooling::CommandLineArguments &Args) {
  if (Args.empty() || !isGCC(Args.front()))
    return Args;
  bool Cxx20 = false;
  for (StringRef Arg : Args) {
    if (Arg.contains("ASIO_HAS_CO_AWAIT") ||
        Arg.contains("ASIO_DISABLE_CO_AWAIT"))
      return Args;
    StringRef Standard;
    if (Arg.consume_front("-std=") || Arg.consume_front("--std="))
      Standard = Arg;
    else
      continue;
    if (!Standard.consume_front("gnu++"))
      Standard.consume_front("c++");
    Cxx20 = Standard == "20" || Standard == "2a" || Standard == "23" ||
            Standard == "2b" || Standard == "26" || Standard == "2c";
  }
  if (!Cxx20)
    return Args;
  tooling::CommandLineArguments Result = Args;
  Result.push_back("-DASIO_HAS_CO_AWAIT");
  return Result;
}

std::unique_ptr<tooling::CompilationDatabase>
loadCompilations(std::unique_ptr<tooling::CompilationDatabase> Fixed,
                 const CompileDatabaseOptions &Options,
                 function_ref<void(const Twine &)> Error) {
  std::unique_ptr<tooling::CompilationDatabase> DB = std::move(Fixed);
  if (!DB) {
    std::string Dir;
    std::string Reason;
    if (!Options.BuildPath.empty()) {
      StringRef Build = Options.BuildPath;
      if (Build.ends_with(".json"))
        Build = sys::path::parent_path(Build);
      Dir = absolutePath(Build.empty() ? "." : Build);
      DB = loadFromDirectory(Dir, Reason);
      if (!DB) {
        Error(Reason.empty() ? "no usable compile_commands.json in '" +
                                   Options.BuildPath + "'"
                             : "cannot read the compile database " + Reason);
        return nullptr;
      }
    } else if (!Options.FirstSource.empty()) {
      std::string First = absolutePath(Options.FirstSource);
      for (StringRef Probe = sys::path::parent_path(First); !Probe.empty();
           Probe = sys::path::parent_path(Probe)) {
        DB = loadFromDirectory(Probe, Reason);
        if (DB || !Reason.empty()) {
          Dir = Probe.str();
          break;
        }
      }
      if (!DB) {
        Error(Reason.empty()
                  ? "no compile_commands.json found above '" +
                        Options.FirstSource +
                        "'; pass -p BUILD_DIR, or compiler flags after '--'"
                  : "cannot read the compile database " + Reason);
        return nullptr;
      }
    } else {
      return nullptr;
    }
    DB = std::make_unique<ProjectCompilations>(
        std::move(DB), Dir, Options.TrustedDirectories, Options.Warn);
  }
  DB = tooling::inferTargetAndDriverMode(
      tooling::inferMissingCompileCommands(std::move(DB)));
  auto Adjusting =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
  Adjusting->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      Options.ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  Adjusting->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      Options.ExtraArgs, tooling::ArgumentInsertPosition::END));
  Adjusting->appendArgumentsAdjuster(
      [AllowPlugins = Options.AllowPlugins, Warn = Options.Warn,
       Remove = Options.RemoveArgs, Configured = Options.ConfiguredRemoveArgs](
          const tooling::CommandLineArguments &Args, StringRef File) {
        tooling::CommandLineArguments Result = removeArgs(Args, Remove);
        if (Configured)
          Result = removeArgs(Result, Configured(File));
        Result = enableAsioCoroutines(
            dropUnknownFlags(Result, "the compile database of", File, Warn));
        return dropUnsafeFlags(Result, "the compile database of", File,
                               AllowPlugins, Warn);
      });
  return Adjusting;
}

} // namespace asynclint
