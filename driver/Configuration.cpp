//===--- Configuration.cpp - async-lint driver ----------------------------===//

#include "Configuration.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <set>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace asynclint {
namespace {

/// Parses one configuration, with the first parse error as
/// "FILE:LINE:COL: message" in Problem.
std::optional<ClangTidyOptions> parse(StringRef Text, StringRef Source,
                                      std::string &Problem) {
  std::string First;
  ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      MemoryBufferRef(Text, Source), [&](const SMDiagnostic &D) {
        if (First.empty())
          First = (Source + ":" + Twine(D.getLineNo()) + ":" +
                   Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
                      .str();
      });
  if (Parsed)
    return std::move(*Parsed);
  Problem = First.empty() ? (Source + ": " + Parsed.getError().message()).str()
                          : First;
  return std::nullopt;
}

/// .clang-tidy files from the file's directory up, like clang-tidy's
/// FileOptionsProvider, except that a broken one is reported once (through
/// Error, located) and otherwise skipped, instead of being printed to
/// stderr each time a file under it is looked at.
class ProjectOptionsProvider : public ClangTidyOptionsProvider {
public:
  ProjectOptionsProvider(ClangTidyGlobalOptions Global,
                         ClangTidyOptions Defaults, ClangTidyOptions Overrides,
                         IntrusiveRefCntPtr<vfs::FileSystem> FS,
                         std::function<void(const Twine &)> Error,
                         ArrayRef<std::string> Trusted)
      : Global(std::move(Global)), Defaults(std::move(Defaults)),
        Overrides(std::move(Overrides)), FS(std::move(FS)),
        Error(std::move(Error)) {
    for (const std::string &Dir : Trusted) {
      SmallString<256> Real;
      if (!Dir.empty() && !sys::fs::real_path(Dir, Real))
        TrustedReal.push_back(std::string(Real));
    }
  }

  const ClangTidyGlobalOptions &getGlobalOptions() override { return Global; }

  std::vector<OptionsSource> getRawOptions(StringRef FileName) override {
    std::vector<OptionsSource> Sources;
    Sources.emplace_back(Defaults, OptionsSourceTypeDefaultBinary);
    SmallString<256> Path(FileName);
    if (FS->makeAbsolute(Path))
      Path = FileName;
    sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    std::vector<const OptionsSource *> Found;
    for (StringRef Dir = sys::path::parent_path(Path); !Dir.empty();
         Dir = sys::path::parent_path(Dir)) {
      const std::optional<OptionsSource> &Config = configIn(Dir);
      if (!Config)
        continue;
      Found.push_back(&*Config);
      if (!Config->first.InheritParentConfig.value_or(false))
        break;
    }
    for (const OptionsSource *Config : llvm::reverse(Found))
      Sources.push_back(*Config);
    Sources.emplace_back(Overrides, OptionsSourceTypeCheckCommandLineOption);
    return Sources;
  }

private:
  const std::optional<OptionsSource> &configIn(StringRef Dir) {
    auto [It, Inserted] = Cache.try_emplace(Dir);
    if (!Inserted)
      return It->second;
    SmallString<256> File(Dir);
    sys::path::append(File, ".clang-tidy");
    // Only a regular file: a checkout can hold a .clang-tidy symlink to
    // /dev/zero.
    ErrorOr<vfs::Status> Status = FS->status(File);
    if (!Status)
      return It->second;
    if (Status->getType() != sys::fs::file_type::regular_file) {
      Error("cannot read configuration file '" + File +
            "': not a regular file");
      return It->second;
    }
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text = FS->getBufferForFile(File);
    if (!Text) {
      if (Text.getError() != std::errc::no_such_file_or_directory &&
          Text.getError() != std::errc::is_a_directory)
        Error("cannot read configuration file '" + File +
              "': " + Text.getError().message());
      return It->second;
    }
    std::string Problem;
    if (std::optional<ClangTidyOptions> Parsed =
            parse((*Text)->getBuffer(), File, Problem)) {
      refuseOutsideDataFiles(*Parsed, Dir, File);
      It->second.emplace(std::move(*Parsed), std::string(File));
    } else
      Error("invalid configuration: " + Problem +
            " (the files under it are analysed without it)");
    return It->second;
  }

  /// Whether Path (relative to Dir) is inside a trusted directory, after
  /// symlinks are resolved (a path that does not exist: as written).
  bool isTrusted(StringRef Path, StringRef Dir) const {
    SmallString<256> Resolved(Path);
    if (!sys::path::is_absolute(Resolved)) {
      Resolved = Dir;
      sys::path::append(Resolved, Path);
    }
    SmallString<256> Real;
    if (sys::fs::real_path(Resolved, Real)) {
      Real = Resolved;
      sys::path::remove_dots(Real, /*remove_dot_dot=*/true);
    }
    return llvm::any_of(TrustedReal, [&](StringRef Root) {
      return Real == Root || (Real.str().starts_with(Root) &&
                              (Root.ends_with("/") ||
                               sys::path::is_separator(Real[Root.size()])));
    });
  }

  /// A .clang-tidy in the analysed tree can come from the change under
  /// review: the data files it names are read only inside the project and
  /// the build directory (as response files are), or the checks would read
  /// and quote any file the analysis can read.
  void refuseOutsideDataFiles(ClangTidyOptions &Options, StringRef Dir,
                              StringRef File) {
    for (const auto &[Option, Name] : dataFileOptions()) {
      auto It = Options.CheckOptions.find(Option);
      if (It == Options.CheckOptions.end())
        continue;
      std::string Kept;
      SmallVector<StringRef, 4> Items;
      std::string Value = It->getValue().Value;
      std::replace(Value.begin(), Value.end(), ',', ';');
      StringRef(Value).split(Items, ';', -1, /*KeepEmpty=*/false);
      bool Refused = false;
      for (StringRef Item : Items) {
        Item = Item.trim();
        if (Item.empty())
          continue;
        if (isTrusted(Item, Dir)) {
          Kept += (Kept.empty() ? "" : ";") + Item.str();
          continue;
        }
        Refused = true;
        Error("not reading '" + Item + "' named by " + Option + " in '" + File +
              "': a configuration in the analysed tree may name data files "
              "only inside the project and the build directory; pass it "
              "with --config to use it");
      }
      if (Refused)
        It->getValue().Value = Kept;
    }
  }

  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults;
  ClangTidyOptions Overrides;
  IntrusiveRefCntPtr<vfs::FileSystem> FS;
  std::function<void(const Twine &)> Error;
  /// Real paths of the directories data files may be read from.
  std::vector<std::string> TrustedReal;
  StringMap<std::optional<OptionsSource>> Cache;
};

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
    // The defaults enable async-* unless a configuration sets Checks.
    bool Replaced = llvm::any_of(Sources, [](const OptionsSource &Source) {
      return Source.first.Checks &&
             Source.second != OptionsSourceTypeDefaultBinary;
    });
    bool Decided =
        !Replaced || llvm::any_of(Sources, [](const OptionsSource &Source) {
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

} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
createOptionsProvider(const ConfigurationOptions &Options,
                      IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions = ClangTidyOptions::getDefaults();
  DefaultOptions.Checks = "-*,async-*";
  // The project's own headers (not system headers: those are never
  // reported), each finding once however many files include it.
  if (!Options.SourceRoot.empty()) {
    StringRef Root = Options.SourceRoot;
    while (Root.size() > 1 && Root.ends_with("/"))
      Root = Root.drop_back();
    DefaultOptions.HeaderFilterRegex =
        "^" + Regex::escape(Root) + (Root == "/" ? "" : "/");
  }
  if (std::optional<std::string> User = sys::Process::GetEnv("USER"))
    DefaultOptions.User = *User;

  ClangTidyOptions OverrideOptions;
  if (Options.Checks)
    OverrideOptions.Checks = *Options.Checks;
  if (Options.HeaderFilter)
    OverrideOptions.HeaderFilterRegex = *Options.HeaderFilter;

  auto FromText =
      [&](StringRef Text,
          StringRef Source) -> std::unique_ptr<ClangTidyOptionsProvider> {
    std::string Problem;
    std::optional<ClangTidyOptions> Parsed = parse(Text, Source, Problem);
    if (!Parsed) {
      Options.Error("invalid configuration in '" + Source + "': " + Problem);
      return nullptr;
    }
    return std::make_unique<AsyncChecksOnProvider>(
        std::make_unique<ConfigOptionsProvider>(
            std::move(GlobalOptions), std::move(DefaultOptions), *Parsed,
            std::move(OverrideOptions), std::move(FS)));
  };

  if (Options.ConfigFile) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text =
        MemoryBuffer::getFile(*Options.ConfigFile);
    if (!Text) {
      Options.Error("cannot read configuration file '" + *Options.ConfigFile +
                    "': " + Text.getError().message());
      return nullptr;
    }
    return FromText((*Text)->getBuffer(), *Options.ConfigFile);
  }
  if (Options.Config)
    return FromText(*Options.Config, "--config");
  std::vector<std::string> Trusted = Options.TrustedDirectories;
  Trusted.push_back(Options.SourceRoot);
  return std::make_unique<AsyncChecksOnProvider>(
      std::make_unique<ProjectOptionsProvider>(
          std::move(GlobalOptions), std::move(DefaultOptions),
          std::move(OverrideOptions), std::move(FS), Options.Error, Trusted));
}

ArrayRef<std::pair<StringRef, StringRef>> dataFileOptions() {
  static constexpr std::pair<StringRef, StringRef> Options[] = {
      {"async-blocking-call.DatabaseFiles", "DatabaseFiles"},
      {"async-unawaited-coroutine.RuleFiles", "RuleFiles"}};
  return Options;
}

std::vector<std::string> unknownCheckWarnings(StringRef CheckList,
                                              StringRef Source) {
  ClangTidyOptions All;
  All.Checks = "*";
  std::vector<std::string> Names =
      getCheckNames(All, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  std::vector<std::string> Warnings;
  SmallVector<StringRef, 16> Items;
  CheckList.split(Items, ',');
  for (StringRef Item : Items) {
    SmallVector<StringRef, 4> Lines;
    Item.split(Lines, '\n');
    for (StringRef Line : Lines) {
      StringRef Pattern = Line.trim();
      // Removals cannot be wrong; compiler warnings have no fixed list.
      if (Pattern.empty() || Pattern.starts_with("-") ||
          Pattern.starts_with("clang-diagnostic-"))
        continue;
      GlobList Glob(Pattern);
      if (llvm::any_of(Names,
                       [&](const std::string &N) { return Glob.contains(N); }))
        continue;
      std::string Message =
          ("unknown check '" + Pattern + "' in " + Source).str();
      if (!Pattern.contains('*')) {
        StringRef Closest;
        unsigned Best = 4;
        for (const std::string &N : Names) {
          unsigned Distance = Pattern.edit_distance(N, true, Best);
          if (Distance < Best) {
            Best = Distance;
            Closest = N;
          }
        }
        if (!Closest.empty())
          Message += ("; did you mean '" + Closest + "'?").str();
      }
      Warnings.push_back(std::move(Message));
    }
  }
  return Warnings;
}

std::vector<std::string> configuredRemoveArgs(const ClangTidyOptions &Options) {
  std::vector<std::string> Flags;
  auto It = Options.CheckOptions.find("async-lint.RemoveArgs");
  if (It == Options.CheckOptions.end())
    return Flags;
  SmallVector<StringRef, 8> Items;
  StringRef(It->getValue().Value).split(Items, ';');
  for (StringRef Item : Items)
    if (!Item.trim().empty())
      Flags.push_back(Item.trim().str());
  return Flags;
}

unsigned verifyConfiguration(ClangTidyOptionsProvider &Provider,
                             ArrayRef<std::string> Files,
                             function_ref<void(const Twine &)> Error) {
  unsigned Problems = 0;
  auto Report = [&](const Twine &Message) {
    Error(Message);
    ++Problems;
  };
  ClangTidyOptions All;
  All.Checks = "*";
  ClangTidyOptions::OptionMap Known = getCheckOptions(All, false);
  std::set<std::string> Seen;
  auto Name = [](StringRef Source) {
    return Source.starts_with("/") ? ("'" + Source + "'").str() : Source.str();
  };
  for (const std::string &File : Files) {
    std::vector<ClangTidyOptionsProvider::OptionsSource> Sources =
        Provider.getRawOptions(File);
    for (const auto &[Options, Source] : Sources) {
      if (Source == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary ||
          !Seen.insert(Source).second)
        continue;
      if (Options.Checks)
        for (const std::string &Warning :
             unknownCheckWarnings(*Options.Checks, Name(Source)))
          Report(Warning);
      for (const auto &[Key, Value] : Options.CheckOptions) {
        StringRef Option = Key;
        if (Known.count(Option) || !Option.contains('.') ||
            Option == "async-lint.RemoveArgs")
          continue;
        std::string Message =
            ("unknown option '" + Option + "' in " + Name(Source)).str();
        StringRef Closest;
        unsigned Best = 4;
        for (const auto &Candidate : Known) {
          unsigned Distance =
              Option.edit_distance(Candidate.getKey(), true, Best);
          if (Distance < Best) {
            Best = Distance;
            Closest = Candidate.getKey();
          }
        }
        if (!Closest.empty())
          Message += ("; did you mean '" + Closest + "'?").str();
        Report(Message);
      }
      for (const std::string &Flag : configuredRemoveArgs(Options))
        if (Expected<GlobPattern> Glob = GlobPattern::create(Flag); !Glob)
          Report("invalid pattern '" + Flag + "' in async-lint.RemoveArgs in " +
                 Name(Source) + ": " + toString(Glob.takeError()));
    }
    // Values: the checks enabled for the file, made with its options,
    // report what they cannot use.
    ClangTidyOptions Effective = Provider.getOptions(File);
    ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
        ClangTidyGlobalOptions(), Effective));
    ClangTidyDiagnosticConsumer Consumer(Context);
    DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(),
                             &Consumer, /*ShouldOwnClient=*/false);
    Context.setDiagnosticsEngine(&Engine);
    Context.setCurrentFile(File);
    ClangTidyASTConsumerFactory Factory(Context);
    (void)Factory.getCheckOptions();
    std::vector<ClangTidyError> Diagnostics = Consumer.take();
    explainConfigurationDiagnostics(Diagnostics, Sources);
    for (const ClangTidyError &D : Diagnostics)
      if (Seen.insert("value:" + D.Message.Message).second)
        Report(D.Message.Message);
  }
  return Problems;
}

void explainConfigurationDiagnostics(
    std::vector<ClangTidyError> &Errors,
    const std::vector<ClangTidyOptionsProvider::OptionsSource> &Sources) {
  for (ClangTidyError &E : Errors) {
    if (E.DiagnosticName != "clang-tidy-config")
      continue;
    E.DiagLevel = ClangTidyError::Error;
    std::string &Message = E.Message.Message;
    constexpr StringRef Marker = "for option '";
    size_t Start = Message.find(Marker);
    if (Start == std::string::npos)
      continue;
    Start += Marker.size();
    size_t End = Message.find('\'', Start);
    if (End == std::string::npos)
      continue;
    std::string Option = Message.substr(Start, End - Start);
    for (const auto &Source : llvm::reverse(Sources)) {
      if (!Source.first.CheckOptions.count(Option))
        continue;
      Message.insert(End + 1,
                     " set in " + (StringRef(Source.second).starts_with("/")
                                       ? "'" + Source.second + "'"
                                       : Source.second));
      break;
    }
  }
}

} // namespace asynclint
