//===--- Findings.cpp - async-lint driver ---------------------------------===//

#include "Findings.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/xxhash.h"
#include <map>

using namespace llvm;

namespace asynclint {

const MemoryBuffer *SourceFiles::buffer(StringRef File) {
  auto [It, Inserted] = Buffers.try_emplace(File);
  if (Inserted) {
    if (auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false))
      It->second = std::move(*Buffer);
  }
  return It->second.get();
}

Location SourceFiles::locate(StringRef File, unsigned Offset, unsigned Length) {
  Location Loc;
  Loc.File = File.str();
  const MemoryBuffer *Buffer = buffer(File);
  if (!Buffer)
    return Loc;
  StringRef Text = Buffer->getBuffer();
  auto Position = [&](unsigned At, unsigned &Line, unsigned &Column,
                      unsigned &CodePoints) {
    At = std::min<size_t>(At, Text.size());
    StringRef Before = Text.take_front(At);
    Line = Before.count('\n') + 1;
    size_t LineStart = Before.rfind('\n');
    LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
    Column = At - LineStart + 1;
    StringRef LineText =
        Text.drop_front(LineStart).take_until([](char C) { return C == '\n'; });
    // SARIF columns leave out a UTF-8 BOM, unlike clang's: SARIF viewers
    // (GitHub code scanning, the VS Code SARIF viewer) show the file as text
    // decoded with the BOM stripped, as editors do, so the first visible
    // character of line 1 is column 1 there. Counting the BOM as its code
    // point U+FEFF would put every finding on line 1 one column to the right
    // of where a reader sees it.
    unsigned ByteColumn = Column;
    if (LineStart == 0 && LineText.consume_front("\xEF\xBB\xBF"))
      ByteColumn = ByteColumn > 3 ? ByteColumn - 3 : 1;
    CodePoints = codePointColumn(LineText, ByteColumn);
  };
  Position(Offset, Loc.Line, Loc.Column, Loc.CodePointColumn);
  Position(Offset + Length, Loc.EndLine, Loc.EndColumn, Loc.EndCodePointColumn);
  return Loc;
}

StringRef SourceFiles::lineText(StringRef File, unsigned Line) {
  const MemoryBuffer *Buffer = buffer(File);
  if (!Buffer || Line == 0)
    return "";
  StringRef Text = Buffer->getBuffer();
  for (unsigned I = 1; I < Line; ++I) {
    size_t Next = Text.find('\n');
    if (Next == StringRef::npos)
      return "";
    Text = Text.drop_front(Next + 1);
  }
  return Text.take_until([](char C) { return C == '\n'; });
}

std::string relativePath(StringRef File, StringRef Root) {
  StringRef F = File;
  StringRef R = Root;
  R.consume_back("/");
  if (!R.empty() && F.consume_front(R) && F.consume_front("/"))
    return sys::path::convert_to_slash(F);
  return sys::path::convert_to_slash(File);
}

unsigned codePointColumn(StringRef Line, unsigned ByteColumn) {
  if (ByteColumn == 0)
    return 0;
  size_t Bytes = ByteColumn - 1;
  unsigned CodePoints = 0;
  const UTF8 *P = Line.bytes_begin();
  const UTF8 *Stop = Line.bytes_begin() + std::min(Bytes, Line.size());
  while (P < Stop) {
    unsigned Size = getNumBytesForUTF8(*P);
    if (Size == 0 || !isLegalUTF8Sequence(P, Line.bytes_end()))
      Size = 1;
    P += Size;
    ++CodePoints;
  }
  if (Bytes > Line.size())
    CodePoints += Bytes - Line.size();
  return CodePoints + 1;
}

std::string percentEncodePath(StringRef Path) {
  std::string URI;
  URI.reserve(Path.size());
  for (char C : Path) {
    if (isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      URI += C;
    } else {
      URI += '%';
      URI += hexdigit(static_cast<unsigned char>(C) >> 4, /*LowerCase=*/false);
      URI += hexdigit(static_cast<unsigned char>(C) & 15, /*LowerCase=*/false);
    }
  }
  return URI;
}

std::string fileURI(StringRef AbsolutePath) {
  std::string Path = sys::path::convert_to_slash(AbsolutePath);
  // `file:///C:/x` for a Windows path, `file:///x` for a POSIX one: the
  // authority is empty and the path starts with '/'.
  if (!StringRef(Path).starts_with("/"))
    Path.insert(0, "/");
  return "file://" + percentEncodePath(Path);
}

std::vector<Finding>
makeFindings(ArrayRef<clang::tidy::ClangTidyError> Diagnostics,
             SourceFiles &Sources, StringRef Root) {
  std::vector<Finding> Findings;
  // Identical findings on identical lines are told apart by their order.
  std::map<std::string, unsigned> Seen;
  for (size_t I = 0; I < Diagnostics.size(); ++I) {
    const clang::tidy::ClangTidyError &D = Diagnostics[I];
    Finding F;
    F.Index = I;
    F.Check = D.DiagnosticName;
    F.Level =
        D.DiagLevel == clang::tooling::Diagnostic::Error ? "error" : "warning";
    F.Message = D.Message.Message;
    unsigned Length = 0;
    if (!D.Message.Ranges.empty() &&
        D.Message.Ranges.front().FilePath == D.Message.FilePath &&
        D.Message.Ranges.front().FileOffset == D.Message.FileOffset)
      Length = D.Message.Ranges.front().Length;
    F.Where = Sources.locate(D.Message.FilePath, D.Message.FileOffset, Length);
    for (const clang::tooling::DiagnosticMessage &N : D.Notes)
      F.Notes.push_back(
          Note{N.Message, Sources.locate(N.FilePath, N.FileOffset)});
    for (const auto &Entry : D.Message.Fix)
      for (const clang::tooling::Replacement &R : Entry.second)
        if (R.isApplicable())
          F.Fixes.push_back(
              Edit{Sources.locate(Entry.first(), R.getOffset(), R.getLength()),
                   R.getReplacementText().str()});
    std::string Key =
        F.Check + '\0' + relativePath(F.Where.File, Root) + '\0' +
        Sources.lineText(F.Where.File, F.Where.Line).trim().str() + '\0' +
        F.Message;
    unsigned Occurrence = Seen[Key]++;
    Key += '\0' + std::to_string(Occurrence);
    F.Fingerprint = utohexstr(xxh3_64bits(Key), /*LowerCase=*/true, 16);
    Findings.push_back(std::move(F));
  }
  return Findings;
}

namespace {
json::Object locationJSON(const Location &Loc, StringRef Root) {
  return json::Object{{"file", relativePath(Loc.File, Root)},
                      {"line", Loc.Line},
                      {"column", Loc.Column}};
}
} // namespace

void writeJSON(raw_ostream &OS, ArrayRef<Finding> Findings,
               ArrayRef<std::string> Errors, StringRef Root) {
  json::Array Items;
  for (const Finding &F : Findings) {
    json::Array Notes;
    for (const Note &N : F.Notes) {
      json::Object Item = locationJSON(N.Where, Root);
      Item["message"] = N.Message;
      Notes.push_back(std::move(Item));
    }
    json::Object Item = locationJSON(F.Where, Root);
    Item["check"] = F.Check;
    Item["severity"] = F.Level;
    Item["message"] = F.Message;
    Item["endLine"] = F.Where.EndLine;
    Item["endColumn"] = F.Where.EndColumn;
    Item["fingerprint"] = F.Fingerprint;
    Item["notes"] = std::move(Notes);
    Items.push_back(std::move(Item));
  }
  json::Array ErrorItems;
  for (const std::string &E : Errors)
    ErrorItems.push_back(E);
  json::Value Document =
      json::Object{{"version", 1},
                   {"tool", json::Object{{"name", "async-lint"},
                                         {"version", ASYNC_LINT_VERSION}}},
                   {"root", Root},
                   {"findings", std::move(Items)},
                   {"errors", std::move(ErrorItems)}};
  OS << formatv("{0:2}", Document) << "\n";
}

void writeSARIF(raw_ostream &OS, ArrayRef<Finding> Findings,
                ArrayRef<RuleInfo> Rules, StringRef Root) {
  json::Array RuleItems;
  StringMap<unsigned> RuleIndex;
  auto AddRule = [&](const RuleInfo &Rule) {
    RuleIndex[Rule.Id] = RuleItems.size();
    json::Object Item{
        {"id", Rule.Id},
        {"shortDescription", json::Object{{"text", Rule.ShortDescription}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}}};
    if (!Rule.HelpMarkdown.empty())
      Item["help"] = json::Object{{"text", Rule.HelpMarkdown},
                                  {"markdown", Rule.HelpMarkdown}};
    RuleItems.push_back(std::move(Item));
  };
  for (const RuleInfo &Rule : Rules)
    AddRule(Rule);

  auto PhysicalLocation = [&](const Location &Loc, bool WithEnd) {
    // Columns in code points, as the run's columnKind declares.
    json::Object Region{{"startLine", std::max(Loc.Line, 1u)},
                        {"startColumn", std::max(Loc.CodePointColumn, 1u)}};
    if (WithEnd && Loc.EndLine >= Loc.Line && Loc.EndCodePointColumn > 0 &&
        (Loc.EndLine > Loc.Line ||
         Loc.EndCodePointColumn > Loc.CodePointColumn)) {
      Region["endLine"] = Loc.EndLine;
      Region["endColumn"] = Loc.EndCodePointColumn;
    }
    std::string Path = relativePath(Loc.File, Root);
    json::Object Artifact;
    if (sys::path::is_absolute(Path)) {
      Artifact["uri"] = fileURI(Path);
    } else {
      Artifact["uri"] = percentEncodePath(Path);
      Artifact["uriBaseId"] = "SRCROOT";
    }
    return json::Object{{"physicalLocation",
                         json::Object{{"artifactLocation", std::move(Artifact)},
                                      {"region", std::move(Region)}}}};
  };

  json::Array Results;
  for (const Finding &F : Findings) {
    if (!RuleIndex.count(F.Check))
      AddRule(RuleInfo{F.Check, F.Check, ""});
    json::Array Related;
    for (size_t I = 0; I < F.Notes.size(); ++I) {
      json::Object Item = PhysicalLocation(F.Notes[I].Where, false);
      Item["id"] = static_cast<int64_t>(I + 1);
      Item["message"] = json::Object{{"text", F.Notes[I].Message}};
      Related.push_back(std::move(Item));
    }
    json::Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", RuleIndex[F.Check]},
        {"level", F.Level == "error" ? "error" : "warning"},
        {"message", json::Object{{"text", F.Message}}},
        {"locations", json::Array{PhysicalLocation(F.Where, true)}},
        {"partialFingerprints",
         json::Object{{"asyncLintFingerprint/v1", F.Fingerprint}}}};
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!F.Fixes.empty()) {
      // One artifactChange per file, its replacements in order.
      std::map<std::string, json::Array> ByFile;
      for (const Edit &E : F.Fixes) {
        const Location &L = E.Where;
        ByFile[L.File].push_back(json::Object{
            {"deletedRegion",
             json::Object{{"startLine", std::max(L.Line, 1u)},
                          {"startColumn", std::max(L.CodePointColumn, 1u)},
                          {"endLine", std::max(L.EndLine, 1u)},
                          {"endColumn", std::max(L.EndCodePointColumn, 1u)}}},
            {"insertedContent", json::Object{{"text", E.Text}}}});
      }
      json::Array Changes;
      for (auto &[File, Replacements] : ByFile) {
        Location Where;
        Where.File = File;
        json::Object Artifact = std::move(*PhysicalLocation(Where, false)
                                               .getObject("physicalLocation")
                                               ->getObject("artifactLocation"));
        Changes.push_back(
            json::Object{{"artifactLocation", std::move(Artifact)},
                         {"replacements", std::move(Replacements)}});
      }
      Result["fixes"] = json::Array{json::Object{
          {"description", json::Object{{"text", "the suggested fix"}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    Results.push_back(std::move(Result));
  }

  std::string RootURI = fileURI(Root);
  if (!StringRef(RootURI).ends_with("/"))
    RootURI += "/";
  json::Value Document = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool",
            json::Object{
                {"driver", json::Object{{"name", "async-lint"},
                                        {"version", ASYNC_LINT_VERSION},
                                        {"semanticVersion", ASYNC_LINT_VERSION},
                                        {"rules", std::move(RuleItems)}}}}},
           {"originalUriBaseIds",
            json::Object{{"SRCROOT", json::Object{{"uri", RootURI}}}}},
           {"columnKind", "unicodeCodePoints"},
           {"results", std::move(Results)}}}}};
  OS << formatv("{0:2}", Document) << "\n";
}

Expected<Baseline> Baseline::read(StringRef Path) {
  auto Text = MemoryBuffer::getFile(Path);
  if (!Text)
    return createStringError(Text.getError(), "cannot read baseline '%s': %s",
                             Path.str().c_str(),
                             Text.getError().message().c_str());
  Expected<json::Value> Parsed = json::parse((*Text)->getBuffer());
  if (!Parsed)
    return createStringError(
        inconvertibleErrorCode(), "baseline '%s' is not valid JSON: %s",
        Path.str().c_str(), toString(Parsed.takeError()).c_str());
  Baseline Result;
  const json::Object *Root = Parsed->getAsObject();
  const json::Array *Items = Root ? Root->getArray("findings") : nullptr;
  if (!Items)
    return createStringError(inconvertibleErrorCode(),
                             "baseline '%s' has no 'findings' list",
                             Path.str().c_str());
  for (const json::Value &Item : *Items) {
    const json::Object *Object = Item.getAsObject();
    std::optional<StringRef> Fingerprint =
        Object ? Object->getString("fingerprint") : std::nullopt;
    if (!Fingerprint)
      return createStringError(inconvertibleErrorCode(),
                               "baseline '%s': a finding has no fingerprint",
                               Path.str().c_str());
    ++Result.Remaining[*Fingerprint];
  }
  return Result;
}

Error Baseline::write(StringRef Path, ArrayRef<Finding> Findings,
                      StringRef Root) {
  json::Array Items;
  for (const Finding &F : Findings)
    Items.push_back(json::Object{{"fingerprint", F.Fingerprint},
                                 {"check", F.Check},
                                 {"file", relativePath(F.Where.File, Root)},
                                 {"message", F.Message}});
  std::string Text;
  raw_string_ostream OS(Text);
  OS << formatv("{0:2}", json::Value(json::Object{
                             {"version", 1}, {"findings", std::move(Items)}}))
     << "\n";
  return writeFileAtomically(Path, Text);
}

bool Baseline::consume(const Finding &F) {
  auto It = Remaining.find(F.Fingerprint);
  if (It == Remaining.end() || It->second == 0)
    return false;
  --It->second;
  return true;
}

Error writeFileAtomically(StringRef Path, StringRef Contents,
                          std::optional<sys::fs::perms> Permissions) {
  auto Failed = [&](std::error_code EC) {
    return createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                             EC.message().c_str());
  };
  SmallString<256> Temp;
  int FD;
  SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%%%";
  // O_EXCL: never opens an existing file or a symlink planted at the name.
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Temp))
    return Failed(EC);
  // Killed before the rename (a second Ctrl-C): no temporary file is left.
  sys::RemoveFileOnSignal(Temp);
  auto Discard = [&](std::error_code EC) {
    (void)sys::fs::remove(Temp);
    sys::DontRemoveFileOnSignal(Temp);
    return Failed(EC);
  };
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    std::error_code EC;
    if (Permissions)
      EC = sys::fs::setPermissions(FD, *Permissions);
    if (!EC)
      OS << Contents;
    OS.close();
    if (!EC)
      EC = OS.error();
    OS.clear_error();
    if (EC)
      return Discard(EC);
  }
  // rename() replaces a symlink at Path rather than following it.
  if (std::error_code EC = sys::fs::rename(Temp, Path))
    return Discard(EC);
  sys::DontRemoveFileOnSignal(Temp);
  return Error::success();
}

} // namespace asynclint
