//===--- TaskHandoffDatabase.h - async-lint -------------------------------===//
//
// Where a coroutine task goes when it is handed to a library function: a
// spawner starts it and returns before it finishes (asio::co_spawn with
// detached, async_scope::spawn, Lazy::start); an awaiter runs or awaits it in
// place (when_all, sync_wait). Loaded from YAML (the built-in
// checks/data/task-handoffs.yaml) plus names from the check's options.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_TASKHANDOFFDATABASE_H
#define ASYNC_LINT_CHECKS_UTILS_TASKHANDOFFDATABASE_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

enum class HandoffKind {
  /// Starts the task; it keeps running after the call returns.
  Spawner,
  /// Runs or awaits the task before the call, or the awaitable the call
  /// returns, completes.
  Awaiter,
};

class TaskHandoffDatabase {
public:
  /// Parses a handoff file and adds its entries. On error, returns false and
  /// sets Error to "file:line:col: message".
  bool addYAML(llvm::StringRef Contents, llvm::StringRef FileName,
               std::string &Error);

  /// Adds one qualified name (the check's options).
  void addName(llvm::StringRef Name, HandoffKind Kind);

  /// What the function does with a task handed to it, if it is listed.
  std::optional<HandoffKind> lookup(const FunctionDecl *FD) const;

  size_t size() const { return Entries.size(); }

  /// The database compiled into the binaries.
  static const TaskHandoffDatabase &builtin();

private:
  struct Entry {
    std::string Name;
    HandoffKind Kind;
  };
  std::vector<Entry> Entries;
  /// Entry indices by the last component of their name.
  llvm::StringMap<llvm::SmallVector<unsigned, 1>> ByLastName;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_TASKHANDOFFDATABASE_H
