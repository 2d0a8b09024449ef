//===--- Preambles.cpp - async-lint driver --------------------------------===//

#include "Preambles.h"
#include "Analysis.h"
#include "CompileCommands.h"
#include "Configuration.h"
#include "Findings.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <chrono>
#include <map>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace asynclint {

namespace {

/// The leading directives of a file, one normalised line per directive
/// (comments and spacing dropped), as far as they can be shared.
struct Directives {
  std::vector<std::string> Lines;
  /// Offset of each directive's '#'.
  std::vector<unsigned> Starts;
  /// Conditional nesting after each directive.
  std::vector<int> Depth;
  /// Whether an #include is among the first N + 1 directives.
  std::vector<bool> Includes;
  /// Names in quotes (quoted includes, __has_include operands).
  std::vector<std::string> Quoted;
  PreambleBounds Bounds{0, false};

  /// Whether the first N directives can make a preamble: outside any
  /// conditional, with an #include.
  bool canCut(size_t N) const {
    return N > 0 && N <= Lines.size() && Depth[N - 1] == 0 && Includes[N - 1];
  }

  /// The part of the file the first N directives take.
  PreambleBounds cut(size_t N) const {
    if (N < Starts.size())
      return PreambleBounds(Starts[N], /*PreambleEndsAtStartOfLine=*/true);
    return Bounds;
  }

  /// What a worker is told to expect of the first N directives.
  std::string key(size_t N) const {
    std::string Text;
    for (size_t K = 0; K < N; ++K)
      Text += Lines[K] + "\n";
    return std::to_string(N) + ":" + ResultCache::key({Text});
  }
};

Directives scanDirectives(const LangOptions &LangOpts, MemoryBufferRef Buffer) {
  Directives D;
  D.Bounds =
      Lexer::ComputePreamble(Buffer.getBuffer(), LangOpts, /*MaxLines=*/0);
  StringRef Text = Buffer.getBuffer().take_front(D.Bounds.Size);
  Lexer Lex(SourceLocation(), LangOpts, Text.begin(), Text.begin(), Text.end());
  Lex.SetCommentRetentionState(false);
  int Depth = 0;
  bool AnyInclude = false, ExpectName = false;
  std::string Line;
  std::vector<std::string> Quoted;
  // Ends the current directive; false when it cannot be shared.
  auto Finish = [&] {
    if (Line.empty())
      return true;
    if (Depth < 0)
      return false;
    D.Lines.push_back(std::move(Line));
    D.Depth.push_back(Depth);
    D.Includes.push_back(AnyInclude);
    D.Quoted.insert(D.Quoted.end(), Quoted.begin(), Quoted.end());
    Line.clear();
    Quoted.clear();
    return true;
  };
  for (;;) {
    Token Tok;
    bool AtEnd = Lex.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof)) {
      if (!ExpectName)
        Finish();
      break;
    }
    const char *Begin = Lex.getBufferLocation() - Tok.getLength();
    StringRef Spelling(Begin, Tok.getLength());
    if (Tok.isAtStartOfLine()) {
      // Only directives are shared, and each begins a line.
      if (ExpectName || !Finish() || Tok.isNot(tok::hash))
        break;
      D.Starts.push_back(Begin - Text.begin());
      ExpectName = true;
    } else if (ExpectName) {
      ExpectName = false;
      if (Tok.isNot(tok::raw_identifier))
        break;
      StringRef Name = Tok.getRawIdentifier();
      if (Name == "include" || Name == "import") {
        AnyInclude = true;
      } else if (Name == "if" || Name == "ifdef" || Name == "ifndef") {
        ++Depth;
      } else if (Name == "endif") {
        --Depth;
      } else if (Name != "elif" && Name != "else" && Name != "elifdef" &&
                 Name != "elifndef") {
        // #define/#undef would give the shared macros locations in another
        // file; #pragma, #line, #error, #include_next change with the file.
        break;
      }
    } else if (Tok.is(tok::raw_identifier)) {
      // What expands differently in another file, or on another line.
      if (is_contained({"__FILE__", "__LINE__", "__BASE_FILE__",
                        "__FILE_NAME__", "__COUNTER__", "__INCLUDE_LEVEL__",
                        "__TIMESTAMP__"},
                       Tok.getRawIdentifier()))
        break;
    } else if (Tok.is(tok::string_literal)) {
      Quoted.push_back(Spelling.drop_front().drop_back().str());
    } else if (tok::isStringLiteral(Tok.getKind())) {
      break;
    }
    if (Tok.hasLeadingSpace() && !Tok.isAtStartOfLine())
      Line += ' ';
    Line += Spelling;
    if (AtEnd) {
      if (!ExpectName)
        Finish();
      break;
    }
  }
  // A directive cut short by the loop is not shared.
  D.Starts.resize(D.Lines.size() + (D.Starts.size() > D.Lines.size()));
  return D;
}

/// Bounds of the first N directives of Buffer if they are those of Key.
std::optional<PreambleBounds> boundsFor(const LangOptions &LangOpts,
                                        MemoryBufferRef Buffer, StringRef Key) {
  auto [Count, Hash] = Key.split(':');
  size_t N;
  if (Count.getAsInteger(10, N))
    return std::nullopt;
  Directives D = scanDirectives(LangOpts, Buffer);
  if (!D.canCut(N) || D.key(N) != Key)
    return std::nullopt;
  return D.cut(N);
}

/// A hash of the whole file, read again each time (a preamble is replaced
/// under the same name).
std::string fileHash(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return "missing";
  return utohexstr(xxh3_64bits(arrayRefFromStringRef((*Buffer)->getBuffer())),
                   true, 16);
}

std::string escapeMake(StringRef Path) {
  std::string Escaped;
  for (char C : Path) {
    if (C == ' ' || C == '\\' || C == '#')
      Escaped += '\\';
    if (C == '$')
      Escaped += '$';
    Escaped += C;
  }
  return Escaped;
}

/// The main file's leading directives and the compiler's state after them,
/// in a file.
class Builder : public PreambleCallbacks {
public:
  std::string Report;
  std::vector<std::string> Files;

  void BeforeExecute(CompilerInstance &CI) override {
    SM = &CI.getSourceManager();
  }

  void AfterExecute(CompilerInstance &CI) override {
    OptionalFileEntryRef Main = SM->getFileEntryRefForID(SM->getMainFileID());
    for (auto It = SM->fileinfo_begin(); It != SM->fileinfo_end(); ++It)
      if (!Main || It->first != *Main)
        Files.push_back(It->first.getName().str());
  }

  std::unique_ptr<PPCallbacks> createPPCallbacks() override {
    class BaseFile : public PPCallbacks {
    public:
      explicit BaseFile(bool &Used) : Used(Used) {}
      void MacroExpands(const Token &Name, const MacroDefinition &, SourceRange,
                        const MacroArgs *) override {
        // The one built-in macro that names the TU; the shared headers
        // would spell the first file's name for every TU.
        if (const IdentifierInfo *II = Name.getIdentifierInfo())
          if (II->getName() == "__BASE_FILE__")
            Used = true;
      }

    private:
      bool &Used;
    };
    return std::make_unique<BaseFile>(UsesBaseFile);
  }

  bool UsesBaseFile = false;

private:
  SourceManager *SM = nullptr;
};

/// Counts errors and keeps the first one, for the warning.
class FirstError : public DiagnosticConsumer {
public:
  std::string Message;

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !Message.empty())
      return;
    SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc Loc =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (Loc.isValid())
        Message = (Twine(Loc.getFilename()) + ":" + Twine(Loc.getLine()) +
                   ": " + Text)
                      .str();
    }
    if (Message.empty())
      Message = std::string(Text);
  }
};

} // namespace

void usePreamble(CompilerInvocation &Invocation, FileManager &Files,
                 StringRef PCH, StringRef Digest) {
  const auto &Inputs = Invocation.getFrontendOpts().Inputs;
  if (Inputs.size() != 1 || !Inputs.front().isFile())
    return;
  auto Buffer = Files.getBufferForFile(Inputs.front().getFile());
  if (!Buffer)
    return;
  std::optional<PreambleBounds> Bounds =
      boundsFor(Invocation.getLangOpts(), **Buffer, Digest);
  if (!Bounds)
    return; // Read differently than the driver expected: not shared.
  PreprocessorOptions &PP = Invocation.getPreprocessorOpts();
  PP.ImplicitPCHInclude = PCH.str();
  PP.PrecompiledPreambleBytes = {Bounds->Size,
                                 Bounds->PreambleEndsAtStartOfLine};
  // Validation stays on; a header touched without a change still matches.
  Invocation.getHeaderSearchOpts().ValidateASTInputFilesContent = true;
}

Error runPreambleBuilder(StringRef File, StringRef OutputPath,
                         StringRef PCHPath, StringRef Digest,
                         const tooling::CompilationDatabase &Compilations,
                         std::unique_ptr<ClangTidyOptionsProvider> Provider,
                         IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS,
                         bool AllowPlugins) {
  AnalysisFlags Flags;
  Flags.AllowPlugins = AllowPlugins;
  std::string Report = "failed no compile command ran";
  std::vector<std::string> Files;
  Flags.RunInvocation =
      [&](const std::shared_ptr<CompilerInvocation> &Invocation,
          FileManager *FM, std::shared_ptr<PCHContainerOperations> PCHOps,
          DiagnosticConsumer *) {
        const auto &Inputs = Invocation->getFrontendOpts().Inputs;
        if (Inputs.size() != 1 || !Inputs.front().isFile()) {
          Report = "declined not one source file";
          return true;
        }
        auto Buffer = FM->getBufferForFile(Inputs.front().getFile());
        if (!Buffer) {
          Report = "failed cannot read the file";
          return true;
        }
        std::optional<PreambleBounds> Bounds =
            boundsFor(Invocation->getLangOpts(), **Buffer, Digest);
        if (!Bounds) {
          Report = "declined the compiler reads the leading directives "
                   "differently";
          return true;
        }
        Invocation->getHeaderSearchOpts().ValidateASTInputFilesContent = true;
        FirstError Errors;
        IntrusiveRefCntPtr<DiagnosticsEngine> Diags =
            CompilerInstance::createDiagnostics(
                &Invocation->getDiagnosticOpts(), &Errors,
                /*ShouldOwnClient=*/false);
        SmallString<256> Storage;
        if (sys::fs::createUniqueDirectory(
                (sys::path::parent_path(PCHPath) + "/build").str(), Storage)) {
          Report = "failed cannot create a temporary directory";
          return true;
        }
        Builder Callbacks;
        {
          ErrorOr<PrecompiledPreamble> Preamble = PrecompiledPreamble::Build(
              *Invocation, Buffer->get(), *Bounds, *Diags,
              FM->getVirtualFileSystemPtr(), std::move(PCHOps),
              /*StoreInMemory=*/false, Storage, Callbacks);
          if (!Preamble) {
            Report = "failed " + (Errors.Message.empty()
                                      ? Preamble.getError().message()
                                      : Errors.Message);
          } else if (Errors.getNumErrors() || Diags->hasErrorOccurred()) {
            Report = "failed " + (Errors.Message.empty()
                                      ? "the shared headers do not compile"
                                      : Errors.Message);
          } else if (Callbacks.UsesBaseFile) {
            Report = "declined a shared header expands __BASE_FILE__";
          } else {
            // The preamble's file is removed with it: keep it under its name.
            std::error_code EC;
            Report = "failed the precompiled headers were not written";
            for (sys::fs::directory_iterator It(Storage, EC), End;
                 !EC && It != End; It.increment(EC))
              if (!sys::fs::rename(It->path(), PCHPath)) {
                Report = "built";
                break;
              }
          }
        }
        (void)sys::fs::remove_directories(Storage);
        for (const std::string &Name : Callbacks.Files) {
          SmallString<256> Path(Name);
          FM->makeAbsolutePath(Path);
          sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
          Files.push_back(std::string(Path));
        }
        return true;
      };
  ClangTidyContext Context(std::move(Provider));
  (void)analyse(Context, Compilations, {File.str()}, std::move(BaseFS), Flags);
  std::string Deps = "preamble:";
  for (const std::string &Path : Files)
    Deps += " " + escapeMake(Path);
  Deps += "\n";
  if (Error E = writeFileAtomically((OutputPath + ".d").str(), Deps))
    return E;
  return writeFileAtomically(OutputPath, Report + "\n");
}

namespace {

constexpr StringRef ManifestMagic = "async-lint-preamble 1\n";

/// The command line with what names the file or its outputs left out.
std::string flagsKey(const tooling::CompileCommand &Command,
                     StringRef AbsoluteFile) {
  std::string Key = Command.Directory;
  const std::vector<std::string> &Args = Command.CommandLine;
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef Arg = Args[I];
    if (Arg == "-o" || Arg == "-MF" || Arg == "-MT" || Arg == "-MQ") {
      ++I;
      continue;
    }
    if ((Arg.starts_with("-o") && Arg.size() > 2) || Arg == "-c" ||
        Arg == "-MD" || Arg == "-MMD" || Arg.starts_with("-MF") ||
        Arg.starts_with("-MT") || Arg.starts_with("-MQ"))
      continue;
    if (Arg == Command.Filename) {
      Key += "\x1f<file>";
      continue;
    }
    if (!Arg.starts_with("-")) {
      SmallString<256> Path(Arg);
      if (!sys::path::is_absolute(Path))
        sys::fs::make_absolute(Command.Directory, Path);
      sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      if (Path == AbsoluteFile) {
        Key += "\x1f<file>";
        continue;
      }
    }
    Key += "\x1f" + Arg.str();
  }
  return Key;
}

struct Group {
  std::string Key;
  std::string Digest;
  std::vector<size_t> Members;
  std::string PCH;
  std::string Manifest;
  std::string MainFile;
  std::vector<std::string> Dependencies;
  std::string Building;
  /// What went wrong with the preamble in a TU that used it.
  std::string Problem;
  bool Ready = false;
  bool Reused = false;
  bool Warned = false;
};

/// A stored preamble whose headers are unchanged.
bool lookupManifest(Group &G, ResultCache &Cache) {
  auto Buffer = MemoryBuffer::getFile(G.Manifest);
  if (!Buffer)
    return false;
  StringRef Text = (*Buffer)->getBuffer();
  if (!Text.consume_front(ManifestMagic))
    return false;
  std::vector<std::string> Deps;
  std::string PCHHash, Main;
  SmallVector<StringRef, 64> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  bool Complete = false;
  for (StringRef Line : Lines) {
    if (Line == "end") {
      Complete = true;
      break;
    }
    if (Line.consume_front("pch ")) {
      PCHHash = Line.str();
    } else if (Line.consume_front("main ")) {
      Main = Line.str();
    } else if (Line.consume_front("dep ")) {
      auto [Hash, Path] = Line.split(' ');
      if (Hash.empty() || Path.empty() || Cache.contentHash(Path) != Hash)
        return false;
      Deps.push_back(Path.str());
    } else {
      return false;
    }
  }
  if (!Complete || PCHHash.empty() || fileHash(G.PCH) != PCHHash)
    return false;
  G.Dependencies = std::move(Deps);
  G.MainFile = std::move(Main);
  // Recently used: kept when the directory is trimmed.
  int FD;
  if (!sys::fs::openFileForWrite(G.PCH, FD, sys::fs::CD_OpenExisting,
                                 sys::fs::OF_Append)) {
    (void)sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    (void)sys::Process::SafelyCloseFileDescriptor(FD);
  }
  return true;
}

/// Removes the least recently used preambles beyond MaxBytes.
void trimDirectory(StringRef Directory, uint64_t MaxBytes) {
  struct Entry {
    std::string Path;
    uint64_t Size;
    sys::TimePoint<> Used;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (sys::fs::directory_iterator It(Directory, EC), End; !EC && It != End;
       It.increment(EC)) {
    // What a run that was killed outright left (a day is longer than any
    // run; a younger one may still be running).
    if (sys::path::filename(It->path()).starts_with("run-")) {
      sys::fs::file_status Status;
      if (!sys::fs::status(It->path(), Status) &&
          std::chrono::system_clock::now() - Status.getLastModificationTime() >
              std::chrono::hours(24))
        (void)sys::fs::remove_directories(It->path());
      continue;
    }
    if (sys::path::extension(It->path()) != ".pch")
      continue;
    sys::fs::file_status Status;
    if (sys::fs::status(It->path(), Status))
      continue;
    Entries.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  llvm::sort(Entries,
             [](const Entry &A, const Entry &B) { return A.Used < B.Used; });
  for (const Entry &E : Entries) {
    if (Total <= MaxBytes)
      break;
    SmallString<256> Manifest(E.Path);
    sys::path::replace_extension(Manifest, ".manifest");
    (void)sys::fs::remove(Manifest);
    (void)sys::fs::remove(E.Path);
    Total -= E.Size;
  }
}

/// The first compiler error in a worker's results ("" when none).
std::string firstCompilerError(StringRef Results) {
  std::vector<ClangTidyError> Errors;
  if (!readResults(Results, Errors))
    return "unreadable results";
  for (const ClangTidyError &E : Errors)
    if (E.DiagLevel == ClangTidyError::Error)
      return E.Message.Message.empty() ? "a compiler error" : E.Message.Message;
  return "";
}

bool hasCompilerError(StringRef Results) {
  return !firstCompilerError(Results).empty();
}

std::string fileList(ArrayRef<std::string> Files, ArrayRef<size_t> Members) {
  std::string List;
  for (size_t K = 0; K < Members.size() && K < 3; ++K)
    List += (K ? ", '" : "'") + Files[Members[K]] + "'";
  if (Members.size() > 3)
    List += ", ...";
  return List;
}

} // namespace

void runWorkersWithSharedPreambles(
    const SharedPreambleOptions &Options, const WorkerLaunch &Launch,
    ArrayRef<std::string> Files, ArrayRef<size_t> Indices,
    const tooling::CompilationDatabase &Compilations,
    ClangTidyOptionsProvider &Provider, ResultCache &Cache,
    function_ref<void(size_t, const WorkerResult &)> Done) {
  auto Note = [&](const Twine &Message) {
    if (Options.Verbose)
      errs() << "async-lint: " << Message << "\n";
  };
  // Group the TUs that can share their leading directives.
  LangOptions LangOpts;
  LangOpts.CPlusPlus = LangOpts.CPlusPlus11 = LangOpts.CPlusPlus14 = 1;
  LangOpts.CPlusPlus17 = LangOpts.CPlusPlus20 = 1;
  LangOpts.LineComment = LangOpts.Digraphs = LangOpts.Bool = 1;
  std::map<std::string, Group> ByKey;
  std::vector<Group *> GroupOf(Files.size(), nullptr);
  std::vector<std::optional<Directives>> Scanned(Files.size());
  std::map<std::string, std::vector<size_t>> ByFlags;
  for (size_t I : Indices) {
    std::string Path = absolutePath(Files[I]);
    ClangTidyOptions TidyOptions = Provider.getOptions(Path);
    std::vector<std::string> Checks = getCheckNames(TidyOptions, false);
    // Checks that watch the preprocessor, and compiler warnings, would not
    // see the shared directives and headers.
    if (Checks.empty() || any_of(Checks, [](const std::string &Name) {
          return !StringRef(Name).starts_with("async-");
        }))
      continue;
    std::vector<tooling::CompileCommand> Commands =
        Compilations.getCompileCommands(Path);
    if (Commands.size() != 1)
      continue;
    auto Buffer = MemoryBuffer::getFile(Path);
    if (!Buffer)
      continue;
    Directives D = scanDirectives(LangOpts, **Buffer);
    if (none_of(D.Includes, [](bool Include) { return Include; }))
      continue;
    std::vector<std::string> Inputs{ASYNC_LINT_VERSION, Options.ToolHash,
                                    flagsKey(Commands.front(), Path),
                                    Options.AllowPlugins ? "plugins" : ""};
    for (const std::optional<std::vector<std::string>> &Extra :
         {TidyOptions.ExtraArgsBefore, TidyOptions.ExtraArgs})
      Inputs.push_back(Extra ? join(*Extra, "\x1f") : "-");
    Inputs.push_back(join(configuredRemoveArgs(TidyOptions), "\x1f"));
    // A quoted name is looked up next to the file first.
    StringRef Dir = sys::path::parent_path(Path);
    for (const std::string &Name : D.Quoted) {
      SmallString<256> Beside(Dir);
      sys::path::append(Beside, Name);
      if (sys::fs::exists(Beside)) {
        Inputs.push_back(Dir.str());
        break;
      }
    }
    Scanned[I] = std::move(D);
    ByFlags[ResultCache::key(Inputs)].push_back(I);
  }
  // Within the TUs compiled alike: the longest run of leading directives
  // that they all share, or else the same for those that begin alike.
  std::function<void(StringRef, std::vector<size_t>, size_t)> Partition =
      [&](StringRef Flags, std::vector<size_t> Members, size_t From) {
        if (Members.size() < 2)
          return;
        const Directives &Any = *Scanned[Members.front()];
        size_t Common = From;
        while (all_of(Members, [&](size_t I) {
          const Directives &D = *Scanned[I];
          return Common < D.Lines.size() &&
                 D.Lines[Common] == Any.Lines[Common];
        }))
          ++Common;
        size_t Cut = Common;
        while (Cut > 0 && !Any.canCut(Cut))
          --Cut;
        if (Cut > 0) {
          std::string Digest = Any.key(Cut);
          std::string Key = ResultCache::key({Flags.str(), Digest});
          Group &G = ByKey[Key];
          G.Key = Key;
          G.Digest = Digest;
          G.Members = Members;
          for (size_t I : Members)
            GroupOf[I] = &G;
          return;
        }
        std::map<std::string, std::vector<size_t>> ByLine;
        for (size_t I : Members)
          if (Common < Scanned[I]->Lines.size())
            ByLine[Scanned[I]->Lines[Common]].push_back(I);
        for (auto &[Line, Subset] : ByLine)
          Partition(Flags, std::move(Subset), Common + 1);
      };
  for (auto &[Flags, Members] : ByFlags)
    Partition(Flags, Members, 0);

  // Where the preambles are kept.
  SmallString<256> Directory;
  SmallString<256> Temporary;
  bool AnyShared = any_of(ByKey, [](const auto &Entry) {
    return Entry.second.Members.size() >= 2;
  });
  if (!AnyShared) {
    runWorkers(Launch, Files, Indices, Done);
    return;
  }
  if (!Options.CacheDirectory.empty()) {
    Directory = Options.CacheDirectory;
    sys::path::append(Directory, "preambles");
    if (sys::fs::create_directories(Directory) ||
        sys::fs::make_absolute(Directory))
      Directory.clear();
  }
  if (Directory.empty() &&
      !sys::fs::createUniqueDirectory("async-lint-preambles", Temporary))
    Directory = Temporary;
  // Preambles being built, moved into Directory when complete; removed
  // with what an interrupted build left.
  SmallString<256> RunDirectory;
  if (!Directory.empty() &&
      sys::fs::createUniqueDirectory((Directory + "/run").str(), RunDirectory))
    Directory.clear();

  std::vector<Group *> ToBuild;
  for (auto &[Key, G] : ByKey) {
    if (G.Members.size() < 2 || Directory.empty()) {
      for (size_t I : G.Members)
        GroupOf[I] = nullptr;
      continue;
    }
    SmallString<256> Base(Directory);
    sys::path::append(Base, Key);
    G.PCH = (Base + ".pch").str();
    G.Manifest = (Base + ".manifest").str();
    if (Temporary.empty() && lookupManifest(G, Cache)) {
      G.Ready = G.Reused = true;
      Note("reusing the preamble shared by " + Twine(G.Members.size()) +
           " files (" + fileList(Files, G.Members) + ")");
    } else {
      ToBuild.push_back(&G);
    }
  }

  // Builders run with the TUs that share nothing and those whose preamble
  // is ready; then the TUs whose preamble was just built.
  std::vector<std::string> AllFiles(Files.begin(), Files.end());
  std::map<size_t, Group *> BuilderOf;
  for (Group *G : ToBuild) {
    BuilderOf[AllFiles.size()] = G;
    SmallString<256> Building(RunDirectory);
    sys::path::append(Building, G->Key + ".pch");
    G->Building = std::string(Building);
    G->MainFile = absolutePath(Files[G->Members.front()]);
    AllFiles.push_back(Files[G->Members.front()]);
  }
  std::vector<size_t> Reruns;
  // Results are handed on in the order of Indices, as runWorkers does.
  std::vector<std::optional<WorkerResult>> Arrived(Files.size());
  size_t Next = 0;
  auto Deliver = [&](size_t I, WorkerResult Result) {
    Arrived[I] = std::move(Result);
    for (; Next < Indices.size() && Arrived[Indices[Next]]; ++Next) {
      Done(Indices[Next], *Arrived[Indices[Next]]);
      Arrived[Indices[Next]].reset();
    }
  };
  auto UsesPreamble = [&](size_t I) {
    return I < Files.size() && GroupOf[I] && GroupOf[I]->Ready;
  };
  WorkerLaunch How = Launch;
  How.ArgumentsFor = [&](size_t I) -> std::vector<std::string> {
    if (auto It = BuilderOf.find(I); It != BuilderOf.end())
      return {"--internal-build-preamble=" + It->second->Building,
              "--internal-preamble-digest=" + It->second->Digest};
    if (UsesPreamble(I))
      return {"--internal-preamble=" + GroupOf[I]->PCH,
              "--internal-preamble-digest=" + GroupOf[I]->Digest};
    return {};
  };
  auto Analysed = [&](size_t I, const WorkerResult &R) {
    if (auto It = BuilderOf.find(I); It != BuilderOf.end()) {
      Group &G = *It->second;
      StringRef Report = StringRef(R.Results).trim();
      if (R.Ok && Report == "built") {
        std::string Manifest(ManifestMagic);
        Manifest += "pch " + fileHash(G.Building) + "\n";
        Manifest += "main " + G.MainFile + "\n";
        for (const std::string &Dep : R.Dependencies)
          Manifest += "dep " + Cache.contentHash(Dep) + " " + Dep + "\n";
        Manifest += "end\n";
        if (!sys::fs::rename(G.Building, G.PCH) &&
            !writeFileAtomically(G.Manifest, Manifest)) {
          G.Ready = true;
          G.Dependencies = R.Dependencies;
          Note("built the preamble shared by " + Twine(G.Members.size()) +
               " files (" + fileList(Files, G.Members) + ")");
          return;
        }
      }
      if (R.Ok && Report.consume_front("declined ")) {
        Note("not sharing the headers of " + fileList(Files, G.Members) + ": " +
             Report);
        return;
      }
      Report.consume_front("failed ");
      Options.Warn(
          "the headers shared by " + Twine(G.Members.size()) + " files (" +
          fileList(Files, G.Members) + ") could not be precompiled: " +
          (R.Ok ? Report.str() : R.Failure) + "; they are analysed one by one");
      G.Warned = true;
      return;
    }
    if (!UsesPreamble(I)) {
      Deliver(I, R);
      return;
    }
    // When in doubt, again without: a compiler error or a crash may come
    // from the preamble (a header that changed during the run, a damaged
    // file).
    bool TimedOut = !R.Ok && StringRef(R.Failure).starts_with("timed out");
    if ((!R.Ok && !TimedOut) || (R.Ok && hasCompilerError(R.Results))) {
      if (GroupOf[I]->Problem.empty())
        GroupOf[I]->Problem = R.Ok ? firstCompilerError(R.Results) : R.Failure;
      Reruns.push_back(I);
      return;
    }
    WorkerResult Merged = R;
    Group &G = *GroupOf[I];
    std::string Own = absolutePath(Files[I]);
    llvm::erase_if(Merged.Dependencies, [&](const std::string &Dep) {
      return Dep == G.PCH || (Dep == G.MainFile && Dep != Own);
    });
    StringSet<> Seen;
    for (const std::string &Dep : Merged.Dependencies)
      Seen.insert(Dep);
    for (const std::string &Dep : G.Dependencies)
      if (Seen.insert(Dep).second)
        Merged.Dependencies.push_back(Dep);
    Deliver(I, std::move(Merged));
  };

  std::vector<size_t> First;
  First.reserve(BuilderOf.size() + Indices.size());
  for (const auto &Builder : BuilderOf)
    First.push_back(Builder.first);
  std::vector<size_t> Later;
  for (size_t I : Indices)
    (GroupOf[I] && !GroupOf[I]->Ready ? Later : First).push_back(I);
  // Workers that would wait for the preambles analyse a file of a group
  // without one meanwhile (-j 2 and one group: one builds, one parses).
  while (First.size() < std::max(1u, Launch.Parallel) && Later.size() > 1) {
    GroupOf[Later.back()] = nullptr;
    First.push_back(Later.back());
    Later.pop_back();
  }
  runWorkers(How, AllFiles, First, Analysed);
  if (!interrupted())
    runWorkers(How, AllFiles, Later, Analysed);
  if (!interrupted() && !Reruns.empty()) {
    std::vector<size_t> Again = Reruns;
    std::vector<Group *> Owners(Files.size(), nullptr);
    for (size_t I : Again) {
      Owners[I] = GroupOf[I];
      GroupOf[I] = nullptr;
    }
    auto ByKeyOf = [&](size_t I) { return Owners[I]; };
    Note("analysing " + Twine(Again.size()) +
         " files again without their shared preamble");
    std::map<size_t, Group *> Before;
    for (size_t I : Again)
      Before[I] = ByKeyOf(I);
    runWorkers(Launch, Files, Again, [&](size_t I, const WorkerResult &R) {
      // Fine without it: the preamble is damaged or stale; it is not used
      // again.
      Group *G = Before[I];
      if (G && !G->Warned && R.Ok && !hasCompilerError(R.Results)) {
        G->Warned = true;
        Options.Warn("the preamble shared by " + Twine(G->Members.size()) +
                     " files (" + fileList(Files, G->Members) +
                     ") could not be used (" + G->Problem +
                     "); they are analysed one by one");
        (void)sys::fs::remove(G->Manifest);
        (void)sys::fs::remove(G->PCH);
      }
      Deliver(I, R);
    });
  }
  if (!RunDirectory.empty())
    (void)sys::fs::remove_directories(RunDirectory);
  if (!Temporary.empty())
    (void)sys::fs::remove_directories(Temporary);
  else if (!Directory.empty())
    trimDirectory(Directory, Options.MaxCacheBytes);
}

} // namespace asynclint
