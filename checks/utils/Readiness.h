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

private:
  struct BodyFacts;
  BodyFacts &factsFor(const Stmt *Body);

  ASTContext &Ctx;
  llvm::DenseMap<const Stmt *, std::unique_ptr<BodyFacts>> Bodies;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_READINESS_H
