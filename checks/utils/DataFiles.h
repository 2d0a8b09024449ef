//===--- DataFiles.h - async-lint -----------------------------------------===//
//
// The data files the checks read (blocking-call databases, awaitable rules,
// task handoffs) and the options that name them: option lists, where a
// relative path is, the limits on what is read, and one hardened reading
// step in front of LLVM's YAML I/O that every reader shares.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_DATAFILES_H
#define ASYNC_LINT_CHECKS_UTILS_DATAFILES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ErrorOr.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// Splits an option list; items are separated by ';' (as in other clang-tidy
/// checks) or ','.
std::vector<std::string> splitOptionList(llvm::StringRef List);

/// Where a file named by a check option (Option: "DatabaseFiles",
/// "RuleFiles") is: an absolute path as it is; a relative one relative to
/// the nearest .clang-tidy above the analysed file that names Option (the
/// file that set it), else as it is (relative to the current directory, as
/// for --config).
std::string resolveDataFilePath(llvm::StringRef Path,
                                llvm::StringRef AnalysedFile,
                                llvm::StringRef Option);

/// The largest data file read (the built-in database is ~0.1 MiB).
constexpr uint64_t MaxDataFileSize = 64ULL << 20;

/// The contents of a data file (What names its kind in messages: "blocking-
/// call database"), or an error when it cannot be read, is not a regular
/// file (a device such as /dev/zero, a FIFO: a configuration from an
/// untrusted change could name one), or is larger than MaxDataFileSize.
llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
readDataFile(llvm::StringRef Path, llvm::StringRef What, std::string &Error);

/// The deepest nesting of mappings and sequences a data file may have (ours
/// need 5); deeper input is refused before YAML I/O, whose reading recurses.
constexpr unsigned MaxDataFileNesting = 64;

/// Collects the first problem YAML I/O reports for a data file as
/// "FILE:LINE:COL: message". A message about a key of an entry ("'name'
/// must not be empty", "unknown category 'x'"), which YAML I/O locates at
/// the entry's start, is located at that key's line.
class DataFileDiagnostics {
public:
  DataFileDiagnostics(llvm::StringRef Contents, llvm::StringRef FileName)
      : Contents(Contents), FileName(FileName) {}

  static void handle(const llvm::SMDiagnostic &Diag, void *Context);

  /// Checks what YAML I/O cannot report with a location, or reads by
  /// recursion: the file has content, parses as YAML, is one document whose
  /// root is a mapping (Expected says what it should hold: "'version' and
  /// 'entries'"), nests at most MaxDataFileNesting deep and uses no alias.
  bool checkDocument(llvm::StringRef Expected);

  const std::string &first() const { return First; }

private:
  void report(unsigned Line, unsigned Column, const llvm::Twine &Message);

  llvm::StringRef Contents;
  llvm::StringRef FileName;
  std::string First;
};

/// Reads Contents, the text of data file FileName, into Into through YAML
/// I/O (the MappingTraits of T: required and optional keys, validation; a
/// key that T does not know is an error). On error returns false and sets
/// Error to "FILE:LINE:COL: message"; nothing of Contents is quoted but
/// the keys and values the message is about.
template <typename T>
bool readDataFileYAML(llvm::StringRef Contents, llvm::StringRef FileName,
                      llvm::StringRef Expected, T &Into, std::string &Error) {
  DataFileDiagnostics Diagnostics(Contents, FileName);
  if (!Diagnostics.checkDocument(Expected)) {
    Error = Diagnostics.first();
    return false;
  }
  llvm::yaml::Input In(llvm::MemoryBufferRef(Contents, FileName), nullptr,
                       DataFileDiagnostics::handle, &Diagnostics);
  In >> Into;
  if (!In.error())
    return true;
  Error = Diagnostics.first().empty()
              ? (FileName + ":1:1: expected a mapping with " + Expected).str()
              : Diagnostics.first();
  return false;
}

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_DATAFILES_H
