//===--- LockAcrossSuspendCheck.cpp - async-lint --------------------------===//

#include "LockAcrossSuspendCheck.h"
#include "utils/AwaitableUtils.h"
#include "utils/CFGDataflow.h"
#include "utils/CoroutineBodies.h"
#include "utils/DataFiles.h"
#include "utils/SuspensionPoints.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <algorithm>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

std::string describeCoroutine(const FunctionDecl *Coroutine) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Coroutine);
      Method && Method->getParent()->isLambda())
    return "a coroutine lambda";
  return "coroutine '" + utils::describeFunction(Coroutine) + "'";
}

/// `co_await fetch()` as written, or only its keyword when it is long.
std::string describeSuspension(const CoroutineSuspendExpr *Suspend,
                               const ASTContext &Ctx) {
  StringRef Keyword = isa<CoyieldExpr>(Suspend) ? "co_yield" : "co_await";
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Range = Suspend->getSourceRange();
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return Keyword.str();
  StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                                        SM, Ctx.getLangOpts());
  if (!Text.starts_with(Keyword))
    return Keyword.str();
  if (Text.size() <= 48 && !Text.contains('\n'))
    return Text.str();
  // A long call is shown without its arguments.
  size_t Paren = Text.find('(');
  if (Paren <= 48 && !Text.take_front(Paren).contains('\n'))
    return (Text.take_front(Paren) + "(...)").str();
  return (Keyword + " ...").str();
}

std::string listMutexes(const utils::TrackedLock &Lock) {
  std::string Text;
  for (size_t I = 0; I < Lock.Mutexes.size(); ++I) {
    if (I)
      Text += I + 1 == Lock.Mutexes.size() ? " and " : ", ";
    const utils::TrackedLock::Mutex &M = Lock.Mutexes[I];
    Text += M.Name.empty() ? "a '" + M.Type + "'"
                           : "'" + M.Name + "' (" + M.Type + ")";
  }
  return Text;
}

/// "'guard' holds 'm' (std::mutex)" or "'m' (std::mutex) is locked".
std::string describeHeld(const utils::TrackedLock &Lock) {
  if (Lock.Guard) {
    if (Lock.Mutexes.empty())
      return "'" + Lock.Holder + "' holds a lock";
    return "'" + Lock.Holder + "' holds " + listMutexes(Lock);
  }
  if (!Lock.Holder.empty())
    return listMutexes(Lock) + " holds a lock";
  return listMutexes(Lock) + " is locked";
}

/// The note at the acquisition. Acquired by another guard that handed the
/// lock over (a move), or by hand: the mutex is named, not the holder.
std::string describeAcquired(const utils::TrackedLock &Lock, bool ByHolder) {
  std::string Names;
  for (size_t I = 0; I < Lock.Mutexes.size(); ++I) {
    if (I)
      Names += I + 1 == Lock.Mutexes.size() ? " and " : ", ";
    const utils::TrackedLock::Mutex &M = Lock.Mutexes[I];
    Names += M.Name.empty() ? "the '" + M.Type + "'" : "'" + M.Name + "'";
  }
  if (ByHolder && Lock.Guard)
    return "'" + Lock.Holder + "' acquires " +
           (Names.empty() ? std::string("its lock") : Names) + " here";
  if (Names.empty())
    return "the lock is taken here";
  return Names + (Lock.Mutexes.size() > 1 ? " are" : " is") + " locked here";
}

} // namespace

LockAcrossSuspendCheck::LockAcrossSuspendCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), LockTypes(Options.get("LockTypes", "")),
      AllowedTypes(Options.get("AllowedTypes", "")) {}

void LockAcrossSuspendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LockTypes", LockTypes);
  Options.store(Opts, "AllowedTypes", AllowedTypes);
}

void LockAcrossSuspendCheck::registerMatchers(MatchFinder *Finder) {
  utils::matchCoroutineBodies(Finder, this);
}

void LockAcrossSuspendCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Coroutine = utils::matchedCoroutine(Result);
  if (!Coroutine || !Checked.insert(Coroutine).second)
    return;
  checkCoroutine(Coroutine, *Result.Context);
}

void LockAcrossSuspendCheck::onEndOfTranslationUnit() {
  Types.reset();
  Checked.clear();
  Reported.clear();
}

void LockAcrossSuspendCheck::checkCoroutine(const FunctionDecl *Coroutine,
                                            ASTContext &Ctx) {
  const auto *CoroBody = cast<CoroutineBodyStmt>(Coroutine->getBody());
  Stmt *Body = CoroBody->getBody();
  if (!Body || !utils::containsSuspension(Body))
    return;
  if (!Types)
    Types = std::make_unique<utils::LockTypes>(
        utils::splitOptionList(LockTypes),
        utils::splitOptionList(AllowedTypes));
  utils::LockState Locks(Ctx, *Types);
  // The CFG is built only for the few bodies that may hold a lock.
  if (!Locks.mayAcquire(Body))
    return;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(Coroutine, Body, &Ctx, Options);
  if (!Graph)
    return;
  utils::ForwardDataflow<utils::LockState> Flow(*Graph, Locks);
  Flow.solve();
  Flow.forEachElement([&](const CFGElement &E,
                          const utils::LockState::State &Held) {
    if (Held.empty())
      return;
    std::optional<CFGStmt> Element = E.getAs<CFGStmt>();
    if (!Element)
      return;
    const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(Element->getStmt());
    if (Suspend && utils::maySuspend(Suspend))
      report(Suspend, Held, Locks, Coroutine, Ctx);
  });
}

void LockAcrossSuspendCheck::report(const CoroutineSuspendExpr *Suspend,
                                    const utils::LockState::State &Held,
                                    const utils::LockState &Locks,
                                    const FunctionDecl *Coroutine,
                                    ASTContext &Ctx) {
  // A guard handed to the suspending operation itself (an asynchronous
  // condition variable's wait(lock)) may be released by it while suspended.
  llvm::SmallPtrSet<const Decl *, 4> Handed;
  utils::forEachOwnStmt(Suspend->getOperand(), [&](const Stmt *S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Handed.insert(Ref->getDecl());
  });
  llvm::SmallVector<std::pair<unsigned, const Stmt *>, 4> Sorted;
  for (const auto &[Id, Site] : Held)
    if (!Locks.lock(Id).Guard || !Handed.contains(Locks.lock(Id).Guard))
      Sorted.emplace_back(Id, Site);
  if (Sorted.empty())
    return;
  SourceLocation Loc = Suspend->getBeginLoc();
  if (!Reported.insert(Loc).second)
    return;
  // The lock taken first is named; each held lock gets a note.
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::sort(Sorted, [&](const auto &A, const auto &B) {
    if (A.second->getBeginLoc() != B.second->getBeginLoc())
      return SM.isBeforeInTranslationUnit(A.second->getBeginLoc(),
                                          B.second->getBeginLoc());
    return A.first < B.first;
  });
  const utils::TrackedLock &First = Locks.lock(Sorted.front().first);
  diag(Loc, "'%0' suspends %1 while %2; other threads that lock it block "
            "until the coroutine resumes, and it may resume on a thread that "
            "does not own the lock; release the lock before suspending or use "
            "an awaitable mutex")
      << describeSuspension(Suspend, Ctx) << describeCoroutine(Coroutine)
      << describeHeld(First) << Suspend->getSourceRange();
  for (const auto &[Id, Site] : Sorted) {
    const utils::TrackedLock &Lock = Locks.lock(Id);
    SourceLocation At = Site->getBeginLoc();
    bool ByHolder = false;
    if (const auto *Decl = dyn_cast<DeclStmt>(Site);
        Decl && Decl->isSingleDecl()) {
      At = Decl->getSingleDecl()->getLocation();
      ByHolder = Decl->getSingleDecl() == Lock.Guard;
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Site)) {
      At = Member->getExprLoc();
      const auto *Object = dyn_cast<DeclRefExpr>(
          Member->getImplicitObjectArgument()->IgnoreParenImpCasts());
      ByHolder = Lock.Guard && Object && Object->getDecl() == Lock.Guard;
    }
    diag(At, describeAcquired(Lock, ByHolder), DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
