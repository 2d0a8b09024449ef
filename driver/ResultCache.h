//===--- ResultCache.h - async-lint driver --------------------------------===//
//
// Results of analysed translation units, kept between runs. An entry is used
// only while every file the TU read (main file and all headers) still has
// the content it had; the key covers everything else that can change the
// result (tool build, flags, configuration, databases).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_RESULTCACHE_H
#define ASYNC_LINT_DRIVER_RESULTCACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

class ResultCache {
public:
  /// A cache in Directory; an empty Directory disables it.
  explicit ResultCache(std::string Directory);

  bool enabled() const { return !Directory.empty(); }

  /// The key for a TU, from the inputs that are not files it includes.
  static std::string key(llvm::ArrayRef<std::string> Inputs);

  /// The stored results for Key, if its dependencies are unchanged, and
  /// into Summary (when given) the TU's whole-project summary.
  std::optional<std::string> lookup(llvm::StringRef Key,
                                    std::string *Summary = nullptr);

  /// Stores results and the TU's summary; concurrent writers of the same
  /// key are harmless (the last rename wins, and each entry is complete).
  void store(llvm::StringRef Key, llvm::ArrayRef<std::string> Dependencies,
             llvm::StringRef Results, llvm::StringRef Summary = "");

  /// The files listed in a make-style dependency file.
  static std::vector<std::string> parseDependencyFile(llvm::StringRef Text);

  /// The default directory: $XDG_CACHE_HOME/async-lint or
  /// ~/.cache/async-lint.
  static std::string defaultDirectory();

  /// A hash of the file's contents, read once per path and process;
  /// "missing" when it cannot be read or is not a regular file (a device
  /// such as /dev/zero is never read).
  std::string contentHash(llvm::StringRef Path);

private:
  std::string entryPath(llvm::StringRef Key) const;

  std::string Directory;
  llvm::StringMap<std::string> Hashes;
};

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_RESULTCACHE_H
