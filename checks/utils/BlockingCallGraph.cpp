//===--- BlockingCallGraph.cpp - async-lint -------------------------------===//

#include "utils/BlockingCallGraph.h"
#include "utils/AwaitableUtils.h"
#include "utils/SuspensionPoints.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>
#include <utility>

namespace clang::tidy::async::utils {

namespace {

class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  explicit CallCollector(const ASTContext &Ctx) : Ctx(Ctx) {}

  llvm::SmallVector<CollectedCall, 16> Calls;

  bool VisitCallExpr(CallExpr *Call) {
    add(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    add(Construct);
    return true;
  }
  bool TraverseCompoundStmt(CompoundStmt *Compound) {
    for (Stmt *Child : Compound->body())
      if (const auto *E = dyn_cast_or_null<Expr>(Child))
        Discarded.insert(discardedCall(E));
    return RecursiveASTVisitor::TraverseCompoundStmt(Compound);
  }
  bool TraverseCoawaitExpr(CoawaitExpr *Await) { return traverseAwait(Await); }
  bool TraverseCoyieldExpr(CoyieldExpr *Yield) { return traverseAwait(Yield); }
  // Code that runs elsewhere or never.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseRequiresExpr(RequiresExpr *) { return true; }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *E) {
    return E->isPotentiallyEvaluated()
               ? RecursiveASTVisitor::TraverseCXXTypeidExpr(E)
               : true;
  }

private:
  static const Expr *discardedCall(const Expr *E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CStyleCastExpr>(E);
        Cast && Cast->getType()->isVoidType())
      E = Cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    return E;
  }

  void add(const Expr *Call) {
    CollectedCall Item{Call};
    Item.Discarded = Discarded.contains(Call);
    if (!Awaits.empty() && Awaits.back().second == Call)
      Item.Await = Awaits.back().first;
    Calls.push_back(Item);
  }

  bool traverseAwait(CoroutineSuspendExpr *Await) {
    Expr *Operand = Await->getOperand();
    const Expr *Top =
        Operand ? Operand->IgnoreImplicit()->IgnoreParens() : nullptr;
    if (const auto *Bind = dyn_cast_or_null<CXXBindTemporaryExpr>(Top))
      Top = Bind->getSubExpr();
    Awaits.emplace_back(Await, Top);
    bool Result = TraverseStmt(Operand);
    Awaits.pop_back();
    if (getSuspensionKind(Await, Ctx) != SuspensionKind::HandsOff)
      for (const Expr *Call : implicitAwaitCalls(Await))
        Calls.push_back(CollectedCall{Call, Await, /*Implicit=*/true});
    return Result;
  }

  const ASTContext &Ctx;
  llvm::SmallPtrSet<const Expr *, 8> Discarded;
  /// The co_awaits being traversed, with the call their operand is.
  llvm::SmallVector<std::pair<const CoroutineSuspendExpr *, const Expr *>, 2>
      Awaits;
};

/// The outermost namespaces of the C and C++ standard libraries'
/// implementations: the database names what blocks there.
bool isStandardLibrary(const FunctionDecl *FD) {
  const DeclContext *DC = FD->getDeclContext();
  const NamespaceDecl *Outermost = nullptr;
  for (; DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Outermost = NS;
  if (!Outermost)
    return true; // C functions and global helpers of system headers.
  if (!Outermost->getIdentifier())
    return false;
  StringRef Name = Outermost->getName();
  return Name == "std" || Name == "__gnu_cxx" || Name == "__cxxabiv1" ||
         Name == "__gnu_debug" || Name == "__pstl";
}

/// A completion token or handler: a template parameter named like
/// CompletionToken, ReadHandler or WriteToken, as Asio-style libraries name
/// them.
bool isTokenParameterName(StringRef Name) {
  return Name.ends_with("Token") || Name.ends_with("Handler");
}

bool isCompletionTokenType(QualType T) {
  T = T.getNonReferenceType();
  for (int Depth = 0; Depth < 8 && !T.isNull(); ++Depth) {
    if (const auto *Subst = T->getAs<SubstTemplateTypeParmType>()) {
      const TemplateTypeParmDecl *Param = Subst->getReplacedParameter();
      if (Param && Param->getIdentifier() &&
          isTokenParameterName(Param->getName()))
        return true;
      T = Subst->getReplacementType().getNonReferenceType();
      continue;
    }
    if (const auto *Param = T->getAs<TemplateTypeParmType>())
      return Param->getIdentifier() &&
             isTokenParameterName(Param->getIdentifier()->getName());
    break;
  }
  return false;
}

/// A function that starts an asynchronous operation: it takes a completion
/// token or handler, returns an awaitable without being a coroutine, or is
/// named async_*.
bool isAsynchronousInitiation(const FunctionDecl *FD, const ASTContext &Ctx) {
  if (isCoroutine(FD))
    return false;
  if (FD->getIdentifier() && FD->getName().starts_with("async_"))
    return true;
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  for (const FunctionDecl *Decl : {FD, Pattern}) {
    if (!Decl)
      continue;
    for (const ParmVarDecl *Param : Decl->parameters())
      if (isCompletionTokenType(Param->getType()))
        return true;
  }
  QualType Result = FD->getReturnType();
  if (Result->isDependentType() || Result->isVoidType())
    return false;
  if (getPromiseForReturnType(Result, Ctx))
    return true;
  const CXXRecordDecl *RD = Result.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() && findMember(RD, "await_ready") &&
         findMember(RD, "await_resume");
}

std::mutex BudgetStopsLock;
std::vector<BlockingCallGraph::BudgetStop> BudgetStops;

void recordBudgetStop(const ASTContext &Ctx, const FunctionDecl *Function,
                      unsigned Budget) {
  const SourceManager &SM = Ctx.getSourceManager();
  BlockingCallGraph::BudgetStop Stop;
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Stop.MainFile = Main->getName().str();
  llvm::raw_string_ostream Name(Stop.Function);
  Function->getNameForDiagnostic(Name, Ctx.getPrintingPolicy(),
                                 /*Qualified=*/true);
  PresumedLoc Where =
      SM.getPresumedLoc(SM.getExpansionLoc(Function->getLocation()));
  if (Where.isValid())
    Stop.Location =
        (llvm::Twine(Where.getFilename()) + ":" + llvm::Twine(Where.getLine()))
            .str();
  Stop.Budget = Budget;
  std::lock_guard<std::mutex> Guard(BudgetStopsLock);
  if (BudgetStops.size() < 64)
    BudgetStops.push_back(std::move(Stop));
}

} // namespace

std::vector<BlockingCallGraph::BudgetStop>
BlockingCallGraph::takeBudgetStops() {
  std::lock_guard<std::mutex> Guard(BudgetStopsLock);
  return std::exchange(BudgetStops, {});
}

llvm::SmallVector<CollectedCall, 16> collectCalls(const Stmt *Body,
                                                  const ASTContext &Ctx) {
  CallCollector Collector(Ctx);
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  return std::move(Collector.Calls);
}

BlockingCallGraph::BlockingCallGraph(const ASTContext &Ctx, Settings S)
    : Ctx(Ctx), S(std::move(S)), Readiness(const_cast<ASTContext &>(Ctx)) {
  for (const BlockingCallDatabase *DB :
       {&BlockingCallDatabase::builtin(), this->S.UserDatabase})
    if (DB)
      for (const std::string &NS : DB->completeNamespaces())
        CompleteNamespaces.push_back(NS);
}

bool BlockingCallGraph::waitsOnReadyObject(const Expr *Call,
                                           const CallSite &Site,
                                           const BlockingEntry &Entry,
                                           const Stmt *Body) {
  if (Entry.Category != "wait" && Entry.Category != "sync-wait")
    return false;
  return Site.Object && Readiness.isReadyAt(Call, Site.Object, Body);
}

bool BlockingCallGraph::waitsOnReadyParameter(const CallSite &Site,
                                              const BlockingEntry &Entry,
                                              const FunctionDecl *Coroutine) {
  int Index = waitedParameter(Site, Entry, Coroutine);
  if (Index < 0)
    return false;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine->getBody());
  const CXXRecordDecl *RD =
      Site.Object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Body || !RD || !RD->hasDefinition() || !findMember(RD, "get") ||
      ReadinessAnalysis::mayReplace(Coroutine->getParamDecl(Index),
                                    Body->getBody()))
    return false;
  return Readiness.isReadyInEveryAwait(Coroutine, static_cast<unsigned>(Index));
}

int BlockingCallGraph::waitedParameter(const CallSite &Site,
                                       const BlockingEntry &Entry,
                                       const FunctionDecl *Function) {
  if ((Entry.Category != "wait" && Entry.Category != "sync-wait") ||
      !Site.Object)
    return -1;
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(
      ReadinessAnalysis::trackedObject(Site.Object));
  if (!Param || !llvm::is_contained(Function->parameters(), Param))
    return -1;
  return static_cast<int>(Param->getFunctionScopeIndex());
}

const ValueDecl *BlockingCallGraph::waitedCapture(const CallSite &Site,
                                                  const BlockingEntry &Entry,
                                                  const FunctionDecl *Function,
                                                  bool &ByCopy) {
  ByCopy = false;
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  if ((Entry.Category != "wait" && Entry.Category != "sync-wait") ||
      !Site.Object || !Method || !Method->getParent()->isLambda())
    return nullptr;
  const auto *Var =
      dyn_cast_or_null<VarDecl>(ReadinessAnalysis::trackedObject(Site.Object));
  // Only results have a readiness (see ReadinessAnalysis::isReadyAt).
  const CXXRecordDecl *RD =
      Site.Object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Var || !RD || !RD->hasDefinition() || !findMember(RD, "get"))
    return nullptr;
  // [f = std::move(g)]: a copy of g, made where the lambda is created.
  if (Var->isInitCapture()) {
    // A mutable lambda may assign another object to its copy.
    if (!Method->isConst())
      return nullptr;
    ByCopy = true;
    const Expr *Init =
        Var->getInit() ? argumentObject(Var->getInit()) : nullptr;
    return ReadinessAnalysis::trackedObject(Init);
  }
  for (const LambdaCapture &Capture : Method->getParent()->captures())
    if (Capture.capturesVariable() && Capture.getCapturedVar() == Var) {
      ByCopy = Capture.getCaptureKind() == LCK_ByCopy;
      return Var;
    }
  return nullptr;
}

bool BlockingCallGraph::passesReadyArguments(const Expr *Call,
                                             const CallSite &Site,
                                             const Stmt *Body) {
  // The arguments that map to the callee's parameters: all of a call or a
  // construction; an operator that is a member (a lambda's call operator)
  // takes its object first.
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call))
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  else if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    Args = llvm::ArrayRef(CE->getArgs(), CE->getNumArgs());
    if (isa<CXXOperatorCallExpr>(CE)) {
      if (!isa_and_nonnull<CXXMethodDecl>(Site.Callee) || Args.empty())
        return false;
      Args = Args.drop_front();
    }
  } else {
    return false;
  }
  const FunctionDecl *Definition = analysable(Site.Callee);
  auto It = Definition ? NodeIndex.find(Definition) : NodeIndex.end();
  if (It == NodeIndex.end() || !Nodes[It->second].Explored)
    return false;
  // Every reason the callee blocks is a wait on a parameter: no other
  // blocking call, no callee that blocks.
  llvm::SmallVector<unsigned, 2> Waited;
  llvm::SmallVector<std::pair<const ValueDecl *, bool>, 2> Captured;
  for (const Edge &E : Nodes[It->second].Calls) {
    if (E.Target >= 0) {
      if (Nodes[E.Target].BlockingEdge >= 0)
        return false;
      continue;
    }
    if (E.Captured) {
      Captured.emplace_back(E.Captured, E.CapturedByCopy);
      continue;
    }
    if (E.Parameter < 0)
      return false;
    Waited.push_back(static_cast<unsigned>(E.Parameter));
  }
  if (Waited.empty() && Captured.empty())
    return false;
  // A variable captured by reference is the caller's: ready where the
  // lambda is called; one captured by copy must be ready where the lambda
  // is created (called on the spot, or the initialiser of the local called).
  const LambdaExpr *Lambda = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getNumArgs() > 0) {
    const Expr *Object = Op->getArg(0)->IgnoreImplicit();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Object))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType() &&
          Var->getInit())
        Object = Var->getInit()->IgnoreImplicit();
    Lambda = dyn_cast<LambdaExpr>(Object);
  }
  if (!llvm::all_of(Captured, [&](std::pair<const ValueDecl *, bool> Var) {
        if (!Var.second)
          return Readiness.isReadyAt(Call, Var.first, Body);
        return Lambda && Readiness.isReadyAt(Lambda, Var.first, Body);
      }))
    return false;
  return llvm::all_of(Waited, [&](unsigned Index) {
    if (Index >= Args.size())
      return false;
    // A parameter taken by value: the object it is moved or copied from.
    const Expr *Arg = argumentObject(Args[Index]);
    return Readiness.isReadyAt(Call, Arg, Body);
  });
}

bool BlockingCallGraph::blocksOnlyWhenDiscarded(const BlockingEntry &Entry) {
  return Entry.WaitsInResultDestructor;
}

bool BlockingCallGraph::isInLibrary(const FunctionDecl *Definition) const {
  const SourceManager &SM = Ctx.getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation()));
}

bool BlockingCallGraph::inCompleteNamespace(const DeclContext *DC) {
  for (; DC && !DC->isTranslationUnit(); DC = DC->getParent()) {
    const auto *NS = dyn_cast<NamespaceDecl>(DC);
    if (!NS)
      continue;
    auto [It, Inserted] = CompleteNamespaceCache.try_emplace(NS, false);
    if (!Inserted) {
      if (It->second)
        return true;
      continue;
    }
    bool Complete = llvm::any_of(CompleteNamespaces, [&](const std::string &N) {
      return matchesQualifiedName(NS, N);
    });
    CompleteNamespaceCache[NS] = Complete;
    if (Complete)
      return true;
  }
  return false;
}

bool BlockingCallGraph::followsIntoLibrary(const FunctionDecl *Definition) {
  if (!S.FollowLibraryCalls || isStandardLibrary(Definition) ||
      Definition->isExternC() ||
      inCompleteNamespace(Definition->getDeclContext()) ||
      isAsynchronousInitiation(Definition, Ctx))
    return false;
  // Already looked into, or within the budget.
  if (NodeIndex.count(Definition) || LibraryNodes < S.LibraryFunctionBudget)
    return true;
  if (!BudgetReached) {
    BudgetReached = true;
    recordBudgetStop(Ctx, Definition, S.LibraryFunctionBudget);
  }
  return false;
}

Marking BlockingCallGraph::marking(const FunctionDecl *FD) {
  for (const FunctionDecl *Redecl : FD->redecls())
    for (const auto *Annotation : Redecl->specific_attrs<AnnotateAttr>()) {
      if (Annotation->getAnnotation() == "async-lint::blocking")
        return Marking::Blocking;
      if (Annotation->getAnnotation() == "async-lint::nonblocking")
        return Marking::NonBlocking;
    }
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
      Pattern && Pattern != FD)
    if (Marking M = marking(Pattern); M != Marking::None)
      return M;
  for (const std::string &Name : S.AllowedFunctions)
    if (matchesQualifiedName(FD, Name))
      return Marking::NonBlocking;
  return Marking::None;
}

const BlockingEntry *
BlockingCallGraph::annotationEntry(const FunctionDecl *FD) {
  std::unique_ptr<BlockingEntry> &Entry = AnnotationEntries[FD];
  if (!Entry) {
    Entry = std::make_unique<BlockingEntry>();
    Entry->Name = getPlainQualifiedName(FD);
    Entry->Category = "other";
    Entry->Origin = "annotation";
    for (const FunctionDecl *Redecl : FD->redecls())
      for (const auto *Annotation : Redecl->specific_attrs<AnnotateAttr>())
        if (Annotation->getAnnotation() == "async-lint::blocking" &&
            Annotation->args_size() > 0)
          if (const auto *Text = dyn_cast<StringLiteral>(
                  (*Annotation->args_begin())->IgnoreParenImpCasts()))
            Entry->Alternative = Text->getString().str();
  }
  return Entry.get();
}

const BlockingEntry *BlockingCallGraph::directEntry(const CallSite &Call) {
  const CallSite *Site = &Call;
  if (llvm::any_of(S.AllowedFunctions, [&](const std::string &Name) {
        return Site->callsName(Name);
      }))
    return nullptr;
  if (Site->Callee) {
    switch (marking(Site->Callee)) {
    case Marking::NonBlocking:
      return nullptr;
    case Marking::Blocking:
      return isCategoryEnabled("other", S.Categories)
                 ? annotationEntry(Site->Callee)
                 : nullptr;
    case Marking::None:
      break;
    }
  }
  if (S.UserDatabase)
    if (const BlockingEntry *Entry =
            S.UserDatabase->match(*Site, Ctx, S.Categories))
      return Entry;
  // The built-in database describes libraries: a function the project
  // defines, or a coroutine of its own, is not the API it is named like.
  if (isProjectFunction(Site->Callee))
    return nullptr;
  return BlockingCallDatabase::builtin().match(*Site, Ctx, S.Categories);
}

bool BlockingCallGraph::describedByDatabase(const CallSite &Site) const {
  if (!Site.Callee)
    return false;
  const FunctionDecl *Definition = Site.Callee->getDefinition();
  if (!Definition || !isInLibrary(Definition))
    return false;
  return BlockingCallDatabase::builtin().names(Site) ||
         (S.UserDatabase && S.UserDatabase->names(Site));
}

bool BlockingCallGraph::isProjectFunction(const FunctionDecl *FD) const {
  if (!FD)
    return false;
  if (const FunctionDecl *Definition = FD->getDefinition())
    return !isInLibrary(Definition);
  // Declared only: a coroutine type declared by the project is its own.
  const SourceManager &SM = Ctx.getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())) &&
         !FD->getReturnType()->isDependentType() &&
         getPromiseForReturnType(FD->getReturnType(), Ctx);
}

const FunctionDecl *BlockingCallGraph::analysable(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Definition->getBody() ||
      Definition->isDependentContext() || marking(Definition) != Marking::None)
    return nullptr;
  bool Library = isInLibrary(Definition);
  // A coroutine of the project is checked in its own body.
  if (!Library && isCoroutine(Definition))
    return nullptr;
  if (Library && !followsIntoLibrary(Definition))
    return nullptr;
  return Definition;
}

unsigned BlockingCallGraph::nodeFor(const FunctionDecl *Definition) {
  auto [It, Inserted] = NodeIndex.try_emplace(Definition, Nodes.size());
  if (Inserted) {
    bool Library = isInLibrary(Definition);
    LibraryNodes += Library;
    Nodes.push_back(Node{Definition, Library, {}, {}, false, -1});
  }
  return It->second;
}

void BlockingCallGraph::markBlocking(unsigned Start, unsigned EdgeIndex) {
  // Everything that reaches a blocking function blocks: walk the callers
  // back, each node once.
  if (Nodes[Start].BlockingEdge >= 0)
    return;
  Nodes[Start].BlockingEdge = static_cast<int>(EdgeIndex);
  llvm::SmallVector<unsigned, 16> Work{Start};
  while (!Work.empty()) {
    unsigned Current = Work.pop_back_val();
    for (auto [Caller, Edge] : Nodes[Current].Callers) {
      if (Nodes[Caller].BlockingEdge >= 0)
        continue;
      Nodes[Caller].BlockingEdge = static_cast<int>(Edge);
      Work.push_back(Caller);
    }
  }
}

void BlockingCallGraph::explore(unsigned Start) {
  llvm::SmallVector<unsigned, 16> Work{Start};
  while (!Work.empty()) {
    unsigned Current = Work.pop_back_val();
    if (Nodes[Current].Explored)
      continue;
    Nodes[Current].Explored = true;
    const FunctionDecl *Function = Nodes[Current].Function;
    llvm::SmallVector<CollectedCall, 16> Calls;
    // A constructor runs its member initializers before its body.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit())
          Calls.append(collectCalls(Init->getInit(), Ctx));
    const Stmt *Body = Function->getBody();
    if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
      Body = Coroutine->getBody();
    Calls.append(collectCalls(Body, Ctx));
    for (const CollectedCall &Item : Calls) {
      const Expr *Call = Item.Call;
      if (Call->containsErrors())
        continue;
      std::optional<CallSite> Site = CallSite::from(Call);
      if (!Site)
        continue;
      if (const BlockingEntry *Entry = directEntry(*Site)) {
        // Libraries take their own locks for moments; the future of
        // std::async blocks only where it is dropped.
        if ((Nodes[Current].Library && Entry->Category == "lock") ||
            (blocksOnlyWhenDiscarded(*Entry) && !Item.Discarded) ||
            waitsOnReadyObject(Call, *Site, *Entry, Body))
          continue;
        bool ByCopy = false;
        const ValueDecl *Captured =
            waitedCapture(*Site, *Entry, Function, ByCopy);
        Nodes[Current].Calls.push_back(
            Edge{Call, Site->Callee, -1, Entry,
                 waitedParameter(*Site, *Entry, Function), Captured, ByCopy});
        markBlocking(Current, Nodes[Current].Calls.size() - 1);
        continue;
      }
      if (describedByDatabase(*Site))
        continue;
      const FunctionDecl *Callee = analysable(Site->Callee);
      if (!Callee)
        continue;
      unsigned Target = nodeFor(Callee);
      unsigned EdgeIndex = Nodes[Current].Calls.size();
      Nodes[Current].Calls.push_back(
          Edge{Call, Callee, static_cast<int>(Target), nullptr});
      Nodes[Target].Callers.emplace_back(Current, EdgeIndex);
      if (Nodes[Target].BlockingEdge >= 0)
        markBlocking(Current, EdgeIndex);
      if (!Nodes[Target].Explored)
        Work.push_back(Target);
    }
    // A parameter assigned another object is not what the caller passed.
    llvm::SmallPtrSet<const ValueDecl *, 2> Reassigned;
    for (const CollectedCall &Item : Calls)
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Item.Call);
          Op && Op->getOperator() == OO_Equal && Op->getNumArgs() > 0)
        if (const ValueDecl *Assigned =
                ReadinessAnalysis::trackedObject(Op->getArg(0)))
          Reassigned.insert(Assigned);
    for (Edge &E : Nodes[Current].Calls) {
      if (E.Parameter >= 0 &&
          Reassigned.contains(Function->getParamDecl(E.Parameter)))
        E.Parameter = -1;
      if (E.Captured && Reassigned.contains(E.Captured))
        E.Captured = nullptr;
    }
  }
}

llvm::SmallVector<BlockingCallGraph::Hop, 4>
BlockingCallGraph::blockingChain(const FunctionDecl *Function) {
  llvm::SmallVector<Hop, 4> Chain;
  const FunctionDecl *Definition = analysable(Function);
  if (!Definition)
    return Chain;
  unsigned Current = nodeFor(Definition);
  explore(Current);
  // Each node's blocking edge leads to a node that blocks for a reason found
  // earlier, so the walk ends at a database hit; the bound guards the loop.
  for (size_t Steps = 0; Steps <= Nodes.size(); ++Steps) {
    const Node &N = Nodes[Current];
    if (N.BlockingEdge < 0)
      return {};
    const Edge &E = N.Calls[N.BlockingEdge];
    Chain.push_back(Hop{E.Site, N.Function, E.Callee, E.Entry});
    if (E.Target < 0)
      return Chain;
    Current = static_cast<unsigned>(E.Target);
  }
  return {};
}

} // namespace clang::tidy::async::utils
