//===--- SuspensionPoints.h - async-lint ----------------------------------===//
//
// Which expressions of a coroutine body may suspend it, and a walk over the
// statements that run in the coroutine's own frame.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_SUSPENSIONPOINTS_H
#define ASYNC_LINT_CHECKS_UTILS_SUSPENSIONPOINTS_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"

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

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_SUSPENSIONPOINTS_H
