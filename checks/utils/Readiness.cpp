//===--- Readiness.cpp - async-lint ---------------------------------------===//

#include "utils/Readiness.h"
#include "utils/AwaitableUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include <optional>

namespace clang::tidy::async::utils {

namespace {

using ReadySet = llvm::SmallPtrSet<const ValueDecl *, 4>;

StringRef nameOf(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName() : StringRef();
}

/// The variable E names directly: a local, a parameter, a structured
/// binding, or a member of this.
const ValueDecl *directObject(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (isa<VarDecl, BindingDecl>(Ref->getDecl()))
      return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return Member->getMemberDecl();
  return nullptr;
}

/// Predicates that are true only of a ready future or result.
bool isReadyPredicate(StringRef Name) {
  return Name == "is_ready" || Name == "ready" || Name == "isReady" ||
         Name == "done" || Name == "is_done" || Name == "isFinished" ||
         Name == "hasValue" || Name == "has_value" || Name == "hasResult";
}

/// Status enumerators that say ready (or not yet).
std::optional<bool> statusMeansReady(StringRef Name) {
  if (Name == "ready" || Name == "value" || Name == "exception" ||
      Name == "finished" || Name == "no_timeout")
    return true;
  if (Name == "timeout" || Name == "deferred" || Name == "idle" ||
      Name == "pending" || Name == "not_ready")
    return false;
  return std::nullopt;
}

/// x.wait_for(...), x.wait_until(...), x.status(): the object whose status
/// the call reads.
const ValueDecl *statusOf(const Expr *E) {
  const auto *Call =
      dyn_cast_or_null<CXXMemberCallExpr>(E ? E->IgnoreParenCasts() : nullptr);
  if (!Call)
    return nullptr;
  StringRef Name = nameOf(Call->getMethodDecl());
  if (Name != "wait_for" && Name != "wait_until" && Name != "status" &&
      Name != "wait_for_result")
    return nullptr;
  return directObject(Call->getImplicitObjectArgument());
}

const EnumConstantDecl *enumerator(const Expr *E) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr);
  return Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
}

/// The objects known ready when Cond evaluates to Branch.
void readyWhen(const Expr *Cond, bool Branch, ReadySet &Out,
               unsigned Depth = 0) {
  if (!Cond || Depth > 8)
    return;
  Cond = Cond->IgnoreParenCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot)
    return readyWhen(Not->getSubExpr(), !Branch, Out, Depth + 1);
  if (const auto *Bin = dyn_cast<BinaryOperator>(Cond)) {
    if ((Bin->getOpcode() == BO_LAnd && Branch) ||
        (Bin->getOpcode() == BO_LOr && !Branch)) {
      readyWhen(Bin->getLHS(), Branch, Out, Depth + 1);
      readyWhen(Bin->getRHS(), Branch, Out, Depth + 1);
      return;
    }
  }
  const Expr *LHS = nullptr, *RHS = nullptr;
  bool Equal = true;
  if (const auto *Bin = dyn_cast<BinaryOperator>(Cond);
      Bin && Bin->isEqualityOp()) {
    LHS = Bin->getLHS();
    RHS = Bin->getRHS();
    Equal = Bin->getOpcode() == BO_EQ;
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond);
             Op && Op->getNumArgs() == 2 &&
             (Op->getOperator() == OO_EqualEqual ||
              Op->getOperator() == OO_ExclaimEqual)) {
    LHS = Op->getArg(0);
    RHS = Op->getArg(1);
    Equal = Op->getOperator() == OO_EqualEqual;
  }
  if (LHS && RHS) {
    if (enumerator(LHS))
      std::swap(LHS, RHS);
    const ValueDecl *Object = statusOf(LHS);
    const EnumConstantDecl *Status = enumerator(RHS);
    if (!Object || !Status)
      return;
    std::optional<bool> Ready = statusMeansReady(nameOf(Status));
    if (Ready && *Ready == (Equal == Branch))
      Out.insert(Object);
    return;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Cond))
    if (isReadyPredicate(nameOf(Call->getMethodDecl())) && Branch)
      if (const ValueDecl *Object =
              directObject(Call->getImplicitObjectArgument()))
        Out.insert(Object);
}

bool isWhenAllOrAny(const Expr *E) {
  const auto *Call =
      dyn_cast_or_null<CallExpr>(E ? E->IgnoreImplicit() : nullptr);
  if (!Call || !Call->getDirectCallee())
    return false;
  StringRef Name = nameOf(Call->getDirectCallee());
  return Name.contains("when_all") || Name.contains("when_any") ||
         Name.contains("whenAll") || Name.contains("whenAny") ||
         Name.contains("collectAll") || Name.contains("collectAny");
}

/// What one CFG element does to the ready set.
void transfer(const Stmt *S, ReadySet &Ready) {
  if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
    for (const clang::Decl *D : Decl->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var)
        continue;
      Ready.erase(Var);
      // The results of an awaited when_all/when_any are all ready.
      const Expr *Init =
          Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr;
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
          Construct && Construct->getNumArgs() == 1 &&
          Construct->getConstructor()->isCopyOrMoveConstructor())
        Init = Construct->getArg(0)->IgnoreImplicit();
      const auto *Await = dyn_cast_or_null<CoawaitExpr>(Init);
      if (Await && isWhenAllOrAny(Await->getOperand())) {
        Ready.insert(Var);
        if (const auto *Bindings = dyn_cast<DecompositionDecl>(Var))
          for (const BindingDecl *B : Bindings->bindings())
            Ready.insert(B);
      }
    }
    return;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    StringRef Name = nameOf(Call->getMethodDecl());
    // After wait() (reported itself) or resolve(), the object is ready.
    if (Name == "wait" || Name == "resolve" || Name == "wait_ready")
      if (const ValueDecl *Object =
              directObject(Call->getImplicitObjectArgument()))
        Ready.insert(Object);
    return;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() > 0)
      if (const ValueDecl *Object = directObject(Op->getArg(0)))
        Ready.erase(Object);
    return;
  }
  if (const auto *Bin = dyn_cast<BinaryOperator>(S))
    if (Bin->isAssignmentOp())
      if (const ValueDecl *Object = directObject(Bin->getLHS()))
        Ready.erase(Object);
}

} // namespace

struct ReadinessAnalysis::BodyFacts {
  std::unique_ptr<CFG> Graph;
  /// Ready on entry to each block, by block ID; std::nullopt: not reached.
  std::vector<std::optional<ReadySet>> In;
  /// Each element's block and index in it.
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Where;
};

ReadinessAnalysis::ReadinessAnalysis(ASTContext &Ctx) : Ctx(Ctx) {}
ReadinessAnalysis::~ReadinessAnalysis() = default;

const ValueDecl *ReadinessAnalysis::trackedObject(const Expr *E) {
  if (const ValueDecl *Object = directObject(E))
    return Object;
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  // An element of a when_all result: std::get<N>(results), results[i].
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript)
    return directObject(Op->getArg(0));
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (nameOf(Call->getDirectCallee()) == "get" && Call->getNumArgs() == 1)
      return directObject(Call->getArg(0));
  return nullptr;
}

ReadinessAnalysis::BodyFacts &ReadinessAnalysis::factsFor(const Stmt *Body) {
  std::unique_ptr<BodyFacts> &Facts = Bodies[Body];
  if (Facts)
    return *Facts;
  Facts = std::make_unique<BodyFacts>();
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.PruneTriviallyFalseEdges = true;
  Facts->Graph =
      CFG::buildCFG(nullptr, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Facts->Graph)
    return *Facts;
  CFG &G = *Facts->Graph;
  for (const CFGBlock *Block : G)
    for (unsigned I = 0; I < Block->size(); ++I)
      if (std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>())
        Facts->Where.try_emplace(S->getStmt(), Block, I);
  Facts->In.assign(G.getNumBlockIDs(), std::nullopt);
  Facts->In[G.getEntry().getBlockID()] = ReadySet();
  // A must-analysis: intersect over predecessors, iterate in reverse post
  // order to a fixed point (sets only shrink once reached).
  llvm::ReversePostOrderTraversal<const CFG *> Order(&G);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const CFGBlock *Block : Order) {
      if (!Facts->In[Block->getBlockID()])
        continue;
      ReadySet Out = *Facts->In[Block->getBlockID()];
      for (const CFGElement &Element : *Block)
        if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
          transfer(S->getStmt(), Out);
      const Expr *Cond =
          dyn_cast_or_null<Expr>(Block->getTerminatorCondition());
      unsigned Index = 0;
      for (const CFGBlock *Succ : Block->succs()) {
        unsigned Branch = Index++;
        if (!Succ)
          continue;
        ReadySet Edge = Out;
        if (Cond && Block->succ_size() == 2)
          readyWhen(Cond, Branch == 0, Edge);
        std::optional<ReadySet> &In = Facts->In[Succ->getBlockID()];
        if (!In) {
          In = Edge;
          Changed = true;
          continue;
        }
        llvm::SmallVector<const ValueDecl *, 4> Gone;
        for (const ValueDecl *D : *In)
          if (!Edge.contains(D))
            Gone.push_back(D);
        for (const ValueDecl *D : Gone)
          In->erase(D);
        Changed |= !Gone.empty();
      }
    }
  }
  return *Facts;
}

bool ReadinessAnalysis::isReadyAt(const Expr *Call, const Expr *Object,
                                  const Stmt *Body) {
  const ValueDecl *Tracked = trackedObject(Object);
  if (!Tracked || !Body)
    return false;
  // Only results have a readiness: a future, a task, a result with get();
  // not a condition variable or a latch, which wait for something else.
  const CXXRecordDecl *RD =
      Object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || !findMember(RD, "get"))
    return false;
  BodyFacts &Facts = factsFor(Body);
  auto It = Facts.Where.find(Call);
  if (It == Facts.Where.end())
    return false;
  const auto [Block, Index] = It->second;
  const std::optional<ReadySet> &In = Facts.In[Block->getBlockID()];
  if (!In)
    return false;
  ReadySet Ready = *In;
  for (unsigned I = 0; I < Index; ++I)
    if (std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>())
      transfer(S->getStmt(), Ready);
  return Ready.contains(Tracked);
}

} // namespace clang::tidy::async::utils
