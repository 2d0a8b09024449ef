//===--- DanglingReferenceCheck.cpp - async-lint --------------------------===//

#include "DanglingReferenceCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <functional>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// One function body (a function or a lambda's call operator) as the check
/// needs it: parents of its statements, the variable each initialiser
/// belongs to, the uses of its locals, and the calls that return a class
/// (the candidates). Nested lambdas and local classes are bodies of their
/// own.
class BodyIndex : public RecursiveASTVisitor<BodyIndex> {
public:
  explicit BodyIndex(const FunctionDecl *Function) : Function(Function) {}

  bool TraverseStmt(Stmt *S, DataRecursionQueue * = nullptr) {
    if (!S)
      return true;
    if (!Stack.empty())
      Parents.try_emplace(S, Stack.back());
    if (CurrentVar && S == CurrentVar->getInit())
      InitOf.try_emplace(S, CurrentVar);
    Stack.push_back(S);
    bool Continue = RecursiveASTVisitor::TraverseStmt(S, nullptr);
    Stack.pop_back();
    return Continue;
  }
  bool TraverseVarDecl(VarDecl *V) {
    const VarDecl *Saved = CurrentVar;
    CurrentVar = V;
    if (!Stack.empty())
      DeclaredIn.try_emplace(V, Stack.back());
    bool Continue = RecursiveASTVisitor::TraverseVarDecl(V);
    CurrentVar = Saved;
    return Continue;
  }
  bool TraverseLambdaExpr(LambdaExpr *L) {
    Lambdas.push_back(L);
    // The capture initialisers belong to this body; the lambda's own body
    // is indexed on its own.
    for (Expr *Init : L->capture_inits())
      if (!TraverseStmt(Init))
        return false;
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *V = dyn_cast<VarDecl>(E->getDecl());
        V && V->hasLocalStorage())
      Uses[V].push_back(E);
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (E->isPRValue() && E->getType()->isRecordType() && !E->isTypeDependent())
      Calls.push_back(E);
    return true;
  }

  const Stmt *parent(const Stmt *S) const { return Parents.lookup(S); }
  const VarDecl *initialised(const Stmt *S) const { return InitOf.lookup(S); }

  const FunctionDecl *Function;
  llvm::SmallVector<const CallExpr *, 8> Calls;
  llvm::SmallVector<const LambdaExpr *, 2> Lambdas;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const DeclRefExpr *, 4>>
      Uses;
  /// The statement (a DeclStmt) each local is declared by.
  llvm::DenseMap<const VarDecl *, const Stmt *> DeclaredIn;

private:
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  llvm::DenseMap<const Stmt *, const VarDecl *> InitOf;
  llvm::SmallVector<const Stmt *, 32> Stack;
  const VarDecl *CurrentVar = nullptr;
};

/// What a coroutine body uses, and which of those uses can come after its
/// first suspension.
class CoroutineUseFinder : public RecursiveASTVisitor<CoroutineUseFinder> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseStmt(Stmt *S, DataRecursionQueue * = nullptr) {
    if (!S)
      return true;
    bool IsLoop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
    if (IsLoop)
      Loops.push_back({S, false});
    bool Continue = RecursiveASTVisitor::TraverseStmt(S, nullptr);
    if (IsLoop) {
      bool Suspends = Loops.back().second;
      Loops.pop_back();
      if (Suspends) {
        SuspendingLoops.insert(S);
        if (!Loops.empty())
          Loops.back().second = true;
      }
    }
    return Continue;
  }
  bool VisitCoawaitExpr(CoawaitExpr *E) { return suspension(E); }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return suspension(E); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) {
    return suspension(E);
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (isa<ParmVarDecl>(E->getDecl()))
      use(E, cast<ParmVarDecl>(E->getDecl()));
    else if (E->refersToEnclosingVariableOrCapture() ||
             (isa<VarDecl>(E->getDecl()) &&
              cast<VarDecl>(E->getDecl())->isInitCapture()))
      use(E, nullptr, /*Capture=*/true);
    return true;
  }
  bool VisitCXXThisExpr(CXXThisExpr *E) {
    use(E, nullptr, false, /*This=*/true);
    return true;
  }

  struct Use {
    SourceLocation Loc;
    const ParmVarDecl *Param;
    bool Capture;
    bool This;
    llvm::SmallVector<const Stmt *, 2> Loops;
  };
  std::optional<SourceLocation> FirstSuspensionEnd;
  llvm::SmallVector<Use, 16> Uses;
  llvm::DenseSet<const Stmt *> SuspendingLoops;

private:
  bool suspension(const Expr *E) {
    if (!FirstSuspensionEnd)
      FirstSuspensionEnd = E->getEndLoc();
    if (!Loops.empty())
      Loops.back().second = true;
    return true;
  }
  void use(const Expr *E, const ParmVarDecl *Param, bool Capture = false,
           bool This = false) {
    Use U{E->getBeginLoc(), Param, Capture, This, {}};
    for (const auto &[Loop, Suspends] : Loops)
      U.Loops.push_back(Loop);
    Uses.push_back(std::move(U));
  }
  llvm::SmallVector<std::pair<const Stmt *, bool>, 4> Loops;
};

/// How a parameter can refer to an object outside the coroutine frame.
enum class ReferenceKind { None, Reference, Pointer, View, Wrapper };

ReferenceKind classifyParameter(QualType T) {
  if (T->isReferenceType())
    return ReferenceKind::Reference;
  if (T->isPointerType() && !T->isFunctionPointerType())
    return ReferenceKind::Pointer;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return ReferenceKind::None;
  if (utils::matchesQualifiedName(RD, "::std::reference_wrapper"))
    return ReferenceKind::Wrapper;
  if (utils::matchesQualifiedName(RD, "::std::basic_string_view") ||
      utils::matchesQualifiedName(RD, "::std::span"))
    return ReferenceKind::View;
  const CXXRecordDecl *Pattern = RD;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Pattern = Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (RD->hasAttr<PointerAttr>() || Pattern->hasAttr<PointerAttr>())
    return ReferenceKind::View;
  return ReferenceKind::None;
}

/// The object a reference, pointer or view refers to, when it is one whose
/// end of life is known: a temporary of the full-expression or a local of
/// the calling function (including its by-value parameters).
struct Referent {
  const MaterializeTemporaryExpr *Temporary = nullptr;
  const VarDecl *Local = nullptr;
};

bool isStdCall(const CallExpr *Call, llvm::ArrayRef<StringRef> Names) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
    return false;
  return llvm::is_contained(Names, FD->getName());
}

std::optional<Referent> referentOfObject(const Expr *E);

/// The object whose address a pointer holds.
std::optional<Referent> referentOfPointer(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() == CK_ArrayToPointerDecay)
        return referentOfObject(Cast->getSubExpr());
      if (Cast->getCastKind() != CK_NoOp &&
          Cast->getCastKind() != CK_DerivedToBase &&
          Cast->getCastKind() != CK_UncheckedDerivedToBase &&
          Cast->getCastKind() != CK_BitCast)
        return std::nullopt;
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<UnaryOperator>(E);
        Op && Op->getOpcode() == UO_AddrOf)
      return referentOfObject(Op->getSubExpr());
    // The buffer of a standard string or container.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && Method->getParent()->isInStdNamespace() &&
          Method->getIdentifier() &&
          (Method->getName() == "data" || Method->getName() == "c_str"))
        return referentOfObject(Member->getImplicitObjectArgument());
    }
    return std::nullopt;
  }
}

/// The object a glvalue designates.
std::optional<Referent> referentOfObject(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() != CK_NoOp &&
          Cast->getCastKind() != CK_DerivedToBase &&
          Cast->getCastKind() != CK_UncheckedDerivedToBase)
        return std::nullopt;
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      if (Temp->getStorageDuration() != SD_FullExpression)
        return std::nullopt;
      return Referent{Temp, nullptr};
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow() || !isa<FieldDecl>(Member->getMemberDecl()))
        return std::nullopt;
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = Subscript->getBase()->IgnoreParens();
      const auto *Decay = dyn_cast<ImplicitCastExpr>(Base);
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        return std::nullopt;
      E = Decay->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 &&
        isStdCall(Call, {"move", "forward", "as_const"})) {
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
      // A reference variable refers to something we do not see (for a
      // reference parameter: the caller's object, the caller's contract).
      if (!V || Ref->refersToEnclosingVariableOrCapture() ||
          !V->hasLocalStorage() || V->getType()->isReferenceType() ||
          V->isInitCapture())
        return std::nullopt;
      return Referent{nullptr, V};
    }
    return std::nullopt;
  }
}

/// The object a view (std::string_view, std::span) or a
/// std::reference_wrapper is constructed to refer to.
std::optional<Referent> referentOfView(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      CastKind Kind = Cast->getCastKind();
      if (Kind != CK_NoOp && Kind != CK_ConstructorConversion &&
          Kind != CK_UserDefinedConversion)
        return std::nullopt;
      E = Cast->getSubExpr();
      continue;
    }
    if (isa<CXXBindTemporaryExpr, MaterializeTemporaryExpr,
            CXXFunctionalCastExpr>(E)) {
      E = cast<Expr>(*E->child_begin());
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0 ||
          isa<CXXDefaultArgExpr>(Construct->getArg(0)))
        return std::nullopt;
      const Expr *Arg = Construct->getArg(0);
      if (Construct->getConstructor()->isCopyOrMoveConstructor()) {
        E = Arg;
        continue;
      }
      QualType ArgType = Arg->getType().getNonReferenceType();
      if (ArgType->isRecordType() || ArgType->isArrayType())
        return referentOfObject(Arg);
      if (ArgType->isPointerType())
        return referentOfPointer(Arg);
      return std::nullopt;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
        Member && isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl()))
      return referentOfObject(Member->getImplicitObjectArgument());
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 && isStdCall(Call, {"ref", "cref"}))
      return referentOfObject(Call->getArg(0));
    return std::nullopt;
  }
}

std::optional<Referent> referentOf(const Expr *Arg, ReferenceKind Kind) {
  switch (Kind) {
  case ReferenceKind::Reference:
    return referentOfObject(Arg);
  case ReferenceKind::Pointer:
    return referentOfPointer(Arg);
  case ReferenceKind::View:
  case ReferenceKind::Wrapper:
    return referentOfView(Arg);
  case ReferenceKind::None:
    break;
  }
  return std::nullopt;
}

/// What happens to a task after the expression that produced it.
enum class FateKind {
  /// We cannot tell (handed to a function we do not know, ...).
  Unknown,
  /// co_await in the same full-expression.
  Awaited,
  /// Run to completion by an in-place awaiter (sync_wait).
  RunInPlace,
  /// Started by a spawner; runs later.
  Spawned,
  /// Returned from the (non-coroutine) function.
  Returned,
  /// Stored in a container or assigned to something.
  Stored,
  /// Stored in a member of `this`, which outlives the function's locals.
  StoredInMember,
  /// Held by a local variable.
  InLocal,
};

struct Fate {
  FateKind Kind = FateKind::Unknown;
  /// The statement that decides it.
  const Stmt *At = nullptr;
  /// The spawner or awaiter.
  const FunctionDecl *By = nullptr;
  /// For InLocal: the variable.
  const VarDecl *Var = nullptr;
};

bool isThisMember(const Expr *E) {
  const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  return Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
}

/// Where a task stored by an assignment to Target or into the container
/// Target goes.
Fate storedInto(const Expr *Target, const Stmt *At) {
  const Expr *Stripped = Target->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Stripped))
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
        V && V->hasLocalStorage() && !V->getType()->isReferenceType() &&
        !Ref->refersToEnclosingVariableOrCapture())
      return {FateKind::InLocal, At, nullptr, V};
  if (isThisMember(Stripped))
    return {FateKind::StoredInMember, At};
  return {FateKind::Stored, At};
}

bool isContainerInsertion(const FunctionDecl *FD) {
  static constexpr StringRef Names[] = {
      "push_back", "emplace_back", "push_front",  "emplace_front", "push",
      "emplace",   "insert",       "try_emplace", "emplace_hint"};
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
  return Method && Method->getIdentifier() &&
         Method->getParent()->isInStdNamespace() &&
         llvm::is_contained(Names, Method->getName());
}

std::string lineOf(const Stmt *S, const SourceManager &SM) {
  return std::to_string(
      SM.getPresumedLineNumber(SM.getExpansionLoc(S->getBeginLoc())));
}

bool isLambdaCallOperator(const FunctionDecl *FD) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
  return Method && Method->getParent()->isLambda();
}

/// Types whose local objects, when they die, stop or join the work handed
/// to them (an executor, a thread, a scope).
bool endsWork(QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  std::string Lower = RD->getName().lower();
  StringRef Name = Lower;
  return Name.contains("thread") || Name.contains("pool") ||
         Name.contains("scope") || Name.contains("context") ||
         Name.contains("runtime") || Name.contains("executor") ||
         Name.contains("nursery") || Name.contains("group");
}

} // namespace

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Spawners(Options.get("Spawners", "")),
      Awaiters(Options.get("Awaiters", "")), Classifier({}) {
  for (StringRef Item : tidy::utils::options::parseStringList(Spawners))
    UserHandoffs.addName(Item, utils::HandoffKind::Spawner);
  for (StringRef Item : tidy::utils::options::parseStringList(Awaiters))
    UserHandoffs.addName(Item, utils::HandoffKind::Awaiter);
}

void DanglingReferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Spawners", Spawners);
  Options.store(Opts, "Awaiters", Awaiters);
}

void DanglingReferenceCheck::registerMatchers(MatchFinder *Finder) {
  // Function bodies, indexed in check(): the parents the analysis needs are
  // recorded for the few bodies that call a coroutine, without a parent map
  // of the whole translation unit.
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
}

std::optional<utils::HandoffKind>
DanglingReferenceCheck::handoffOf(const FunctionDecl *FD) const {
  if (!FD)
    return std::nullopt;
  if (auto Kind = UserHandoffs.lookup(FD))
    return Kind;
  return utils::TaskHandoffDatabase::builtin().lookup(FD);
}

const DanglingReferenceCheck::EagerUses &
DanglingReferenceCheck::eagerUses(const FunctionDecl *Coroutine) {
  auto [It, Inserted] = EagerCache.try_emplace(Coroutine);
  if (!Inserted)
    return It->second;
  const auto *Body = cast<CoroutineBodyStmt>(Coroutine->getBody());
  CoroutineUseFinder Finder;
  Finder.TraverseStmt(Body->getBody());
  const SourceManager &SM = Coroutine->getASTContext().getSourceManager();
  EagerUses &Result = It->second;
  for (const CoroutineUseFinder::Use &U : Finder.Uses) {
    if (U.This)
      Result.AnyThis = true;
    if (U.Capture)
      Result.AnyCapture = true;
    bool After =
        (Finder.FirstSuspensionEnd &&
         SM.isBeforeInTranslationUnit(*Finder.FirstSuspensionEnd, U.Loc)) ||
        llvm::any_of(U.Loops, [&](const Stmt *Loop) {
          return Finder.SuspendingLoops.contains(Loop);
        });
    if (!After)
      continue;
    if (U.Param)
      Result.Params.insert(U.Param);
    if (U.This)
      Result.This = true;
    if (U.Capture)
      Result.Captures = true;
  }
  return Result;
}

void DanglingReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function =
      Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Function = Lambda->getCallOperator();
  if (!Function || Function->isDependentContext() ||
      Function->isInvalidDecl() || !Function->getBody() ||
      !Walked.insert(Function).second)
    return;
  ASTContext &Ctx = *Result.Context;
  BodyIndex Index(Function);
  Stmt *Body = Function->getBody();
  Index.TraverseStmt(Body);
  if (Index.Calls.empty() && Index.Lambdas.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const bool InCoroutine = utils::isCoroutine(Function);

  auto IsTaskType = [&](QualType T) {
    utils::AwaitableKind Kind = Classifier.classify(T, Ctx);
    return Kind.CoroutineType || Kind.Awaitable;
  };

  // Follows a task from the expression that yields it to what decides its
  // fate.
  auto FateOf = [&](const Expr *E) -> Fate {
    const Stmt *Cur = E;
    bool IsObject = false;
    for (unsigned Depth = 0; Depth < 64; ++Depth) {
      if (const VarDecl *V = Index.initialised(Cur)) {
        if (V->hasLocalStorage() && !V->isInitCapture())
          return {FateKind::InLocal, V->getInit(), nullptr, V};
        return {FateKind::Stored, Cur};
      }
      const Stmt *P = Index.parent(Cur);
      if (!P)
        return {};
      if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
              CXXBindTemporaryExpr, ExprWithCleanups>(P) ||
          (isa<CXXFunctionalCastExpr>(P) &&
           cast<Expr>(P)->getType()->isRecordType())) {
        Cur = P;
        continue;
      }
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
        if (Construct->getNumArgs() >= 1 && Construct->getArg(0) == Cur &&
            Construct->getConstructor()->isCopyOrMoveConstructor()) {
          Cur = P;
          continue;
        }
        return {};
      }
      if (const auto *Member = dyn_cast<MemberExpr>(P)) {
        if (Member->getBase() != Cur)
          return {};
        IsObject = true;
        Cur = P;
        continue;
      }
      if (isa<CoawaitExpr>(P))
        return {FateKind::Awaited, P};
      if (isa<ReturnStmt>(P))
        return {FateKind::Returned, P};
      const auto *Call = dyn_cast<CallExpr>(P);
      if (!Call)
        return {};
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool ResultIsTask = IsTaskType(Call->getType());
      if (IsObject && Call->getCallee()->IgnoreParenImpCasts() != Cur)
        return {};
      if (std::optional<utils::HandoffKind> Handoff = handoffOf(Callee)) {
        // A spawner that returns an object (co_spawn with use_awaitable,
        // deferred or use_future; spawn_future) hands the task's fate to
        // it; one that returns nothing, or a status, lets the task go.
        bool ResultCarriesTask =
            ResultIsTask || (*Handoff == utils::HandoffKind::Spawner &&
                             Call->getType()->isRecordType());
        if (ResultCarriesTask) {
          Cur = P;
          IsObject = false;
          continue;
        }
        if (*Handoff == utils::HandoffKind::Spawner)
          return {FateKind::Spawned, P, Callee};
        return {FateKind::RunInPlace, P, Callee};
      }
      // A method of the task that returns another task (scheduleOn, via):
      // the new task carries the old one.
      if (IsObject) {
        if (!ResultIsTask)
          return {};
        Cur = P;
        IsObject = false;
        continue;
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
          Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(1) == Cur)
        return storedInto(Op->getArg(0), P);
      if (isContainerInsertion(Callee))
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
          if (isThisMember(Member->getImplicitObjectArgument()))
            return {FateKind::StoredInMember, P};
      if (isContainerInsertion(Callee))
        return {FateKind::Stored, P};
      return {};
    }
    return {};
  };

  // The fate of a task held by a local: the first use after At that
  // decides it.
  auto FateThroughLocals = [&](Fate F) -> Fate {
    for (unsigned Depth = 0; F.Kind == FateKind::InLocal && Depth < 4;
         ++Depth) {
      const VarDecl *V = F.Var;
      const Stmt *At = F.At;
      F = Fate{};
      auto It = Index.Uses.find(V);
      if (It == Index.Uses.end())
        return F;
      for (const DeclRefExpr *Use : It->second) {
        if (!SM.isBeforeInTranslationUnit(At->getEndLoc(), Use->getBeginLoc()))
          continue;
        F = FateOf(Use);
        break;
      }
    }
    return F;
  };

  // Whether, after the statement At, the local V may still be alive when
  // the task it is given to finishes: the function waits (co_await, a call
  // that may run the executor) before V's scope ends, or an executor that
  // dies first owns the task.
  auto MayWaitBeforeDeath = [&](const VarDecl *V, const Stmt *At) {
    const Stmt *Scope = Body;
    if (!isa<ParmVarDecl>(V)) {
      const Stmt *Decl = Index.DeclaredIn.lookup(V);
      Scope = Decl ? Index.parent(Decl) : nullptr;
      if (!Scope)
        return true;
    }
    // Inside a loop within the scope, the code before At runs again.
    SourceLocation After = At->getEndLoc();
    for (const Stmt *S = Index.parent(At); S && S != Scope; S = Index.parent(S))
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
        After = S->getBeginLoc();
    bool Waits = false;
    auto IsAfter = [&](SourceLocation L) {
      return SM.isBeforeInTranslationUnit(After, L);
    };
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || Waits)
        return;
      if (isa<CoawaitExpr, CoyieldExpr, DependentCoawaitExpr>(S) &&
          IsAfter(S->getBeginLoc())) {
        Waits = true;
        return;
      }
      if (const auto *Call = dyn_cast<CallExpr>(S);
          Call && S != At && IsAfter(S->getBeginLoc())) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        static constexpr StringRef Waiting[] = {
            "join",     "wait",      "wait_for", "wait_until", "get",
            "run",      "run_one",   "run_for",  "run_until",  "poll",
            "poll_one", "sync_wait", "async"};
        bool Harmless =
            Callee && (handoffOf(Callee) == utils::HandoffKind::Spawner ||
                       (Callee->isInStdNamespace() &&
                        !(Callee->getIdentifier() &&
                          llvm::is_contained(Waiting, Callee->getName()))));
        if (!Harmless) {
          Waits = true;
          return;
        }
      }
      if (const auto *Declaration = dyn_cast<DeclStmt>(S))
        for (const Decl *D : Declaration->decls())
          if (const auto *Local = dyn_cast<VarDecl>(D);
              Local && endsWork(Local->getType())) {
            Waits = true;
            return;
          }
      // A lambda's body runs when it is called, which the calls of this
      // body show.
      if (isa<LambdaExpr>(S))
        return;
      for (const Stmt *Child : S->children())
        Walk(Child);
    };
    Walk(Scope);
    if (Waits)
      return true;
    // A local executor (or scope, or thread) declared after V dies before
    // it and takes the task with it.
    for (const auto &[Local, Decl] : Index.DeclaredIn)
      if (Local != V && endsWork(Local->getType()) &&
          SM.isBeforeInTranslationUnit(V->getLocation(), Local->getLocation()))
        return true;
    return false;
  };

  for (const CallExpr *Call : Index.Calls) {
    if (Call->containsErrors())
      continue;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      continue;
    SourceLocation CallLoc = SM.getExpansionLoc(Call->getBeginLoc());
    if (SM.isInSystemHeader(CallLoc))
      continue;
    utils::AwaitableKind Kind = Classifier.classify(Call->getType(), Ctx);
    if (!Kind.CoroutineType || Kind.Start == utils::StartMode::Unknown)
      continue;
    const bool Lazy = Kind.Start == utils::StartMode::Lazy;
    if (Callee->hasAttr<CoroWrapperAttr>())
      continue;
    const FunctionDecl *Def = Callee->getDefinition();
    if (Def && (!utils::isCoroutine(Def) || Def->hasAttr<CoroWrapperAttr>()))
      continue;
    // Only declared: taken to be a coroutine when its task is lazy; what
    // an eager one does after suspending cannot be seen.
    if (!Def && !Lazy)
      continue;
    const EagerUses *Uses = Def ? &eagerUses(Def) : nullptr;

    // What the task holds a reference through.
    struct Holder {
      unsigned Index; // Parameter index, or ~0U for this / the closure.
      const ParmVarDecl *Param;
      std::optional<Referent> Object;
    };
    llvm::SmallVector<Holder, 2> Holders;

    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    const Expr *ObjectArg = nullptr;
    unsigned ArgShift = 0;
    bool ObjectIsPointer = false;
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
      ObjectArg = MemberCall->getImplicitObjectArgument();
      if (const auto *ME =
              dyn_cast<MemberExpr>(MemberCall->getCallee()->IgnoreParens()))
        ObjectIsPointer = ME->isArrow();
    } else if (isa<CXXOperatorCallExpr>(Call) && Method &&
               Method->isImplicitObjectMemberFunction()) {
      ObjectArg = Call->getArg(0);
      ArgShift = 1;
    }
    if (ObjectArg && Method && Method->isImplicitObjectMemberFunction()) {
      bool IsLambda = Method->getParent()->isLambda();
      bool HolderUsed =
          IsLambda ? (!Method->getParent()->field_empty() &&
                      (!Uses || (Lazy ? Uses->AnyCapture || Uses->AnyThis
                                      : Uses->Captures || Uses->This)))
                   : (!Uses || (Lazy ? Uses->AnyThis : Uses->This));
      if (HolderUsed) {
        std::optional<Referent> R = ObjectIsPointer
                                        ? referentOfPointer(ObjectArg)
                                        : referentOfObject(ObjectArg);
        if (R)
          Holders.push_back({~0U, nullptr, R});
      }
    }
    for (unsigned I = 0, N = Callee->getNumParams(); I < N; ++I) {
      if (I + ArgShift >= Call->getNumArgs())
        break;
      const ParmVarDecl *Param = Callee->getParamDecl(I);
      if (Param->isExplicitObjectParameter())
        continue;
      ReferenceKind RefKind = classifyParameter(Param->getType());
      if (RefKind == ReferenceKind::None)
        continue;
      if (Def) {
        const ParmVarDecl *DefParam = Def->getParamDecl(I);
        if (Lazy ? !DefParam->isReferenced() : !Uses->Params.contains(DefParam))
          continue;
      }
      const Expr *Arg = Call->getArg(I + ArgShift);
      if (isa<CXXDefaultArgExpr>(Arg))
        continue;
      if (std::optional<Referent> R = referentOf(Arg, RefKind))
        Holders.push_back({I, Param, R});
    }
    if (Holders.empty())
      continue;

    Fate Direct = FateOf(Call);
    Fate Final = FateThroughLocals(Direct);

    for (const Holder &H : Holders) {
      const Referent &R = *H.Object;
      bool Report = false;
      if (R.Temporary) {
        switch (Final.Kind) {
        case FateKind::Spawned:
        case FateKind::Returned:
        case FateKind::Stored:
        case FateKind::StoredInMember:
          Report = true;
          break;
        case FateKind::Awaited:
        case FateKind::RunInPlace:
          // Awaited in the same full-expression: the temporary outlives it.
          Report = Direct.Kind == FateKind::InLocal;
          break;
        default:
          break;
        }
      } else {
        const VarDecl *V = R.Local;
        switch (Final.Kind) {
        case FateKind::Returned:
          Report = !InCoroutine;
          break;
        case FateKind::Spawned:
        case FateKind::StoredInMember:
          Report = !MayWaitBeforeDeath(V, Final.At);
          break;
        default:
          break;
        }
      }
      if (!Report || !Reported.insert({CallLoc, H.Index}).second)
        continue;

      // The message.
      std::string CalleeName = utils::describeFunction(Callee);
      bool IsClosure = H.Index == ~0U && isLambdaCallOperator(Callee);
      std::string Holds;
      if (H.Param)
        Holds = "its parameter '" + H.Param->getNameAsString() + "'";
      else if (IsClosure)
        Holds = "its captures";
      else
        Holds = "'this'";
      std::string Head = "'" + CalleeName + "' is ";
      if (Lazy)
        Head += "a lazy coroutine; " + Holds +
                (IsClosure ? " live in " : " refers to ");
      else
        Head += "an eager coroutine that uses " + Holds +
                " after its first suspension; " +
                (IsClosure ? "they live in " : "it refers to ");

      std::string Object;
      if (R.Temporary) {
        if (IsClosure)
          Object = "a temporary closure object";
        else
          Object = "a temporary '" +
                   R.Temporary->getType().getUnqualifiedType().getAsString(
                       Ctx.getPrintingPolicy()) +
                   "'";
        Object += " that is destroyed at the end of this statement";
      } else {
        const VarDecl *V = R.Local;
        std::string Owner = utils::describeFunction(Function);
        if (isa<ParmVarDecl>(V))
          Object =
              (llvm::Twine("parameter '") + V->getName() + "' of '" + Owner +
               "', which is destroyed when '" + Owner + "' returns")
                  .str();
        else if (Index.parent(Index.DeclaredIn.lookup(V)) == Body)
          Object = (llvm::Twine("local variable '") + V->getName() +
                    "', which is destroyed when '" + Owner + "' returns")
                       .str();
        else
          Object = (llvm::Twine("local variable '") + V->getName() +
                    "', which is destroyed at the end of its scope")
                       .str();
      }

      std::string How;
      std::string By =
          Final.By ? "'" + utils::getPlainQualifiedName(Final.By) + "'" : "";
      bool ViaLocal = Direct.Kind == FateKind::InLocal;
      std::string Line = ViaLocal ? " at line " + lineOf(Final.At, SM) : "";
      switch (Final.Kind) {
      case FateKind::Awaited:
        How = "it is awaited" + Line;
        break;
      case FateKind::RunInPlace:
        How = (llvm::Twine("it is run by ") + By + Line).str();
        break;
      case FateKind::Spawned:
        How = (llvm::Twine("it is spawned by ") + By + Line + " and runs later")
                  .str();
        break;
      case FateKind::Returned:
        How = "it is returned" + Line;
        break;
      default:
        How = "it is stored" + Line;
        break;
      }
      std::string When = Lazy ? ", before the task runs"
                              : ", while the task is still suspended";
      if (R.Local)
        When = ", while the task can still run";

      // Awaiting in the same statement is a fix only where co_await can be
      // written and the task is not handed elsewhere.
      bool CanAwait = InCoroutine && (Final.Kind == FateKind::Awaited ||
                                      Final.Kind == FateKind::Stored ||
                                      Final.Kind == FateKind::StoredInMember);
      std::string KeepAlive =
          Final.Kind == FateKind::Spawned
              ? " alive until the task completes (e.g. spawn a coroutine that "
                "owns it)"
              : " alive until the task completes";
      std::string Fix;
      if (H.Param) {
        Fix = "take '" + H.Param->getNameAsString() + "' by value";
        if (R.Local)
          Fix += " or keep '" + R.Local->getNameAsString() + "'" + KeepAlive;
        else if (CanAwait)
          Fix += " or co_await the call in the same statement";
        else
          Fix += " or keep the object" + KeepAlive;
      } else if (IsClosure) {
        Fix = "keep the lambda alive until the task completes, pass what it "
              "needs as parameters, or give it an explicit object parameter "
              "('this auto self')";
      } else if (R.Local) {
        Fix = "keep '" + R.Local->getNameAsString() + "'" + KeepAlive;
      } else {
        Fix = "keep the object" + KeepAlive;
        if (CanAwait)
          Fix += " or co_await the call in the same statement";
      }

      diag(CallLoc, "%0%1%2 (%3); %4")
          << Head << Object << When << How << Fix << Call->getSourceRange();
      if (R.Temporary)
        diag(R.Temporary->getBeginLoc(),
             IsClosure ? "the closure object is created here"
                       : "the temporary is created here",
             DiagnosticIDs::Note)
            << R.Temporary->getSourceRange();
      else
        diag(R.Local->getLocation(), "'%0' is declared here",
             DiagnosticIDs::Note)
            << R.Local->getNameAsString();
      if (H.Param)
        diag(H.Param->getLocation(), "parameter '%0' of '%1' is declared here",
             DiagnosticIDs::Note)
            << H.Param->getNameAsString() << CalleeName;
      else if (!IsClosure)
        diag(Callee->getLocation(), "'%0' is declared here",
             DiagnosticIDs::Note)
            << CalleeName;
    }
  }

  // A coroutine lambda handed to a spawner: the spawner keeps the closure
  // alive, but what it captures by reference is the caller's.
  for (const LambdaExpr *Lambda : Index.Lambdas) {
    const CXXMethodDecl *Operator = Lambda->getCallOperator();
    if (!utils::isCoroutine(Operator) ||
        Operator->isExplicitObjectMemberFunction())
      continue;
    utils::AwaitableKind Kind =
        Classifier.classify(Operator->getReturnType(), Ctx);
    if (!Kind.CoroutineType)
      continue;
    const bool Lazy = Kind.Start == utils::StartMode::Lazy;
    if (!Lazy && (Kind.Start != utils::StartMode::Eager ||
                  !eagerUses(Operator).Captures))
      continue;
    Fate F = FateOf(Lambda);
    if (F.Kind != FateKind::Spawned)
      continue;
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (Capture.getCaptureKind() != LCK_ByRef || !Capture.capturesVariable())
        continue;
      const auto *V = dyn_cast<VarDecl>(Capture.getCapturedVar());
      if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType() ||
          V->getDeclContext() != Function || MayWaitBeforeDeath(V, F.At))
        continue;
      SourceLocation Loc = SM.getExpansionLoc(Lambda->getBeginLoc());
      unsigned CaptureIndex = &Capture - Lambda->capture_begin();
      if (SM.isInSystemHeader(Loc) ||
          !Reported.insert({Loc, CaptureIndex}).second)
        continue;
      std::string Owner = utils::describeFunction(Function);
      std::string Name = V->getNameAsString();
      std::string Dies =
          isa<ParmVarDecl>(V) ||
                  Index.parent(Index.DeclaredIn.lookup(V)) == Body
              ? "when '" + Owner + "' returns"
              : "at the end of its scope";
      diag(Loc, "the lambda is a %0 coroutine spawned by '%1'; it captures "
                "'%2' by reference, a %3 of '%4' that is destroyed %5, while "
                "the task can still run (it is spawned at line %6 and runs "
                "later); capture '%2' by value (e.g. '%2 = std::move(%2)') or "
                "keep it alive until the task completes")
          << (Lazy ? "lazy" : "eager") << utils::getPlainQualifiedName(F.By)
          << Name << (isa<ParmVarDecl>(V) ? "parameter" : "local variable")
          << Owner << Dies << lineOf(F.At, SM) << Lambda->getSourceRange();
      diag(Capture.getLocation(), "'%0' is captured here", DiagnosticIDs::Note)
          << Name;
      diag(V->getLocation(), "'%0' is declared here", DiagnosticIDs::Note)
          << Name;
    }
  }
}

} // namespace clang::tidy::async
