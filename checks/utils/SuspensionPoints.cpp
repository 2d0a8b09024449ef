//===--- SuspensionPoints.cpp - async-lint --------------------------------===//

#include "SuspensionPoints.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

namespace {

/// The method an await_ready() call resolves to.
const CXXMethodDecl *readyMethod(const Expr *Ready) {
  Ready = Ready->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Ready))
    Ready = Cleanups->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Ready))
    return Call->getMethodDecl();
  return nullptr;
}

/// A body that is `return true;` and nothing else.
bool returnsTrue(const FunctionDecl *FD) {
  const FunctionDecl *Definition = nullptr;
  if (!FD || !FD->hasBody(Definition))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body || Body->size() != 1)
    return false;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return false;
  const auto *Literal = dyn_cast<CXXBoolLiteralExpr>(
      Return->getRetValue()->IgnoreParenImpCasts());
  return Literal && Literal->getValue();
}

} // namespace

bool maySuspend(const CoroutineSuspendExpr *E) {
  const Expr *Ready = E->getReadyExpr();
  if (!Ready)
    return true;
  return !returnsTrue(readyMethod(Ready));
}

void forEachOwnStmt(const Stmt *Root,
                    llvm::function_ref<void(const Stmt *)> F) {
  llvm::SmallVector<const Stmt *, 32> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    F(S);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *Init : Lambda->capture_inits())
        Work.push_back(Init);
      continue;
    }
    if (isa<BlockExpr>(S))
      continue;
    // A co_await's operand is among its children next to the awaiter calls
    // built from it; the operand alone is what the user wrote.
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
      Work.push_back(Suspend->getOperand());
      continue;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

bool containsSuspension(const Stmt *Body) {
  bool Found = false;
  forEachOwnStmt(Body, [&](const Stmt *S) {
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S))
      Found = Found || maySuspend(Suspend);
  });
  return Found;
}

} // namespace clang::tidy::async::utils
