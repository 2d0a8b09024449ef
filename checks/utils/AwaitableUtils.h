//===--- AwaitableUtils.h - async-lint ------------------------------------===//
//
// Shared predicates about C++20 coroutine types: is a type awaitable, is a
// function a coroutine, does a task start lazily or eagerly.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_AWAITABLEUTILS_H
#define ASYNC_LINT_CHECKS_UTILS_AWAITABLEUTILS_H

#include "utils/AwaitableRules.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// How a coroutine task behaves when its coroutine is called, read from the
/// promise type's initial_suspend().
enum class StartMode {
  /// Suspends before running its body: nothing happens until it is awaited.
  Lazy,
  /// Runs its body right away, up to its first suspension.
  Eager,
  /// initial_suspend() does something we cannot see through.
  Unknown,
};

/// What a (class) type is, as far as co_await is concerned.
struct AwaitableKind {
  /// A valid operand of co_await by itself: awaiter members, a member or
  /// free operator co_await, or a name listed by the user.
  bool Awaitable = false;
  /// Listed by the user, not recognised structurally.
  bool ByName = false;
  /// Has a promise type: calling a coroutine returning it creates a frame.
  bool CoroutineType = false;
  StartMode Start = StartMode::Unknown;

  /// Dropping a value of this type loses work: an awaitable is never
  /// awaited, a lazy coroutine never runs. An eager coroutine type that
  /// cannot be awaited is fire-and-forget by design.
  bool isLostWhenDropped() const {
    return Awaitable || (CoroutineType && Start == StartMode::Lazy);
  }
};

/// Whether a value is a valid operand of co_await in a given coroutine.
struct OperandVerdict {
  /// std::nullopt when it cannot be decided from the AST and the rules.
  std::optional<bool> Awaitable;
  /// How to word a finding, when a rule's trait or concept admitted it
  /// through the promise's await_transform.
  const ConstraintWording *Wording = nullptr;
};

/// Classifies types, caching the answer per canonical type.
class AwaitableClassifier {
public:
  /// Rules: library knowledge for await_transform (the built-in rules when
  /// null).
  explicit AwaitableClassifier(std::vector<std::string> ExtraAwaitableNames,
                               const AwaitableRules *Rules = nullptr);

  AwaitableKind classify(QualType T, const ASTContext &Ctx);

  /// Whether `co_await E`, with E a prvalue of type T, is well formed inside
  /// a coroutine whose promise type is Promise: the promise's
  /// await_transform is resolved as overload resolution would (see
  /// ConstraintEvaluator), otherwise T itself must be awaitable.
  OperandVerdict isAwaitableIn(QualType T, const CXXRecordDecl *Promise,
                               ASTContext &Ctx);

private:
  std::vector<std::string> ExtraNames;
  const AwaitableRules *Rules;
  llvm::DenseMap<const Type *, AwaitableKind> Cache;
};

/// The function's body is a coroutine body (it contains co_await, co_yield or
/// co_return).
bool isCoroutine(const FunctionDecl *FD);

/// The promise type of a coroutine function, from its coroutine body.
const CXXRecordDecl *getCoroutinePromise(const FunctionDecl *Coroutine);

/// The promise type that a coroutine returning T would use: the nested
/// promise_type found through std::coroutine_traits.
const CXXRecordDecl *getPromiseForReturnType(QualType T, const ASTContext &Ctx);

/// Lazy or eager, from the promise's initial_suspend().
StartMode getStartMode(const CXXRecordDecl *Promise);

/// The declaration that holds the members of RD: its definition, or the
/// template pattern it would be instantiated from.
const CXXRecordDecl *getDefinitionOrPattern(const CXXRecordDecl *RD);

/// Finds a member (including inherited ones) named Name.
const NamedDecl *findMember(const CXXRecordDecl *RD, StringRef Name);

/// Whether D's qualified name matches Pattern. Inline namespaces and template
/// arguments are ignored. "::a::b" must match the whole name; "a::b" may also
/// match a suffix ("x::a::b").
bool matchesQualifiedName(const NamedDecl *D, StringRef Pattern);

/// How messages name a function: `name`, `Class::name`, `Class::Class` for
/// a constructor, `lambda` for a lambda's call operator.
std::string describeFunction(const FunctionDecl *FD);

/// D's qualified name without inline namespaces or template arguments.
std::string getPlainQualifiedName(const NamedDecl *D);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_AWAITABLEUTILS_H
