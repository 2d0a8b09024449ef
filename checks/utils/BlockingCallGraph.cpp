//===--- BlockingCallGraph.cpp - async-lint -------------------------------===//

#include "utils/BlockingCallGraph.h"
#include "utils/AwaitableUtils.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::async::utils {

namespace {

class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  llvm::SmallVector<const Expr *, 16> Calls;

  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Calls.push_back(Construct);
    return true;
  }
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
};

} // namespace

llvm::SmallVector<const Expr *, 16> collectCalls(const Stmt *Body) {
  CallCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  return std::move(Collector.Calls);
}

BlockingCallGraph::BlockingCallGraph(const ASTContext &Ctx, Settings S)
    : Ctx(Ctx), S(std::move(S)) {}

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
  return BlockingCallDatabase::builtin().match(*Site, Ctx, S.Categories);
}

const FunctionDecl *BlockingCallGraph::analysable(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Definition->getBody() ||
      Definition->isDependentContext() || isCoroutine(Definition) ||
      marking(Definition) != Marking::None)
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation())))
    return nullptr;
  return Definition;
}

unsigned BlockingCallGraph::nodeFor(const FunctionDecl *Definition) {
  auto [It, Inserted] = NodeIndex.try_emplace(Definition, Nodes.size());
  if (Inserted)
    Nodes.push_back(Node{Definition, {}, {}, false, -1});
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
    llvm::SmallVector<const Expr *, 16> Calls;
    // A constructor runs its member initializers before its body.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit())
          Calls.append(collectCalls(Init->getInit()));
    Calls.append(collectCalls(Function->getBody()));
    for (const Expr *Call : Calls) {
      if (Call->containsErrors())
        continue;
      std::optional<CallSite> Site = CallSite::from(Call);
      if (!Site)
        continue;
      if (const BlockingEntry *Entry = directEntry(*Site)) {
        Nodes[Current].Calls.push_back(Edge{Call, Site->Callee, -1, Entry});
        markBlocking(Current, Nodes[Current].Calls.size() - 1);
        continue;
      }
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
