//===--- Readiness.h - async-lint -----------------------------------------===//
//
// Whether a future or result is ready by the time a call reads it: on every
// path to the call, the same object was tested ready (an if, an assert, an
// early return on not-ready) or was just made ready (co_await x.resolve()).
// A must-dataflow over Clang's CFG, built only for the bodies that ask.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_READINESS_H
#define ASYNC_LINT_CHECKS_UTILS_READINESS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::async::utils {

class ReadinessAnalysis {
public:
  explicit ReadinessAnalysis(ASTContext &Ctx);
  ~ReadinessAnalysis();

  /// Whether Object (the object of a get()/wait() call Call inside Body) is
  /// known to be ready where Call runs.
  bool isReadyAt(const Expr *Call, const Expr *Object, const Stmt *Body);

  /// Whether the variable Object (a local of Body, or a member of this) is
  /// known to be ready where Call runs; the caller has checked that it is a
  /// result.
  bool isReadyAt(const Expr *Call, const ValueDecl *Object, const Stmt *Body);

  /// The variable a readiness test or a get() call is about: a local, a
  /// parameter, or a member of this, possibly through std::get<N>(v) or v[i]
  /// (an element of a when_all result).
  static const ValueDecl *trackedObject(const Expr *E);

  /// Whether Coroutine is awaited only where its parameter number Index is
  /// ready: it has internal linkage, and every use of it in the main file
  /// is a call awaited on the spot (co_await helper(r)) with a ready
  /// argument for that parameter, in the calling function.
  bool isReadyInEveryAwait(const FunctionDecl *Coroutine, unsigned Index);

  /// Whether the body assigns another object to Var or hands it to a
  /// function that may (by non-const reference).
  static bool mayReplace(const ValueDecl *Var, const Stmt *Body);

private:
  struct BodyFacts;
  struct AwaitUses;
  void collectAwaitUses();
  BodyFacts &factsFor(const Stmt *Body);

  ASTContext &Ctx;
  llvm::DenseMap<const Stmt *, std::unique_ptr<BodyFacts>> Bodies;
  std::unique_ptr<AwaitUses> Uses;
};

/// The object an argument (or an initializer) refers to: through the copy or
/// move that initialises a by-value parameter, and std::move/std::forward.
const Expr *argumentObject(const Expr *Arg);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_READINESS_H
