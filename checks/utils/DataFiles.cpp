//===--- DataFiles.cpp - async-lint ---------------------------------------===//

#include "utils/DataFiles.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

namespace clang::tidy::async::utils {

std::vector<std::string> splitOptionList(llvm::StringRef List) {
  std::string Normalized = List.str();
  std::replace(Normalized.begin(), Normalized.end(), ',', ';');
  llvm::SmallVector<llvm::StringRef, 8> Items;
  llvm::StringRef(Normalized).split(Items, ';');
  std::vector<std::string> Result;
  for (llvm::StringRef Item : Items)
    if (!Item.trim().empty())
      Result.push_back(Item.trim().str());
  return Result;
}

std::string resolveDataFilePath(llvm::StringRef Path,
                                llvm::StringRef AnalysedFile,
                                llvm::StringRef Option) {
  if (llvm::sys::path::is_absolute(Path))
    return Path.str();
  llvm::SmallString<256> Dir(AnalysedFile);
  if (llvm::sys::fs::make_absolute(Dir))
    return Path.str();
  for (llvm::sys::path::remove_filename(Dir); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Config(Dir);
    llvm::sys::path::append(Config, ".clang-tidy");
    if (llvm::sys::fs::is_regular_file(Config))
      if (auto Text = llvm::MemoryBuffer::getFile(Config))
        if ((*Text)->getBuffer().contains(Option)) {
          llvm::SmallString<256> Resolved(Dir);
          llvm::sys::path::append(Resolved, Path);
          return std::string(Resolved);
        }
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return Path.str();
}

llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
readDataFile(llvm::StringRef Path, llvm::StringRef What, std::string &Error) {
  auto Fail = [&](const llvm::Twine &Why) {
    Error = ("cannot read " + What + " '" + Path + "': " + Why).str();
  };
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status)) {
    Fail(EC.message());
    return EC;
  }
  if (!llvm::sys::fs::is_regular_file(Status)) {
    Fail("not a regular file");
    return std::make_error_code(std::errc::invalid_argument);
  }
  if (Status.getSize() > MaxDataFileSize) {
    Fail(llvm::Twine(Status.getSize()) + " bytes, more than the " +
         llvm::Twine(MaxDataFileSize >> 20) + " MiB a data file may have");
    return std::make_error_code(std::errc::file_too_large);
  }
  auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!Text)
    Fail(Text.getError().message());
  return Text;
}

namespace {

/// The key a validation message is about: 'name' in "'name' must not be
/// empty", category in "unknown category 'x'; ...".
llvm::StringRef keyOfMessage(llvm::StringRef Message) {
  if (Message.starts_with("'"))
    return Message.drop_front().take_until([](char C) { return C == '\''; });
  if (Message.consume_front("unknown ")) {
    llvm::StringRef Word = Message.take_until([](char C) { return C == ' '; });
    // YAML I/O's own "unknown key 'x'" is located at the key already.
    if (Word != "key" && Message.drop_front(Word.size()).starts_with(" '"))
      return Word;
  }
  return "";
}

/// Where a message that YAML I/O reports at an entry's start (1-based Line
/// and Column in Contents) is about: the line of the key it names, when
/// that key is in the entry.
std::pair<unsigned, unsigned> keyLocation(llvm::StringRef Contents,
                                          llvm::StringRef Message,
                                          unsigned Line, unsigned Column) {
  llvm::StringRef Key = keyOfMessage(Message);
  if (Key.empty() || Line == 0 || Column == 0)
    return {Line, Column};
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Contents.split(Lines, '\n');
  for (unsigned I = Line - 1; I < Lines.size(); ++I) {
    llvm::StringRef Text = Lines[I].rtrim("\r");
    size_t Indent = Text.find_first_not_of(' ');
    if (Indent == llvm::StringRef::npos || Text[Indent] == '#')
      continue;
    if (I == Line - 1)
      Indent = Column - 1; // Past the "- " that starts the entry.
    else if (Indent < Column - 1)
      break; // The entry ends here.
    if (Indent == Column - 1 && Text.drop_front(Indent).starts_with(Key) &&
        Text.drop_front(Indent + Key.size()).ltrim().starts_with(":"))
      return {I + 1, static_cast<unsigned>(Indent + 1)};
  }
  return {Line, Column};
}

} // namespace

void DataFileDiagnostics::report(unsigned Line, unsigned Column,
                                 const llvm::Twine &Message) {
  if (!First.empty())
    return; // The first error is the one to fix.
  llvm::raw_string_ostream OS(First);
  OS << FileName << ":" << Line << ":" << Column << ": " << Message;
}

void DataFileDiagnostics::handle(const llvm::SMDiagnostic &Diag,
                                 void *Context) {
  auto &Self = *static_cast<DataFileDiagnostics *>(Context);
  // A few parser errors carry no location (e.g. "? \n%": a complex key
  // followed by a bad directive); they are reported at the file's start.
  if (Diag.getLineNo() <= 0) {
    Self.report(1, 1, Diag.getMessage());
    return;
  }
  auto [Line, Column] = keyLocation(
      Self.Contents, Diag.getMessage(), static_cast<unsigned>(Diag.getLineNo()),
      static_cast<unsigned>(Diag.getColumnNo() + 1));
  Self.report(Line, Column, Diag.getMessage());
}

bool DataFileDiagnostics::checkDocument(llvm::StringRef Expected) {
  // An empty document is an error of its own (and YAML I/O cannot report
  // one with a location).
  bool HasContent = llvm::any_of(llvm::split(Contents, '\n'), [](auto Line) {
    Line = Line.trim();
    return !Line.empty() && !Line.starts_with("#") && Line != "---" &&
           Line != "...";
  });
  if (!HasContent) {
    report(1, 1, "the file is empty; expected a mapping with " + Expected);
    return false;
  }
  llvm::SourceMgr Sources;
  Sources.setDiagHandler(handle, this);
  llvm::yaml::Stream Stream(llvm::MemoryBufferRef(Contents, FileName), Sources);
  auto ReportAt = [&](llvm::yaml::Node *N, const llvm::Twine &Message) {
    llvm::SMLoc Where = N ? N->getSourceRange().Start : llvm::SMLoc();
    if (Where.isValid())
      Sources.PrintMessage(Where, llvm::SourceMgr::DK_Error, Message);
    else
      report(1, 1, Message);
  };
  llvm::yaml::document_iterator Document = Stream.begin();
  llvm::yaml::Node *Root =
      Document != Stream.end() ? Document->getRoot() : nullptr;
  if (!llvm::isa_and_nonnull<llvm::yaml::MappingNode>(Root)) {
    if (!Stream.failed())
      ReportAt(Root, "expected a mapping with " + Expected);
    if (First.empty())
      report(1, 1, "expected a mapping with " + Expected);
    return false;
  }
  // Every node once, depth first, with an explicit stack: the parser reads
  // lazily, and its own skip() recurses once per level of nesting. A
  // collection is read to its end before its parent's iterator moves on, so
  // that skip() has nothing left to do.
  struct Level {
    llvm::yaml::MappingNode *Mapping = nullptr;
    llvm::yaml::SequenceNode *Sequence = nullptr;
    llvm::yaml::MappingNode::iterator MapPos;
    llvm::yaml::SequenceNode::iterator SeqPos;
    /// Which child of the current item is next: key, value, done.
    unsigned Phase = 0;
  };
  llvm::SmallVector<Level, 8> Stack;
  // Returns false when the node cannot be read: too deep, an alias.
  auto Enter = [&](llvm::yaml::Node *N) {
    if (!N)
      return true;
    if (llvm::isa<llvm::yaml::AliasNode>(N)) {
      ReportAt(N, "aliases ('*name') are not supported in data files");
      return false;
    }
    auto *Mapping = llvm::dyn_cast<llvm::yaml::MappingNode>(N);
    auto *Sequence = llvm::dyn_cast<llvm::yaml::SequenceNode>(N);
    if (!Mapping && !Sequence)
      return true;
    if (Stack.size() >= MaxDataFileNesting) {
      ReportAt(N, "nested more than " + llvm::Twine(MaxDataFileNesting) +
                      " levels deep");
      return false;
    }
    Level L;
    L.Mapping = Mapping;
    L.Sequence = Sequence;
    if (Mapping)
      L.MapPos = Mapping->begin();
    else
      L.SeqPos = Sequence->begin();
    Stack.push_back(L);
    return true;
  };
  bool Readable = Enter(Root);
  while (Readable && !Stack.empty() && !Stream.failed()) {
    Level &Top = Stack.back();
    if (Top.Mapping) {
      if (Top.MapPos == Top.Mapping->end()) {
        Stack.pop_back();
        continue;
      }
      llvm::yaml::KeyValueNode &Pair = *Top.MapPos;
      unsigned Phase = Top.Phase++;
      if (Phase == 0)
        Readable = Enter(Pair.getKey());
      else if (Phase == 1) {
        llvm::yaml::Node *Value = Pair.getValue();
        // An alias is located after its name: say it at its key.
        if (llvm::isa_and_nonnull<llvm::yaml::AliasNode>(Value)) {
          ReportAt(Pair.getKey(),
                   "aliases ('*name') are not supported in data files");
          Readable = false;
        } else {
          Readable = Enter(Value);
        }
      } else {
        Top.Phase = 0;
        ++Top.MapPos;
      }
      continue;
    }
    if (Top.SeqPos == Top.Sequence->end()) {
      Stack.pop_back();
      continue;
    }
    if (Top.Phase++ == 0) {
      Readable = Enter(&*Top.SeqPos);
    } else {
      Top.Phase = 0;
      ++Top.SeqPos;
    }
  }
  if (!Readable || Stream.failed()) {
    if (First.empty())
      report(1, 1, "expected a mapping with " + Expected);
    return false;
  }
  return true;
}

} // namespace clang::tidy::async::utils
