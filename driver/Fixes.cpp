//===--- Fixes.cpp - async-lint driver ------------------------------------===//

#include "Fixes.h"
#include "CompileCommands.h"
#include "Findings.h"
#include "Workers.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Format/Format.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/Utils.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace asynclint {

namespace {

/// A replacement's file as an absolute path: relative ones are relative to
/// the directory the TU was compiled in.
std::string absoluteFile(StringRef File, StringRef BuildDirectory) {
  SmallString<256> Path(File);
  if (!sys::path::is_absolute(Path) && !BuildDirectory.empty())
    sys::fs::make_absolute(BuildDirectory, Path);
  else
    Path = absolutePath(File);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

/// Code with Replaces applied after clang-tidy's clean-up and formatting in
/// the configured FormatStyle, as `clang-tidy --fix` does.
/// A .clang-format above File that is not a regular file (a symlink to
/// /dev/zero in a checkout would make clang-format read forever), if any.
std::optional<std::string> irregularFormatFile(StringRef File) {
  for (StringRef Dir = sys::path::parent_path(File); !Dir.empty();
       Dir = sys::path::parent_path(Dir))
    for (StringRef Name : {".clang-format", "_clang-format"}) {
      SmallString<256> Candidate(Dir);
      sys::path::append(Candidate, Name);
      if (sys::fs::exists(Candidate) && !sys::fs::is_regular_file(Candidate))
        return std::string(Candidate);
    }
  return std::nullopt;
}

Expected<tooling::Replacements>
finalReplacements(StringRef File, StringRef Code,
                  const tooling::Replacements &Replaces,
                  ClangTidyContext &Context) {
  std::string StyleName =
      Context.getOptionsForFile(File).FormatStyle.value_or("none");
  // Any style but "none" may read .clang-format files ("file", a fallback,
  // BasedOnStyle: InheritParentConfig).
  if (!StringRef(StyleName).equals_insensitive("none"))
    if (std::optional<std::string> Irregular = irregularFormatFile(File))
      return createStringError(std::errc::invalid_argument,
                               "'%s' is not a regular file",
                               Irregular->c_str());
  Expected<format::FormatStyle> Style =
      format::getStyle(StyleName, File, "none");
  if (!Style)
    return Style.takeError();
  Expected<tooling::Replacements> Cleaned =
      format::cleanupAroundReplacements(Code, Replaces, *Style);
  if (!Cleaned)
    return Cleaned.takeError();
  tooling::Replacements Final = *Cleaned;
  if (Expected<tooling::Replacements> Formatted =
          format::formatReplacements(Code, *Cleaned, *Style))
    Final = std::move(*Formatted);
  else
    consumeError(Formatted.takeError()); // Unformatted, still correct.
  return Final;
}

Expected<std::string> fixedCode(StringRef File, StringRef Code,
                                const tooling::Replacements &Replaces,
                                ClangTidyContext &Context) {
  Expected<tooling::Replacements> Final =
      finalReplacements(File, Code, Replaces, Context);
  if (!Final)
    return Final.takeError();
  return tooling::applyAllReplacements(Code, *Final);
}

/// The lines of Text, each with its newline (the last one may lack it).
std::vector<StringRef> splitLines(StringRef Text) {
  std::vector<StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    End = End == StringRef::npos ? Text.size() : End + 1;
    Lines.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Lines;
}

/// Code and Fixed (Code with Replaces applied) as the hunks of a unified
/// diff with three lines of context. The changed lines are found from the
/// replacements, so a large file with two small fixes costs two small
/// comparisons.
void writeHunks(raw_ostream &OS, StringRef Code,
                const tooling::Replacements &Replaces) {
  auto Emit = [&](char Mark, StringRef Line) {
    OS << Mark << Line;
    if (!Line.ends_with("\n"))
      OS << "\n\\ No newline at end of file\n";
  };
  std::vector<StringRef> Old = splitLines(Code);
  if (Old.empty()) {
    std::vector<StringRef> New =
        splitLines(tooling::applyAllReplacements(Code, Replaces).get());
    OS << "@@ -0,0 +1," << New.size() << " @@\n";
    for (StringRef Line : New)
      Emit('+', Line);
    return;
  }
  long Lines = Old.size();
  std::vector<size_t> Starts; // Offset of each line, and the end.
  size_t Offset = 0;
  for (StringRef Line : Old) {
    Starts.push_back(Offset);
    Offset += Line.size();
  }
  Starts.push_back(Offset);
  auto LineOf = [&](size_t At) -> long {
    long Line = llvm::upper_bound(Starts, At) - Starts.begin() - 1;
    return std::clamp(Line, 0L, Lines - 1);
  };
  auto LastLineOf = [&](const tooling::Replacement &R) {
    return R.getLength() ? LineOf(R.getOffset() + R.getLength() - 1)
                         : LineOf(R.getOffset());
  };
  // Blocks of whole old lines [First, Last] (Last < First: none) and the
  // lines that replace them.
  struct Block {
    long First, Last;
    std::vector<std::string> New;
  };
  std::vector<Block> Blocks;
  std::vector<tooling::Replacement> Sorted(Replaces.begin(), Replaces.end());
  for (size_t I = 0; I < Sorted.size();) {
    long First = LineOf(Sorted[I].getOffset());
    long Last = LastLineOf(Sorted[I]);
    size_t J = I + 1;
    while (J < Sorted.size() && LineOf(Sorted[J].getOffset()) <= Last + 1) {
      Last = std::max(Last, LastLineOf(Sorted[J]));
      ++J;
    }
    size_t From = Starts[First], To = Starts[Last + 1];
    std::string Text = Code.substr(From, To - From).str();
    // Applied back to front, so that earlier offsets stay valid.
    for (size_t K = J; K-- > I;)
      Text.replace(Sorted[K].getOffset() - From, Sorted[K].getLength(),
                   Sorted[K].getReplacementText().str());
    Block B{First, Last, {}};
    for (StringRef Line : splitLines(Text))
      B.New.push_back(Line.str());
    // Lines the replacements left as they were are context.
    while (B.First <= B.Last && !B.New.empty() &&
           Old[B.First] == B.New.front()) {
      ++B.First;
      B.New.erase(B.New.begin());
    }
    while (B.First <= B.Last && !B.New.empty() && Old[B.Last] == B.New.back()) {
      --B.Last;
      B.New.pop_back();
    }
    if (B.First <= B.Last || !B.New.empty())
      Blocks.push_back(std::move(B));
    I = J;
  }
  constexpr long Context = 3;
  long Delta = 0; // New line numbers minus old ones, before the hunk.
  for (size_t B = 0; B < Blocks.size();) {
    // Blocks whose contexts touch go in one hunk.
    size_t E = B + 1;
    while (E < Blocks.size() &&
           Blocks[E].First <= Blocks[E - 1].Last + 1 + 2 * Context)
      ++E;
    long Start = std::max(0L, Blocks[B].First - Context);
    long Stop = std::min(Lines, Blocks[E - 1].Last + 1 + Context);
    long OldCount = Stop - Start, NewCount = Stop - Start;
    for (size_t K = B; K < E; ++K)
      NewCount += static_cast<long>(Blocks[K].New.size()) -
                  (Blocks[K].Last + 1 - Blocks[K].First);
    auto Range = [](long Line, long Count) {
      // A range of no lines names the line before it.
      return std::to_string(Count ? Line + 1 : Line) +
             (Count == 1 ? "" : "," + std::to_string(Count));
    };
    OS << "@@ -" << Range(Start, OldCount) << " +"
       << Range(Start + Delta, NewCount) << " @@\n";
    long Line = Start;
    for (size_t K = B; K < E; ++K) {
      for (; Line < Blocks[K].First; ++Line)
        Emit(' ', Old[Line]);
      for (; Line <= Blocks[K].Last; ++Line)
        Emit('-', Old[Line]);
      for (const std::string &New : Blocks[K].New)
        Emit('+', New);
      Delta += static_cast<long>(Blocks[K].New.size()) -
               (Blocks[K].Last + 1 - Blocks[K].First);
    }
    for (; Line < Stop; ++Line)
      Emit(' ', Old[Line]);
    B = E;
  }
}

} // namespace

std::vector<std::string>
systemIncludeDirectories(const tooling::CompilationDatabase &Compilations,
                         ArrayRef<std::string> Files) {
  IntrusiveRefCntPtr<DiagnosticsEngine> Diags(new DiagnosticsEngine(
      new DiagnosticIDs(), new DiagnosticOptions(), new IgnoringDiagConsumer(),
      /*ShouldOwnClient=*/true));
  std::set<std::string> Commands;
  std::set<std::string> Directories;
  for (const std::string &File : Files) {
    for (const tooling::CompileCommand &Command :
         Compilations.getCompileCommands(absolutePath(File))) {
      // The same flags (the file aside, but for its language) give the same
      // directories.
      std::string Key = Command.Directory;
      std::vector<const char *> Args;
      for (const std::string &Arg : Command.CommandLine) {
        Key += '\0';
        Key += Arg == Command.Filename ? sys::path::extension(Arg) : Arg;
        Args.push_back(Arg.c_str());
      }
      if (Args.empty() || !Commands.insert(Key).second)
        continue;
      // The compiler driver knows its built-in directories.
      CreateInvocationOptions Options;
      Options.Diags = Diags;
      Options.RecoverOnError = true;
      std::unique_ptr<CompilerInvocation> Invocation =
          createInvocation(Args, Options);
      if (!Invocation)
        continue;
      const HeaderSearchOptions &Search = Invocation->getHeaderSearchOpts();
      for (const HeaderSearchOptions::Entry &Entry : Search.UserEntries) {
        if (Entry.Group == frontend::Quoted ||
            Entry.Group == frontend::Angled ||
            Entry.Group == frontend::IndexHeaderMap)
          continue;
        SmallString<256> Dir;
        if (!Entry.IgnoreSysRoot && sys::path::is_absolute(Entry.Path) &&
            Search.Sysroot != "/")
          Dir = Search.Sysroot;
        sys::path::append(Dir, Entry.Path);
        if (!sys::path::is_absolute(Dir))
          sys::fs::make_absolute(Command.Directory, Dir);
        // Directories that do not exist hold nothing to protect.
        if (std::string Real = realPath(Dir); !Real.empty())
          Directories.insert(std::move(Real));
      }
    }
  }
  return {Directories.begin(), Directories.end()};
}

Expected<std::string>
fixTarget(StringRef File, StringRef Root,
          function_ref<ArrayRef<std::string>(StringRef)> SystemDirectories) {
  std::string Real = realPath(File);
  if (Real.empty())
    return createStringError(inconvertibleErrorCode(),
                             "its real path cannot be resolved");
  std::string RealRoot = Root.empty() ? "" : realPath(Root);
  if (RealRoot.empty())
    return createStringError(inconvertibleErrorCode(),
                             "the source root '" + Root +
                                 "' cannot be resolved");
  if (!isWithin(Real, RealRoot)) {
    if (Real != absoluteFile(File, ""))
      return createStringError(inconvertibleErrorCode(),
                               "it resolves to '" + Real +
                                   "', outside the source root '" + Root + "'");
    return createStringError(inconvertibleErrorCode(),
                             "it is outside the source root '" + Root + "'");
  }
  for (const std::string &Dir : SystemDirectories(Real))
    if (isWithin(Real, Dir))
      return createStringError(inconvertibleErrorCode(),
                               "it is a system header (in '" + Dir + "')");
  return Real;
}

namespace {
/// The fixes to apply, per file (by real path), as `clang-tidy --fix` takes
/// them: the fix of each diagnostic (not those of its notes), whole or not at
/// all (when it overlaps a fix taken before, or touches a file that is not
/// to be written).
struct FileFixes {
  std::string Shown;
  tooling::Replacements Replaces;
};
struct CollectedFixes {
  std::map<std::string, FileFixes> ByFile;
  /// The files of each fix taken.
  std::vector<std::vector<std::string>> Accepted;
  unsigned Suggested = 0;
};

CollectedFixes collectFixes(ArrayRef<ClangTidyError> Errors,
                            const FixScope &Scope,
                            function_ref<void(const Twine &)> Fail) {
  CollectedFixes Result;
  auto &ByFile = Result.ByFile;
  auto &Accepted = Result.Accepted;
  unsigned &Suggested = Result.Suggested;
  // Main files of the TUs are the user's code whatever other TUs' flags say;
  // the system directories are computed only when a header is to be fixed.
  std::optional<StringSet<>> MainFiles;
  std::optional<std::vector<std::string>> SystemDirectories;
  auto SystemFor = [&](StringRef Real) -> ArrayRef<std::string> {
    if (!MainFiles) {
      MainFiles.emplace();
      for (const std::string &File : Scope.Files)
        MainFiles->insert(realPath(File));
    }
    if (MainFiles->contains(Real))
      return {};
    if (!SystemDirectories)
      SystemDirectories =
          Scope.Compilations
              ? systemIncludeDirectories(*Scope.Compilations, Scope.Files)
              : std::vector<std::string>();
    return *SystemDirectories;
  };

  StringMap<std::optional<std::string>> Targets;
  for (const ClangTidyError &E : Errors) {
    if (E.Message.Fix.empty())
      continue;
    ++Suggested;
    std::map<std::string, FileFixes> Merged;
    bool Whole = true;
    for (const auto &Entry : E.Message.Fix) {
      auto Applicable = [](const tooling::Replacement &R) {
        return R.isApplicable();
      };
      if (llvm::none_of(Entry.second, Applicable))
        continue; // No file (an invalid location), as clang-tidy skips it.
      std::string Absolute = absoluteFile(Entry.first(), E.BuildDirectory);
      auto [Target, Inserted] = Targets.try_emplace(Absolute);
      if (Inserted) {
        Expected<std::string> Checked =
            fixTarget(Absolute, Scope.Root, SystemFor);
        if (Checked)
          Target->second = std::move(*Checked);
        else
          Fail("not fixing '" + Absolute +
               "': " + toString(Checked.takeError()));
      }
      if (!Target->second) {
        Whole = false;
        break;
      }
      const std::string &Real = *Target->second;
      auto [Into, New] = Merged.try_emplace(Real);
      if (New) {
        auto Taken = ByFile.find(Real);
        Into->second =
            Taken != ByFile.end() ? Taken->second : FileFixes{Absolute, {}};
      }
      for (const tooling::Replacement &R : Entry.second) {
        if (!Applicable(R))
          continue;
        tooling::Replacement InReal(Real, R.getOffset(), R.getLength(),
                                    R.getReplacementText());
        // The same fix again (a header's finding through two TUs).
        if (llvm::is_contained(Into->second.Replaces, InReal))
          continue;
        if (Error Conflict = Into->second.Replaces.add(InReal)) {
          consumeError(std::move(Conflict));
          Whole = false;
          break;
        }
      }
      if (!Whole)
        break;
    }
    if (!Whole)
      continue;
    Accepted.emplace_back();
    for (auto &[Real, Fixes] : Merged) {
      ByFile[Real] = std::move(Fixes);
      Accepted.back().push_back(Real);
    }
  }

  return Result;
}
} // namespace

void printFixesAsDiff(ArrayRef<ClangTidyError> Errors,
                      ClangTidyContext &Context, const FixScope &Scope,
                      raw_ostream &OS, function_ref<void(const Twine &)> Fail) {
  CollectedFixes Fixes = collectFixes(Errors, Scope, Fail);
  for (const auto &[Real, File] : Fixes.ByFile) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text =
        MemoryBuffer::getFile(Real, /*IsText=*/false,
                              /*RequiresNullTerminator=*/false);
    if (!Text) {
      Fail("not showing the fixes of '" + File.Shown + "': it cannot be read");
      continue;
    }
    StringRef Code = (*Text)->getBuffer();
    Expected<tooling::Replacements> Final =
        finalReplacements(Real, Code, File.Replaces, Context);
    if (!Final) {
      Fail("not showing the fixes of '" + File.Shown +
           "': " + toString(Final.takeError()));
      continue;
    }
    if (Final->empty())
      continue;
    std::string Path = relativePath(File.Shown, Scope.Root);
    if (sys::path::is_absolute(Path))
      OS << "--- " << Path << "\n+++ " << Path << "\n";
    else
      OS << "--- a/" << Path << "\n+++ b/" << Path << "\n";
    writeHunks(OS, Code, *Final);
  }
}

unsigned
applyFixesSafely(ArrayRef<ClangTidyError> Errors, ClangTidyContext &Context,
                 IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS,
                 const FixScope &Scope,
                 function_ref<std::optional<unsigned>()> CountErrorsAfter,
                 function_ref<void(const Twine &)> Fail) {
  unsigned ErrorsBefore = 0;
  for (const ClangTidyError &E : Errors)
    if (E.DiagLevel == ClangTidyError::Error)
      ++ErrorsBefore;
  // The diagnostics, printed as clang-tidy prints them; the fixes are written
  // here, not through clang-tidy (which writes in place, through symlinks).
  unsigned WarningsAsErrors = 0;
  handleErrors(Errors, Context, FB_NoFix, WarningsAsErrors, std::move(BaseFS));

  CollectedFixes Collected = collectFixes(Errors, Scope, Fail);
  const auto &ByFile = Collected.ByFile;
  const auto &Accepted = Collected.Accepted;
  // Each file written atomically, with its permissions; what it held is kept
  // for the rollback.
  std::map<std::string, std::pair<std::string, sys::fs::perms>> Originals;
  StringSet<> Written;
  for (const auto &[Real, Fixes] : ByFile) {
    if (interrupted())
      break;
    sys::fs::file_status Status;
    ErrorOr<std::unique_ptr<MemoryBuffer>> Text =
        MemoryBuffer::getFile(Real, /*IsText=*/false,
                              /*RequiresNullTerminator=*/false);
    if (!Text || sys::fs::status(Real, Status)) {
      Fail("not fixing '" + Fixes.Shown + "': it cannot be read");
      continue;
    }
    StringRef Code = (*Text)->getBuffer();
    Expected<std::string> Fixed =
        fixedCode(Real, Code, Fixes.Replaces, Context);
    if (!Fixed) {
      Fail("not fixing '" + Fixes.Shown + "': " + toString(Fixed.takeError()));
      continue;
    }
    if (*Fixed != Code) {
      if (Error E = writeFileAtomically(Real, *Fixed, Status.permissions())) {
        Fail(toString(std::move(E)));
        continue;
      }
      Originals[Real] = {Code.str(), Status.permissions()};
    }
    Written.insert(Real);
  }
  unsigned Applied = llvm::count_if(Accepted, [&](const auto &Files) {
    return llvm::all_of(
        Files, [&](const std::string &F) { return Written.contains(F); });
  });

  std::optional<unsigned> ErrorsAfter;
  if (!Originals.empty() && !interrupted())
    ErrorsAfter = CountErrorsAfter();
  // Interrupted before the fixed code was checked: leave it as it was.
  bool Interrupted = interrupted();
  if (Originals.empty() ||
      (!Interrupted && ErrorsAfter && *ErrorsAfter <= ErrorsBefore))
    return Interrupted ? 0 : Applied;
  for (const auto &[Real, Original] : Originals)
    if (Error E = writeFileAtomically(Real, Original.first, Original.second))
      Fail(toString(std::move(E)));
  if (Interrupted)
    return 0;
  if (ErrorsAfter)
    Fail("the fixes broke the build (" + Twine(*ErrorsAfter) +
         " compiler errors after fixing, " + Twine(ErrorsBefore) +
         " before); every fixed file was restored");
  else
    Fail("the fixed files could not be analysed again; every fixed file was "
         "restored");
  return 0;
}

} // namespace asynclint
