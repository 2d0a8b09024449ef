//===--- BlockingCallDatabase.h - async-lint ------------------------------===//
//
// The blocking-call database: which functions block the calling thread, when
// (overload conditions), in which category, and what to use instead. Loaded
// from YAML (the built-in checks/data/blocking-calls.yaml plus user files).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLDATABASE_H
#define ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLDATABASE_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// One API that blocks.
struct BlockingEntry {
  /// Qualified name, as matched by matchesQualifiedName().
  std::string Name;
  std::string Library;
  std::string Category;
  std::string Alternative;
  /// Blocks only with at least / at most this many arguments as written.
  std::optional<unsigned> MinArgs;
  std::optional<unsigned> MaxArgs;
  /// Does not block when this argument is the constant 0 (a timeout of 0
  /// polls).
  std::optional<unsigned> UnlessArgZero;
  /// Blocks only when this argument is the constant 0 (a flag that selects
  /// the synchronous form).
  std::optional<unsigned> IfArgZero;
  /// Blocks only when this argument is a null pointer (a callback left out
  /// selects the synchronous form).
  std::optional<unsigned> IfArgNull;
  /// Does not block when an argument's type is one of these classes.
  std::vector<std::string> UnlessArgType;
  /// Blocks only when the object (methods) or the first argument (free
  /// functions) is one of these classes or derives from one.
  std::vector<std::string> Receiver;
  /// The call itself returns at once, but the object it returns waits in
  /// its destructor (the future of std::async): it blocks where its result
  /// is discarded or kept in a local that is never waited for.
  bool WaitsInResultDestructor = false;
  /// Does not block when the constant value of argument [0] has a bit of
  /// mask [1] set (ZMQ_DONTWAIT among a call's flags).
  std::vector<unsigned> UnlessArgFlag;
  /// Does not block when the function containing the call also calls one of
  /// these (SSL_get_error: the caller drives a non-blocking TLS session).
  std::vector<std::string> UnlessCallerCalls;
  /// For a free function, the argument that is the receiver (default 0).
  std::optional<unsigned> ReceiverArg;
  /// Blocks only when the receiver names one of these variables
  /// (std::cout, ::stdout).
  std::vector<std::string> ReceiverObject;
  /// Does not block when the receiver names one of these variables.
  std::vector<std::string> UnlessReceiverObject;
  /// Blocks only when the function returns this class (by value, reference
  /// or pointer).
  std::string Returns;
  /// Blocks only when the function has exactly these parameters: each a
  /// class name (matched through references, pointers and qualifiers) or
  /// '*' for any type.
  std::vector<std::string> ParamTypes;
  /// The file the entry comes from.
  std::string Origin;
};

/// The categories an entry may have.
llvm::ArrayRef<llvm::StringRef> blockingCategories();

/// A call as the database sees it: the function called, its arguments as
/// written (without the object of a member call), and the object, if any.
struct CallSite {
  const FunctionDecl *Callee = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
  const Expr *Object = nullptr;
  /// For `name(...)` where name is a variable holding a function object:
  /// that variable.
  const NamedDecl *CalleeVariable = nullptr;
  /// The call expression itself.
  const Expr *E = nullptr;

  /// Whether the call is to the function with this qualified name, as a
  /// database entry's name matches (methods also through the object's
  /// class).
  bool callsName(llvm::StringRef Name) const;

  /// Describes a call or construction; returns std::nullopt for other
  /// expressions.
  static std::optional<CallSite> from(const Expr *E);
};

class BlockingCallDatabase {
public:
  /// Parses a database file and adds its entries. On error, returns false
  /// and sets Error to "file:line:col: message".
  bool addYAML(llvm::StringRef Contents, llvm::StringRef FileName,
               std::string &Error);

  /// Adds an entry for a qualified name (option BlockingFunctions and the
  /// async-lint::blocking annotation).
  void addName(llvm::StringRef Name, llvm::StringRef Category,
               llvm::StringRef Alternative, llvm::StringRef Origin);

  /// The entry the call matches, if any, among the enabled categories.
  const BlockingEntry *match(const CallSite &Call, const ASTContext &Ctx,
                             llvm::ArrayRef<std::string> Categories) const;

  /// Whether an entry names the function the call reaches, whatever its
  /// category and conditions (the database's verdict on that function
  /// then stands over the synchronous-twin rule's).
  bool names(const CallSite &Call) const;

  size_t size() const { return Entries.size(); }
  llvm::ArrayRef<std::unique_ptr<BlockingEntry>> entries() const {
    return Entries;
  }

  /// The namespaces the database describes completely (key 'libraries',
  /// 'complete-namespaces'): a function there that is not listed does not
  /// block, and the analysis does not look into it.
  llvm::ArrayRef<std::string> completeNamespaces() const {
    return CompleteNamespaces;
  }

  /// The database compiled into the binaries.
  static const BlockingCallDatabase &builtin();

private:
  void index(std::unique_ptr<BlockingEntry> Entry);

  std::vector<std::unique_ptr<BlockingEntry>> Entries;
  std::vector<std::string> CompleteNamespaces;
  /// Entries by the last component of their name.
  llvm::StringMap<llvm::SmallVector<const BlockingEntry *, 2>> ByLastName;
  /// Whether an entry's name ends in '*' (indexed under "*").
  bool HasWildcards = false;
};

/// Whether a category is enabled by a list such as "*,-console".
bool isCategoryEnabled(llvm::StringRef Category,
                       llvm::ArrayRef<std::string> Enabled);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLDATABASE_H
