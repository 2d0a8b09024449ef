//===--- ResultCache.cpp - async-lint driver ------------------------------===//

#include "ResultCache.h"
#include "Findings.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace asynclint {

namespace {
constexpr StringRef Magic = "async-lint-cache 2\n";
constexpr StringRef ResultsMarker = "results\n";
} // namespace

ResultCache::ResultCache(std::string Dir) : Directory(std::move(Dir)) {
  if (!Directory.empty() && sys::fs::create_directories(Directory))
    Directory.clear();
}

std::string ResultCache::key(ArrayRef<std::string> Inputs) {
  std::string Joined;
  for (const std::string &Input : Inputs) {
    Joined += Input;
    Joined += '\0';
  }
  // Two independent 64-bit hashes: collisions are not a practical concern.
  return utohexstr(xxh3_64bits(Joined), true, 16) +
         utohexstr(xxh3_64bits(Joined + "\x01"), true, 16);
}

std::string ResultCache::entryPath(StringRef Key) const {
  SmallString<256> Path(Directory);
  sys::path::append(Path, Key.take_front(2), Key);
  return std::string(Path);
}

std::string ResultCache::contentHash(StringRef Path) {
  auto [It, Inserted] = Hashes.try_emplace(Path);
  if (Inserted) {
    auto Buffer = sys::fs::is_regular_file(Path)
                      ? MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false)
                      : std::make_error_code(std::errc::invalid_argument);
    It->second =
        Buffer ? utohexstr(
                     xxh3_64bits(arrayRefFromStringRef((*Buffer)->getBuffer())),
                     true, 16)
               : "missing";
  }
  return It->second;
}

std::optional<std::string> ResultCache::lookup(StringRef Key,
                                               std::string *Summary) {
  if (!enabled())
    return std::nullopt;
  auto Buffer = MemoryBuffer::getFile(entryPath(Key));
  if (!Buffer)
    return std::nullopt;
  StringRef Text = (*Buffer)->getBuffer();
  if (!Text.consume_front(Magic))
    return std::nullopt;
  std::string StoredSummary;
  while (!Text.starts_with(ResultsMarker)) {
    // "summary <size>\n" and that many bytes.
    if (Text.consume_front("summary ")) {
      auto [Size, Rest] = Text.split('\n');
      size_t Length = 0;
      if (Size.getAsInteger(10, Length) || Rest.size() < Length)
        return std::nullopt;
      StoredSummary = Rest.take_front(Length).str();
      Text = Rest.drop_front(Length);
      continue;
    }
    // "dep <hash> <path>\n"
    auto [Line, Rest] = Text.split('\n');
    if (Rest.empty() && !Text.contains('\n'))
      return std::nullopt; // Truncated or corrupt: analyse again.
    Text = Rest;
    if (!Line.consume_front("dep "))
      return std::nullopt;
    auto [Hash, Path] = Line.split(' ');
    if (Hash.empty() || Path.empty() || contentHash(Path) != Hash)
      return std::nullopt;
  }
  if (Summary)
    *Summary = std::move(StoredSummary);
  return Text.drop_front(ResultsMarker.size()).str();
}

void ResultCache::store(StringRef Key, ArrayRef<std::string> Dependencies,
                        StringRef Results, StringRef Summary) {
  if (!enabled())
    return;
  std::string Text(Magic);
  for (const std::string &Dependency : Dependencies)
    Text += "dep " + contentHash(Dependency) + " " + Dependency + "\n";
  if (!Summary.empty())
    Text += "summary " + std::to_string(Summary.size()) + "\n" + Summary.str();
  Text += ResultsMarker;
  Text += Results;
  std::string Path = entryPath(Key);
  if (sys::fs::create_directories(sys::path::parent_path(Path)))
    return;
  // A cache that cannot be written only costs time.
  consumeError(writeFileAtomically(Path, Text));
}

std::vector<std::string> ResultCache::parseDependencyFile(StringRef Text) {
  std::vector<std::string> Files;
  size_t Colon = Text.find(": ");
  if (Colon == StringRef::npos)
    return Files;
  Text = Text.drop_front(Colon + 2);
  std::string Current;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\\' && I + 1 < Text.size()) {
      char Next = Text[I + 1];
      if (Next == '\n' || (Next == '\r' && I + 2 < Text.size())) {
        I += Next == '\r' ? 2 : 1;
        continue;
      }
      if (Next == ' ' || Next == '#' || Next == '\\') {
        Current += Next;
        ++I;
        continue;
      }
    }
    if (C == '$' && I + 1 < Text.size() && Text[I + 1] == '$') {
      Current += '$';
      ++I;
      continue;
    }
    if (isSpace(C)) {
      if (!Current.empty())
        Files.push_back(std::move(Current));
      Current.clear();
      continue;
    }
    Current += C;
  }
  if (!Current.empty())
    Files.push_back(std::move(Current));
  return Files;
}

std::string ResultCache::defaultDirectory() {
  SmallString<256> Dir;
  if (std::optional<std::string> XDG = sys::Process::GetEnv("XDG_CACHE_HOME");
      XDG && !XDG->empty()) {
    Dir = *XDG;
  } else if (!sys::path::home_directory(Dir)) {
    return "";
  } else {
    sys::path::append(Dir, ".cache");
  }
  sys::path::append(Dir, "async-lint");
  return std::string(Dir);
}

} // namespace asynclint
