//===--- SuspensionPoints.h - async-lint ----------------------------------===//
//
// Which expressions of a coroutine body may suspend it, what a co_await or
// co_yield does besides evaluating its operand (the calls it makes on its own:
// operator co_await, the promise's await_transform and yield_value, the
// awaiter's await_ready, await_suspend and await_resume, and whether its
// awaiter suspends the coroutine for real), and a walk over the statements
// that run in the coroutine's own frame.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_SUSPENSIONPOINTS_H
#define ASYNC_LINT_CHECKS_UTILS_SUSPENSIONPOINTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

/// Whether a co_await or co_yield may suspend: every one does, except those
/// whose awaiter's await_ready() plainly returns true (std::suspend_never).
bool maySuspend(const CoroutineSuspendExpr *E);

/// Calls F on Root and every statement below it that runs as part of the
/// enclosing function: the bodies of nested lambdas and blocks, which run
/// when (and where) they are called, are skipped; their captures'
/// initializers are visited.
void forEachOwnStmt(const Stmt *Root, llvm::function_ref<void(const Stmt *)> F);

/// Whether the body of a coroutine contains a co_await or co_yield that may
/// suspend it (not counting the implicit initial and final suspends).
bool containsSuspension(const Stmt *Body);

/// The calls a co_await or co_yield makes on its own, in the order they run:
/// those that turn the operand into an awaiter (await_transform, yield_value,
/// operator co_await), then await_ready, await_suspend and await_resume.
/// Calls the operand itself makes are not included (they are part of the
/// expression as written).
llvm::SmallVector<const Expr *, 4>
implicitAwaitCalls(const CoroutineSuspendExpr *Await);

/// How an awaiter treats the coroutine that awaits it.
enum class SuspensionKind {
  /// await_ready() is the constant true, or await_suspend() returns false or
  /// resumes the handle it is given on the spot: the coroutine goes on on the
  /// same thread, within the same call.
  Inline,
  /// await_suspend() hands the coroutine's handle on (stores it, passes it to
  /// a function, captures it): the coroutine is resumed later, by whoever
  /// received it.
  HandsOff,
  /// Neither could be told (no body, symmetric transfer, ...).
  Unknown,
};

/// How the awaiter of a co_await or co_yield suspends, from its
/// await_ready() and await_suspend().
SuspensionKind getSuspensionKind(const CoroutineSuspendExpr *Await,
                                 const ASTContext &Ctx);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_SUSPENSIONPOINTS_H
