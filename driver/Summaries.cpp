//===--- Summaries.cpp - async-lint driver --------------------------------===//

#include "Summaries.h"
#include "CompileCommands.h"
#include "Findings.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <chrono>

using namespace llvm;
using namespace clang;
using namespace clang::tidy;
namespace utils = clang::tidy::async::utils;

namespace asynclint {

namespace {

constexpr StringLiteral CheckName = "async-blocking-call";

utils::SummaryHeader header(StringRef Project, StringRef Root) {
  return utils::SummaryHeader{ASYNC_LINT_VERSION, Project.str(), Root.str()};
}

/// Whether a NOLINT comment (Keyword: NOLINT or NOLINTNEXTLINE) in Line
/// covers the check.
bool nolintCovers(StringRef Line, StringRef Keyword) {
  for (size_t At = Line.find(Keyword); At != StringRef::npos;
       At = Line.find(Keyword, At + 1)) {
    StringRef Rest = Line.drop_front(At + Keyword.size());
    // A longer keyword that starts with this one is another comment.
    if (!Rest.empty() && isAlnum(Rest.front()))
      continue;
    if (!Rest.consume_front("("))
      return true;
    StringRef List = Rest.take_until([](char C) { return C == ')'; });
    SmallVector<StringRef, 4> Globs;
    List.split(Globs, ',');
    for (StringRef Glob : Globs) {
      Expected<GlobPattern> Pattern = GlobPattern::create(Glob.trim());
      if (!Pattern) {
        consumeError(Pattern.takeError());
        continue;
      }
      if (Pattern->match(CheckName))
        return true;
    }
  }
  return false;
}

class NolintFilter {
public:
  bool suppressed(const utils::SummaryLocation &Where) {
    auto [It, Inserted] = Files.try_emplace(Where.File);
    if (Inserted)
      if (auto Buffer = MemoryBuffer::getFile(Where.File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false))
        It->second = std::move(*Buffer);
    if (!It->second)
      return false;
    StringRef Text = It->second->getBuffer();
    if (Where.Offset > Text.size())
      return false;
    size_t Start = Text.rfind('\n', Where.Offset);
    Start = Start == StringRef::npos ? 0 : Start + 1;
    StringRef Line =
        Text.slice(Start, Text.find('\n', Where.Offset)).take_front(4096);
    if (nolintCovers(Line, "NOLINT"))
      return true;
    if (Start == 0)
      return false;
    size_t PreviousStart = Text.rfind('\n', Start - 1);
    PreviousStart = PreviousStart == StringRef::npos ? 0 : PreviousStart + 1;
    return nolintCovers(Text.slice(PreviousStart, Start - 1).take_front(4096),
                        "NOLINTNEXTLINE");
  }

private:
  StringMap<std::unique_ptr<MemoryBuffer>> Files;
};

tooling::DiagnosticMessage message(const utils::SummaryLocation &Where,
                                   StringRef Text) {
  tooling::DiagnosticMessage Message;
  Message.Message = Text.str();
  Message.FilePath = Where.File;
  Message.FileOffset = Where.Offset;
  return Message;
}

std::string summaryFileName(StringRef File, StringRef Root) {
  std::string Relative = relativePath(File, Root);
  return utohexstr(xxh3_64bits(Relative), true, 16) + ".summary";
}

bool Enabled = true;

} // namespace

bool summariesEnabled() { return Enabled; }
void disableSummaries() { Enabled = false; }

std::string workerSummaryText(ArrayRef<TUSummary> Summaries) {
  return utils::writeSummaries(Summaries, header("", ""));
}

bool readWorkerSummary(StringRef Text, StringRef File,
                       std::vector<TUSummary> &Out) {
  std::vector<TUSummary> Read;
  std::string Error;
  if (!utils::readSummaries(Text, header("", ""), Read, Error))
    return false;
  for (TUSummary &TU : Read) {
    TU.File = File.str();
    Out.push_back(std::move(TU));
  }
  return true;
}

Expected<Shard> parseShard(StringRef Value) {
  auto [Index, Count] = Value.split('/');
  Shard S;
  if (Index.getAsInteger(10, S.Index) || Count.getAsInteger(10, S.Count) ||
      !Value.contains('/'))
    return createStringError(
        inconvertibleErrorCode(),
        "invalid --shard '%s': expected I/N, the I-th of N shards, 1 <= I <= "
        "N (--shard=2/3)",
        Value.str().c_str());
  if (S.Count == 0 || S.Index == 0 || S.Index > S.Count)
    return createStringError(inconvertibleErrorCode(),
                             "invalid --shard '%s': the shard number must be "
                             "between 1 and %u",
                             Value.str().c_str(), S.Count ? S.Count : 1);
  return S;
}

bool inShard(StringRef File, const Shard &S, StringRef Root) {
  if (S.Count <= 1)
    return true;
  SmallString<256> Path(File);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return xxh3_64bits(relativePath(Path, Root)) % S.Count == S.Index - 1;
}

std::optional<std::string> checkSummariesDirectory(StringRef Dir) {
  if (Dir.empty())
    return "--summaries-out needs a directory";
  sys::fs::file_status Status;
  if (!sys::fs::status(Dir, Status, /*Follow=*/false)) {
    if (sys::fs::is_symlink_file(Status))
      return "cannot write summaries into '" + Dir.str() +
             "': it is a symbolic link (which a checkout can carry, pointing "
             "anywhere); name the directory itself";
    if (!sys::fs::is_directory(Status))
      return "cannot write summaries into '" + Dir.str() + "': not a directory";
  } else if (std::error_code EC = sys::fs::create_directories(Dir)) {
    return "cannot create the summaries directory '" + Dir.str() +
           "': " + EC.message();
  }
  if (std::error_code EC = sys::fs::access(Dir, sys::fs::AccessMode::Write))
    return "cannot write summaries into '" + Dir.str() + "': " + EC.message();
  return std::nullopt;
}

Error writeSummariesDirectory(StringRef Dir, ArrayRef<TUSummary> Summaries,
                              StringRef Root) {
  for (const TUSummary &TU : Summaries) {
    SmallString<256> Path(Dir);
    sys::path::append(Path, summaryFileName(TU.File, Root));
    const TUSummary *One = &TU;
    std::string Text;
    raw_string_ostream OS(Text);
    utils::writeSummaries(OS, ArrayRef(One), header(Root, Root));
    if (Error E = writeFileAtomically(Path, Text))
      return E;
  }
  return Error::success();
}

std::vector<TUSummary>
readSummaryPaths(ArrayRef<std::string> Paths, StringRef Root,
                 function_ref<void(const Twine &)> Warn,
                 function_ref<void(const Twine &)> Fail,
                 function_ref<void(const Twine &)> Notice) {
  std::vector<std::string> Files;
  for (const std::string &Path : Paths) {
    sys::fs::file_status Status;
    if (std::error_code EC = sys::fs::status(Path, Status)) {
      Fail(statusFailure(Path, EC));
      continue;
    }
    if (sys::fs::is_regular_file(Status)) {
      Files.push_back(Path);
      continue;
    }
    if (!sys::fs::is_directory(Status)) {
      Fail("'" + Path + "' is not a directory of summaries");
      continue;
    }
    std::vector<std::string> InDirectory;
    std::error_code EC;
    for (sys::fs::directory_iterator It(Path, EC), End; !EC && It != End;
         It.increment(EC))
      if (sys::path::extension(It->path()) == ".summary")
        InDirectory.push_back(It->path());
    if (EC) {
      Fail("cannot list '" + Path + "': " + EC.message());
      continue;
    }
    if (InDirectory.empty())
      Notice("no summary files (*.summary) in '" + Path + "'");
    llvm::sort(InDirectory);
    Files.insert(Files.end(), InDirectory.begin(), InDirectory.end());
  }

  std::vector<TUSummary> Result;
  StringSet<> Seen;
  for (const std::string &File : Files) {
    sys::fs::file_status Status;
    if (sys::fs::status(File, Status, /*Follow=*/false) ||
        !sys::fs::is_regular_file(Status)) {
      Warn("ignoring summary file '" + File +
           "': not a regular file; the cross-file findings of its "
           "translation unit are unknown");
      continue;
    }
    auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/false,
                                        /*RequiresNullTerminator=*/false);
    std::vector<TUSummary> Read;
    std::string Error;
    if (!Buffer)
      Error = Buffer.getError().message();
    else
      utils::readSummaries((*Buffer)->getBuffer(), header(Root, Root), Read,
                           Error);
    if (!Error.empty()) {
      Warn(Twine("ignoring summary file '") + File + "': " + Error +
           "; the cross-file findings of its translation unit are unknown");
      continue;
    }
    for (TUSummary &TU : Read)
      if (Seen.insert(TU.File).second)
        Result.push_back(std::move(TU));
  }
  return Result;
}

std::vector<ClangTidyError> linkSummaries(std::vector<TUSummary> Summaries,
                                          StringRef Root,
                                          LinkStatistics *Statistics) {
  auto Start = std::chrono::steady_clock::now();
  size_t TUs = Summaries.size();
  utils::ProjectLink Link(std::move(Summaries));
  std::vector<ClangTidyError> Errors;
  NolintFilter Nolint;
  for (const utils::LinkedFinding &F : Link.findings()) {
    if (Nolint.suppressed(F.Where))
      continue;
    ClangTidyError E(CheckName, ClangTidyError::Warning, Root.str(),
                     /*IsWarningAsError=*/false);
    E.Message = message(F.Where, F.Message);
    for (const auto &[Where, Text] : F.Notes)
      E.Notes.push_back(message(Where, Text));
    Errors.push_back(std::move(E));
  }
  if (Statistics) {
    Statistics->TranslationUnits = TUs;
    Statistics->Functions = Link.functionCount();
    Statistics->Blocking = Link.blockingCount();
    Statistics->Findings = Errors.size();
    Statistics->Seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count();
  }
  return Errors;
}

std::string databaseDirectory(StringRef BuildPath, StringRef FirstSource) {
  if (!BuildPath.empty()) {
    StringRef Build = BuildPath;
    if (Build.ends_with(".json"))
      Build = sys::path::parent_path(Build);
    return realPath(absolutePath(Build.empty() ? "." : Build));
  }
  if (FirstSource.empty())
    return "";
  return utils::findDatabaseDirectory(absolutePath(FirstSource));
}

void updateLatestSummaries(StringRef CacheDirectory,
                           StringRef DatabaseDirectory,
                           ArrayRef<TUSummary> Summaries) {
  if (CacheDirectory.empty() || DatabaseDirectory.empty())
    return;
  std::string Path =
      utils::latestSummariesPath(CacheDirectory, DatabaseDirectory);
  utils::SummaryHeader Header = header(DatabaseDirectory, "");
  // The TUs of earlier runs that this one did not analyse stay.
  std::vector<TUSummary> Earlier;
  if (auto Buffer = MemoryBuffer::getFile(Path)) {
    std::string Error;
    if (!utils::readSummaries((*Buffer)->getBuffer(), Header, Earlier, Error))
      Earlier.clear();
  }
  StringSet<> Now;
  std::vector<const TUSummary *> All;
  for (const TUSummary &TU : Summaries)
    if (Now.insert(TU.File).second)
      All.push_back(&TU);
  for (const TUSummary &TU : Earlier)
    if (!Now.count(TU.File))
      All.push_back(&TU);
  std::string Text;
  raw_string_ostream OS(Text);
  utils::writeSummaries(OS, All, Header);
  if (sys::fs::create_directories(sys::path::parent_path(Path)))
    return;
  // Like the result cache: a file that cannot be written costs the editor
  // its cross-file findings, nothing else.
  consumeError(writeFileAtomically(Path, Text));
}

} // namespace asynclint
