//===--- Findings.h - async-lint driver -----------------------------------===//
//
// Findings as the driver reports them: located by line and column, with a
// fingerprint that survives edits elsewhere in the file, written as text,
// JSON or SARIF, and filtered by a baseline.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_FINDINGS_H
#define ASYNC_LINT_DRIVER_FINDINGS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

struct Location {
  std::string File;
  unsigned Line = 0;
  /// In bytes from the start of the line, as clang counts them (a UTF-8 BOM
  /// on line 1 adds 3); text and JSON output use these.
  unsigned Column = 0;
  unsigned EndLine = 0;
  unsigned EndColumn = 0;
  /// In Unicode code points, as SARIF output declares them (`columnKind:
  /// unicodeCodePoints`); a UTF-8 BOM is not counted. See codePointColumn.
  unsigned CodePointColumn = 0;
  unsigned EndCodePointColumn = 0;
};

struct Note {
  std::string Message;
  Location Where;
};

/// One replacement of a finding's fix: the text at Where (from its start to
/// its end; empty for an insertion) becomes Text.
struct Edit {
  Location Where;
  std::string Text;
};

struct Finding {
  std::string Check;
  /// "warning" or "error".
  std::string Level;
  std::string Message;
  Location Where;
  std::vector<Note> Notes;
  /// The suggested fix, if any.
  std::vector<Edit> Fixes;
  /// Stable across edits that do not touch the finding's line.
  std::string Fingerprint;
  /// Index into the diagnostics the finding was made from.
  size_t Index = 0;
};

/// Reads source files once, to turn offsets into lines and columns.
class SourceFiles {
public:
  Location locate(llvm::StringRef File, unsigned Offset, unsigned Length = 0);
  llvm::StringRef lineText(llvm::StringRef File, unsigned Line);

private:
  const llvm::MemoryBuffer *buffer(llvm::StringRef File);
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Buffers;
};

/// The findings for a list of diagnostics, fingerprinted relative to Root.
std::vector<Finding>
makeFindings(llvm::ArrayRef<clang::tidy::ClangTidyError> Diagnostics,
             SourceFiles &Sources, llvm::StringRef Root);

/// The path of File relative to Root when it is under Root.
std::string relativePath(llvm::StringRef File, llvm::StringRef Root);

/// The 1-based code point column of the 1-based byte column ByteColumn in
/// Line (the line's text without its newline). A byte that does not start a
/// valid UTF-8 sequence counts as one code point, so that invalid UTF-8 never
/// loses or merges columns. Byte columns past the end of Line count one each.
unsigned codePointColumn(llvm::StringRef Line, unsigned ByteColumn);

/// Path with every byte but RFC 3986's unreserved characters
/// (ALPHA / DIGIT / "-" / "." / "_" / "~") and the separator '/' written as
/// %XX, UTF-8 bytes included: a valid URI path, and as a relative reference
/// never mistaken for a scheme, query or fragment.
std::string percentEncodePath(llvm::StringRef Path);

/// The `file:///...` URI of an absolute path, percent-encoded.
std::string fileURI(llvm::StringRef AbsolutePath);

/// A check as SARIF describes it.
struct RuleInfo {
  std::string Id;
  std::string ShortDescription;
  std::string HelpMarkdown;
};

void writeJSON(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
               llvm::ArrayRef<std::string> Errors, llvm::StringRef Root);
void writeSARIF(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                llvm::ArrayRef<RuleInfo> Rules, llvm::StringRef Root);

/// Recorded findings: only findings beyond them are reported.
class Baseline {
public:
  static llvm::Expected<Baseline> read(llvm::StringRef Path);
  static llvm::Error write(llvm::StringRef Path,
                           llvm::ArrayRef<Finding> Findings,
                           llvm::StringRef Root);
  /// Whether the finding is recorded; each record covers one finding.
  bool consume(const Finding &F);

private:
  llvm::StringMap<unsigned> Remaining;
};

/// Writes Contents to Path through a temporary file next to it and a rename,
/// so that readers never see half a file and an interrupted write leaves the
/// old file. A symlink at Path is replaced by the file, not written through.
/// The file gets Permissions when given (else the default of a new file).
llvm::Error writeFileAtomically(
    llvm::StringRef Path, llvm::StringRef Contents,
    std::optional<llvm::sys::fs::perms> Permissions = std::nullopt);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_FINDINGS_H
