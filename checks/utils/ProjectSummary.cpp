//===--- ProjectSummary.cpp - async-lint ----------------------------------===//

#include "utils/ProjectSummary.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <atomic>

using namespace llvm;

namespace clang::tidy::async::utils {

namespace {

constexpr StringLiteral Magic = "async-lint-summary";

std::atomic<SummarySink *> Sink{nullptr};
std::atomic<SummarySource *> Source{nullptr};

/// A field of a line: tabs, newlines and backslashes escaped.
void writeField(raw_ostream &OS, StringRef Field) {
  for (char C : Field) {
    switch (C) {
    case '\\':
      OS << "\\\\";
      break;
    case '\t':
      OS << "\\t";
      break;
    case '\n':
      OS << "\\n";
      break;
    case '\r':
      OS << "\\r";
      break;
    default:
      OS << C;
    }
  }
}

bool readField(StringRef Field, std::string &Out) {
  Out.clear();
  Out.reserve(Field.size());
  for (size_t I = 0; I < Field.size(); ++I) {
    char C = Field[I];
    if (C != '\\') {
      Out += C;
      continue;
    }
    if (++I == Field.size())
      return false;
    switch (Field[I]) {
    case '\\':
      Out += '\\';
      break;
    case 't':
      Out += '\t';
      break;
    case 'n':
      Out += '\n';
      break;
    case 'r':
      Out += '\r';
      break;
    default:
      return false;
    }
  }
  return true;
}

std::string relativeTo(StringRef Path, StringRef Root) {
  if (Root.empty() || !Path.starts_with(Root))
    return Path.str();
  StringRef Rest = Path.drop_front(Root.size());
  if (!Rest.consume_front("/") || Rest.empty())
    return Path.str();
  return Rest.str();
}

std::string resolvedFrom(StringRef Path, StringRef Root) {
  if (Root.empty() || Path.empty() || sys::path::is_absolute(Path))
    return Path.str();
  SmallString<256> Result(Root);
  sys::path::append(Result, Path);
  return std::string(Result);
}

void writeLocation(raw_ostream &OS, const SummaryLocation &L, StringRef Root) {
  writeField(OS, relativeTo(L.File, Root));
  OS << '\t' << L.Offset;
}

/// A reader of the text form, line by line; the first problem stops it.
class Reader {
public:
  Reader(StringRef Text, const SummaryHeader &Expected)
      : Text(Text), Expected(Expected) {}

  bool read(std::vector<TUSummary> &Out, std::string &Error) {
    if (!readHeader() || !readBody(Out)) {
      Error = Problem;
      if (LineNumber)
        Error += " (line " + std::to_string(LineNumber) + ")";
      return false;
    }
    return true;
  }

private:
  bool fail(const Twine &Why) {
    Problem = Why.str();
    return false;
  }

  /// The next line, without its newline; false at the end or for a last
  /// line without one (a truncated file).
  bool nextLine(StringRef &Line) {
    if (Text.empty())
      return false;
    size_t End = Text.find('\n');
    if (End == StringRef::npos)
      return false;
    Line = Text.take_front(End);
    Text = Text.drop_front(End + 1);
    ++LineNumber;
    return true;
  }

  bool fields(StringRef Rest, size_t Count, SmallVectorImpl<std::string> &Out) {
    SmallVector<StringRef, 8> Parts;
    Rest.split(Parts, '\t', -1, /*KeepEmpty=*/true);
    if (Parts.size() != Count)
      return fail("expected " + Twine(Count) + " fields, found " +
                  Twine(Parts.size()));
    Out.resize(Count);
    for (size_t I = 0; I < Count; ++I)
      if (!readField(Parts[I], Out[I]))
        return fail("a field has an invalid escape");
    return true;
  }

  bool offset(StringRef Field, unsigned &Out) {
    if (Field.empty() || Field.getAsInteger(10, Out))
      return fail("'" + Field.take_front(20) + "' is not an offset");
    return true;
  }

  bool readHeader() {
    StringRef Line;
    if (!nextLine(Line) || !Line.consume_front(Magic) ||
        !Line.consume_front(" "))
      return fail("not an async-lint summary file");
    unsigned Version = 0;
    if (Line.getAsInteger(10, Version))
      return fail("not an async-lint summary file");
    if (Version != SummaryFormatVersion)
      return fail("summary format " + Twine(Version) + ", this async-lint " +
                  "reads format " + Twine(SummaryFormatVersion));
    std::string Value;
    if (!nextLine(Line) || !Line.consume_front("tool ") ||
        !readField(Line, Value))
      return fail("the file is truncated or corrupt");
    if (Value != Expected.ToolVersion)
      return fail("written by async-lint " + Value + ", this is " +
                  Expected.ToolVersion);
    if (!nextLine(Line) || !Line.consume_front("project ") ||
        !readField(Line, Value))
      return fail("the file is truncated or corrupt");
    if (Value != Expected.Project)
      return fail("written for another project ('" + Value + "', not '" +
                  Expected.Project + "')");
    return true;
  }

  bool readBody(std::vector<TUSummary> &Out) {
    std::vector<TUSummary> Read;
    SmallVector<std::string, 6> F;
    StringRef Line;
    size_t FunctionCount = 0;
    while (nextLine(Line)) {
      auto [Keyword, Rest] = Line.split(' ');
      if (Keyword == "end") {
        auto [TUs, Functions] = Rest.split(' ');
        size_t ExpectedTUs = 0, ExpectedFunctions = 0;
        if (TUs.getAsInteger(10, ExpectedTUs) ||
            Functions.getAsInteger(10, ExpectedFunctions) ||
            ExpectedTUs != Read.size() || ExpectedFunctions != FunctionCount)
          return fail("the counts at the end do not match the file: it is "
                      "corrupt");
        if (!Text.empty())
          return fail("text after the end of the summaries");
        for (TUSummary &TU : Read)
          Out.push_back(std::move(TU));
        return true;
      }
      if (Keyword == "tu") {
        if (!fields(Rest, 1, F))
          return false;
        if (F[0].empty())
          return fail("a translation unit without a path");
        Read.emplace_back();
        Read.back().File = resolvedFrom(F[0], Expected.Root);
        continue;
      }
      if (Read.empty())
        return fail("'" + Keyword.take_front(20) +
                    "' before the first translation unit");
      TUSummary &TU = Read.back();
      if (Keyword == "fn") {
        if (!fields(Rest, 6, F))
          return false;
        if (F[0].empty() || (F[3] != "-" && F[3] != "w"))
          return fail("a function record is malformed");
        SummaryFunction Function;
        Function.USR = std::move(F[0]);
        Function.Name = std::move(F[1]);
        Function.Coroutine = std::move(F[2]);
        Function.WaitsOnParameter = F[3] == "w";
        Function.Where.File = resolvedFrom(F[4], Expected.Root);
        if (!offset(F[5], Function.Where.Offset))
          return false;
        TU.Functions.push_back(std::move(Function));
        ++FunctionCount;
        continue;
      }
      if (TU.Functions.empty())
        return fail("'" + Keyword.take_front(20) +
                    "' before the first function");
      SummaryFunction &Function = TU.Functions.back();
      if (Keyword == "blocks") {
        if (!fields(Rest, 5, F))
          return false;
        if (!Function.Category.empty() || F[0].empty())
          return fail("a 'blocks' record is malformed or repeated");
        Function.Category = std::move(F[0]);
        Function.EntryName = std::move(F[1]);
        Function.QualifiedEntryName = std::move(F[2]);
        Function.Advice = std::move(F[3]);
        unsigned Length = 0;
        if (!offset(F[4], Length) || Length == 0)
          return fail("a 'blocks' record has no chain length");
        Function.ChainLength = Length;
        continue;
      }
      if (Keyword == "hop") {
        if (!fields(Rest, 4, F))
          return false;
        if (Function.Category.empty())
          return fail("a 'hop' record without 'blocks'");
        SummaryHop Hop;
        Hop.Site.File = resolvedFrom(F[0], Expected.Root);
        if (!offset(F[1], Hop.Site.Offset))
          return false;
        Hop.Caller = std::move(F[2]);
        Hop.Callee = std::move(F[3]);
        Function.Chain.push_back(std::move(Hop));
        continue;
      }
      if (Keyword == "call") {
        if (!fields(Rest, 6, F))
          return false;
        if (F[0].empty() || (F[4] != "p" && F[4] != "i"))
          return fail("a call record is malformed");
        SummaryCall Call;
        Call.USR = std::move(F[0]);
        Call.Callee = std::move(F[1]);
        Call.Site.File = resolvedFrom(F[2], Expected.Root);
        if (!offset(F[3], Call.Site.Offset))
          return false;
        Call.Implicit = F[4] == "i";
        Call.Await = std::move(F[5]);
        Function.Calls.push_back(std::move(Call));
        continue;
      }
      return fail("unknown record '" + Keyword.take_front(20) + "'");
    }
    return fail("the file is truncated (no end record)");
  }

  StringRef Text;
  const SummaryHeader &Expected;
  std::string Problem;
  size_t LineNumber = 0;
};

} // namespace

SummarySink::~SummarySink() = default;
SummarySource::~SummarySource() = default;

void setSummarySink(SummarySink *S) { Sink = S; }
SummarySink *summarySink() { return Sink; }
void setSummarySource(SummarySource *S) { Source = S; }
SummarySource *summarySource() { return Source; }

std::string latestSummariesPath(StringRef CacheDirectory,
                                StringRef DatabaseDirectory) {
  SmallString<256> Path(CacheDirectory);
  sys::path::append(Path, "projects",
                    utohexstr(xxh3_64bits(DatabaseDirectory), true, 16),
                    "summaries");
  return std::string(Path);
}

std::string findDatabaseDirectory(StringRef File) {
  SmallString<256> Absolute(File);
  if (sys::fs::make_absolute(Absolute))
    return "";
  for (StringRef Dir = sys::path::parent_path(Absolute); !Dir.empty();
       Dir = sys::path::parent_path(Dir)) {
    for (StringRef Sub : {"", "build"}) {
      SmallString<256> Candidate(Dir);
      if (!Sub.empty())
        sys::path::append(Candidate, Sub);
      SmallString<256> JSON(Candidate);
      sys::path::append(JSON, "compile_commands.json");
      SmallString<256> Real;
      if (sys::fs::is_regular_file(JSON) &&
          !sys::fs::real_path(Candidate, Real))
        return std::string(Real);
    }
    if (sys::path::parent_path(Dir) == Dir)
      break;
  }
  return "";
}

void writeSummaries(raw_ostream &OS, ArrayRef<const TUSummary *> Summaries,
                    const SummaryHeader &Header) {
  OS << Magic << ' ' << SummaryFormatVersion << "\ntool ";
  writeField(OS, Header.ToolVersion);
  OS << "\nproject ";
  writeField(OS, Header.Project);
  OS << '\n';
  size_t Functions = 0;
  StringRef Root = Header.Root;
  for (const TUSummary *TU : Summaries) {
    OS << "tu ";
    writeField(OS, relativeTo(TU->File, Root));
    OS << '\n';
    for (const SummaryFunction &F : TU->Functions) {
      ++Functions;
      OS << "fn ";
      writeField(OS, F.USR);
      OS << '\t';
      writeField(OS, F.Name);
      OS << '\t';
      writeField(OS, F.Coroutine);
      OS << '\t' << (F.WaitsOnParameter ? 'w' : '-') << '\t';
      writeLocation(OS, F.Where, Root);
      OS << '\n';
      if (F.blocksLocally()) {
        OS << "blocks ";
        writeField(OS, F.Category);
        OS << '\t';
        writeField(OS, F.EntryName);
        OS << '\t';
        writeField(OS, F.QualifiedEntryName);
        OS << '\t';
        writeField(OS, F.Advice);
        OS << '\t' << std::max(F.ChainLength, F.Chain.size()) << '\n';
        for (const SummaryHop &Hop : F.Chain) {
          OS << "hop ";
          writeLocation(OS, Hop.Site, Root);
          OS << '\t';
          writeField(OS, Hop.Caller);
          OS << '\t';
          writeField(OS, Hop.Callee);
          OS << '\n';
        }
      }
      for (const SummaryCall &Call : F.Calls) {
        OS << "call ";
        writeField(OS, Call.USR);
        OS << '\t';
        writeField(OS, Call.Callee);
        OS << '\t';
        writeLocation(OS, Call.Site, Root);
        OS << '\t' << (Call.Implicit ? 'i' : 'p') << '\t';
        writeField(OS, Call.Await);
        OS << '\n';
      }
    }
  }
  OS << "end " << Summaries.size() << ' ' << Functions << '\n';
}

std::string writeSummaries(ArrayRef<TUSummary> Summaries,
                           const SummaryHeader &Header) {
  std::vector<const TUSummary *> Pointers;
  for (const TUSummary &TU : Summaries)
    Pointers.push_back(&TU);
  std::string Text;
  raw_string_ostream OS(Text);
  writeSummaries(OS, Pointers, Header);
  return Text;
}

bool readSummaries(StringRef Text, const SummaryHeader &Expected,
                   std::vector<TUSummary> &Summaries, std::string &Error) {
  std::vector<TUSummary> Read;
  if (!Reader(Text, Expected).read(Read, Error))
    return false;
  // A function that blocks says how, and only then, with the hops a chain
  // of its length keeps.
  for (const TUSummary &TU : Read)
    for (const SummaryFunction &F : TU.Functions)
      if (F.Category.empty() != F.Chain.empty() ||
          (!F.Chain.empty() &&
           F.Chain.size() != std::min(F.ChainLength, MaxStoredHops))) {
        Error = "a function that blocks has no chain, or not the hops its "
                "length says: the file is corrupt";
        return false;
      }
  for (TUSummary &TU : Read)
    Summaries.push_back(std::move(TU));
  return true;
}

ProjectLink::ProjectLink(std::vector<TUSummary> S) : Summaries(std::move(S)) {
  // A function of a header is defined in several TUs, at one place: the TU
  // that sees it block (its callee defined there) knows best. Definitions at
  // different places under one USR (two programs of one compile database
  // defining the same function) leave it undecided: neither blocking nor
  // passing blocking on.
  std::vector<bool> Ambiguous;
  for (const TUSummary &TU : Summaries)
    for (const SummaryFunction &F : TU.Functions) {
      auto [It, Inserted] = Index.try_emplace(F.USR, Functions.size());
      if (Inserted) {
        Functions.push_back(&F);
        Ambiguous.push_back(false);
        continue;
      }
      const SummaryFunction *&Known = Functions[It->second];
      if (Known->Where.File != F.Where.File ||
          Known->Where.Offset != F.Where.Offset)
        Ambiguous[It->second] = true;
      else if (F.blocksLocally() && !Known->blocksLocally())
        Known = &F;
    }
  How.resize(Functions.size());

  // The callers of each function (compressed rows): only plain functions
  // that do not block by themselves pass blocking on.
  std::vector<unsigned> Start(Functions.size() + 1, 0);
  std::vector<std::pair<unsigned, const SummaryCall *>> Callers;
  auto Passes = [&](unsigned I) {
    const SummaryFunction &F = *Functions[I];
    return !Ambiguous[I] && !F.isCoroutine() && !F.blocksLocally() &&
           !F.WaitsOnParameter;
  };
  std::vector<int> Targets;
  for (unsigned I = 0; I < Functions.size(); ++I)
    if (Passes(I))
      for (const SummaryCall &Call : Functions[I]->Calls) {
        int Target = lookup(Call.USR);
        Targets.push_back(Target);
        if (Target >= 0)
          ++Start[Target + 1];
      }
  for (size_t I = 1; I < Start.size(); ++I)
    Start[I] += Start[I - 1];
  Callers.resize(Start.back());
  std::vector<unsigned> Fill(Start.begin(), Start.end() - 1);
  size_t Next = 0;
  for (unsigned I = 0; I < Functions.size(); ++I)
    if (Passes(I))
      for (const SummaryCall &Call : Functions[I]->Calls) {
        int Target = Targets[Next++];
        if (Target >= 0 && static_cast<unsigned>(Target) != I)
          Callers[Fill[Target]++] = {I, &Call};
      }

  // Breadth first from the functions that block by themselves: each
  // function is reached once, by a shortest chain.
  std::vector<unsigned> Queue;
  for (unsigned I = 0; I < Functions.size(); ++I) {
    const SummaryFunction &F = *Functions[I];
    if (!Ambiguous[I] && !F.isCoroutine() && F.blocksLocally() &&
        !F.WaitsOnParameter) {
      How[I].Blocks = true;
      Queue.push_back(I);
    }
  }
  for (size_t Head = 0; Head < Queue.size(); ++Head) {
    unsigned Current = Queue[Head];
    for (unsigned E = Start[Current]; E < Start[Current + 1]; ++E) {
      auto [Caller, Call] = Callers[E];
      if (How[Caller].Blocks)
        continue;
      How[Caller] = Via{static_cast<int>(Current), Call, true};
      Queue.push_back(Caller);
    }
  }
}

int ProjectLink::lookup(StringRef USR) const {
  auto It = Index.find(USR);
  return It == Index.end() ? -1 : static_cast<int>(It->second);
}

size_t ProjectLink::blockingCount() const {
  return llvm::count_if(How, [](const Via &V) { return V.Blocks; });
}

std::optional<LinkedFinding>
ProjectLink::findingFor(const SummaryCall &Call, StringRef Coroutine) const {
  int Target = lookup(Call.USR);
  if (Target < 0 || !How[Target].Blocks)
    return std::nullopt;
  // The hops: across translation units first, then within the last one.
  int Current = Target;
  std::vector<SummaryHop> Owned;
  for (size_t Steps = 0; Current >= 0 && Steps <= Functions.size(); ++Steps) {
    const Via &V = How[Current];
    if (V.Target < 0)
      break;
    Owned.push_back(
        SummaryHop{V.Call->Site, Functions[Current]->Name, V.Call->Callee});
    Current = V.Target;
  }
  if (Current < 0 || How[Current].Target >= 0)
    return std::nullopt;
  const SummaryFunction &Last = *Functions[Current];
  size_t LocalLength = std::max(Last.ChainLength, Last.Chain.size());
  size_t Length = Owned.size() + LocalLength;
  // The hop at an index the notes show (the first ones and the last).
  auto HopAt = [&](size_t I) -> const SummaryHop & {
    if (I < Owned.size())
      return Owned[I];
    size_t Local = I - Owned.size();
    if (Local + 1 == LocalLength)
      return Last.Chain.back();
    return Last.Chain[std::min(Local, Last.Chain.size() - 1)];
  };

  LinkedFinding Result;
  Result.Where = Call.Site;
  const std::string Category = " (category: " + Last.Category + ")";
  if (Call.Implicit)
    Result.Message = "'" + Call.Await + "' blocks the thread inside " +
                     Coroutine.str() + ": " + Functions[Target]->Name +
                     (Length == 1 ? " calls '" : " reaches '") +
                     Last.QualifiedEntryName +
                     "'; awaiting it gains nothing, every other task on this "
                     "executor stalls" +
                     Category;
  else
    Result.Message = Call.Callee + " blocks the thread inside " +
                     Coroutine.str() +
                     "; every other task on this executor stalls until it "
                     "returns" +
                     Category;
  // A long chain is shown by its first hops and its last one, as within a
  // translation unit.
  constexpr size_t ShownHops = 8;
  for (size_t I = 0; I < Length; ++I) {
    bool IsLast = I + 1 == Length;
    if (!IsLast && I >= ShownHops) {
      if (I == ShownHops)
        Result.Notes.emplace_back(
            HopAt(I).Site, "... " + std::to_string(Length - ShownHops - 1) +
                               " more calls ...");
      I = Length - 2;
      continue;
    }
    const SummaryHop &Hop = HopAt(I);
    if (IsLast)
      Result.Notes.emplace_back(
          Hop.Site,
          Hop.Caller + " calls '" +
              (Call.Implicit ? Last.QualifiedEntryName : Last.EntryName) +
              "', which blocks" + Last.Advice);
    else
      Result.Notes.emplace_back(Hop.Site, Hop.Caller + " calls " + Hop.Callee);
  }
  return Result;
}

std::vector<LinkedFinding> ProjectLink::findings() const {
  std::vector<LinkedFinding> Result;
  for (const TUSummary &TU : Summaries)
    for (const SummaryFunction &F : TU.Functions)
      if (F.isCoroutine())
        for (const SummaryCall &Call : F.Calls)
          if (std::optional<LinkedFinding> Finding =
                  findingFor(Call, F.Coroutine))
            Result.push_back(std::move(*Finding));
  return Result;
}

} // namespace clang::tidy::async::utils
