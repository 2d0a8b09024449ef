//===--- SuspensionPoints.cpp - async-lint --------------------------------===//

#include "utils/SuspensionPoints.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
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

namespace {

/// Collects the calls of an implicit expression of a co_await, without the
/// operand as written and without the awaiter itself (an OpaqueValueExpr in
/// the await_ready/await_suspend/await_resume calls).
class ImplicitCallCollector
    : public RecursiveASTVisitor<ImplicitCallCollector> {
public:
  explicit ImplicitCallCollector(const Expr *Operand) : Operand(Operand) {}

  bool TraverseStmt(Stmt *S) {
    if (!S || S == Operand)
      return true;
    if (const auto *E = dyn_cast<Expr>(S);
        E && Operand && E->IgnoreImplicit() == Operand->IgnoreImplicit())
      return true;
    return RecursiveASTVisitor::TraverseStmt(S);
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Calls.push_back(Construct);
    return true;
  }

  llvm::SmallVector<const Expr *, 4> Calls;

private:
  const Expr *Operand;
};

const CXXMethodDecl *awaiterMethod(const Expr *E, StringRef Name) {
  if (!E)
    return nullptr;
  ImplicitCallCollector Collector(nullptr);
  Collector.TraverseStmt(const_cast<Expr *>(E));
  for (const Expr *Call : Collector.Calls)
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXMethodDecl *Method = Member->getMethodDecl();
          Method && Method->getIdentifier() && Method->getName() == Name)
        return Method;
  return nullptr;
}

const FunctionDecl *withBody(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Definition = nullptr;
  if (FD->hasBody(Definition) && Definition)
    return Definition;
  return nullptr;
}

/// The value of `return <constant>;` when it is the whole body.
std::optional<bool> constantResult(const FunctionDecl *FD,
                                   const ASTContext &Ctx) {
  FD = withBody(FD);
  if (!FD)
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Ret || !Ret->getRetValue())
    return std::nullopt;
  const Expr *E = Ret->getRetValue();
  bool Result = false;
  if (E->isValueDependent() || !E->EvaluateAsBooleanCondition(Result, Ctx))
    return std::nullopt;
  return Result;
}

/// What await_suspend does with the handle it is given.
class HandleUses : public RecursiveASTVisitor<HandleUses> {
public:
  explicit HandleUses(const ParmVarDecl *Handle) : Handle(Handle) {}

  bool TraverseCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (refersToHandle(Call->getImplicitObjectArgument())) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      StringRef Name =
          Method && Method->getIdentifier() ? Method->getName() : StringRef();
      if (Name == "resume")
        ResumedInline = true;
      else if (Name != "done")
        HandedOff = true;
      for (Expr *Arg : Call->arguments())
        TraverseStmt(Arg);
      return true;
    }
    return RecursiveASTVisitor::TraverseCXXMemberCallExpr(Call);
  }
  bool TraverseCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() == OO_Call && Call->getNumArgs() == 1 &&
        refersToHandle(Call->getArg(0))) {
      ResumedInline = true;
      return true;
    }
    return RecursiveASTVisitor::TraverseCXXOperatorCallExpr(Call);
  }
  bool TraverseReturnStmt(ReturnStmt *Ret) {
    // Symmetric transfer back to the awaiting coroutine resumes it.
    if (Ret->getRetValue() && refersToHandle(Ret->getRetValue())) {
      ResumedInline = true;
      return true;
    }
    return RecursiveASTVisitor::TraverseReturnStmt(Ret);
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    // Any other use: copied, stored, passed on, captured.
    if (Ref->getDecl() == Handle)
      HandedOff = true;
    return true;
  }
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == Handle)
        HandedOff = true;
    if (Lambda->getCaptureDefault() != LCD_None)
      HandedOff = true;
    return true;
  }

  bool ResumedInline = false;
  bool HandedOff = false;

private:
  bool refersToHandle(const Expr *E) const {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    if (!Ref) {
      // A handle converted to coroutine_handle<> on the way.
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
              E ? E->IgnoreParenImpCasts() : nullptr);
          Construct && Construct->getNumArgs() == 1)
        return refersToHandle(Construct->getArg(0));
      if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(
              E ? E->IgnoreParenImpCasts() : nullptr);
          Member && isa<CXXConversionDecl>(Member->getMethodDecl()))
        return refersToHandle(Member->getImplicitObjectArgument());
      return false;
    }
    return Ref->getDecl() == Handle;
  }

  const ParmVarDecl *Handle;
};

} // namespace

llvm::SmallVector<const Expr *, 4>
implicitAwaitCalls(const CoroutineSuspendExpr *Await) {
  llvm::SmallVector<const Expr *, 4> Calls;
  if (!Await)
    return Calls;
  for (const Expr *Part : {Await->getCommonExpr(), Await->getReadyExpr(),
                           Await->getSuspendExpr(), Await->getResumeExpr()}) {
    if (!Part)
      continue;
    ImplicitCallCollector Collector(Await->getOperand());
    Collector.TraverseStmt(const_cast<Expr *>(Part));
    Calls.append(Collector.Calls.begin(), Collector.Calls.end());
  }
  return Calls;
}

SuspensionKind getSuspensionKind(const CoroutineSuspendExpr *Await,
                                 const ASTContext &Ctx) {
  if (!Await)
    return SuspensionKind::Unknown;
  if (constantResult(awaiterMethod(Await->getReadyExpr(), "await_ready"),
                     Ctx) == true)
    return SuspensionKind::Inline;
  const FunctionDecl *Suspend =
      withBody(awaiterMethod(Await->getSuspendExpr(), "await_suspend"));
  if (!Suspend || Suspend->getNumParams() != 1)
    return SuspensionKind::Unknown;
  if (Suspend->getReturnType()->isBooleanType() &&
      constantResult(Suspend, Ctx) == false)
    return SuspensionKind::Inline;
  HandleUses Uses(Suspend->getParamDecl(0));
  Uses.TraverseStmt(Suspend->getBody());
  if (Uses.HandedOff)
    return SuspensionKind::HandsOff;
  if (Uses.ResumedInline)
    return SuspensionKind::Inline;
  return SuspensionKind::Unknown;
}

} // namespace clang::tidy::async::utils
