//===--- BlockingCallCheck.cpp - async-lint -------------------------------===//

#include "BlockingCallCheck.h"
#include "utils/AwaitableUtils.h"
#include "utils/CoroutineBodies.h"
#include "utils/SyncTwins.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/FileManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <mutex>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// User databases, parsed once per process and shared by every TU (clangd
/// analyses TUs on several threads).
std::shared_ptr<const utils::BlockingCallDatabase>
loadUserDatabase(const std::vector<std::string> &Files,
                 const std::vector<std::string> &Names, std::string &Error) {
  std::string Key;
  std::vector<std::pair<std::string, std::string>> Contents;
  for (const std::string &File : Files) {
    auto Text = utils::readDataFile(File, "blocking-call database", Error);
    if (!Text)
      return nullptr;
    Contents.emplace_back(File, (*Text)->getBuffer().str());
    Key += File + '\0' + Contents.back().second + '\0';
  }
  for (const std::string &Name : Names)
    Key += Name + '\0';

  static std::mutex Mutex;
  static llvm::StringMap<std::shared_ptr<const utils::BlockingCallDatabase>>
      Cache;
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  auto Database = std::make_shared<utils::BlockingCallDatabase>();
  for (const auto &[File, Text] : Contents)
    if (!Database->addYAML(Text, File, Error))
      return nullptr;
  for (const std::string &Name : Names)
    Database->addName(Name, "other", "", "BlockingFunctions");
  Cache[Key] = Database;
  return Database;
}

/// How messages name an entry: by its name, or for an entry matched by
/// signature (a name ending in '*'), by the function called.
std::string displayName(const utils::BlockingEntry &Entry,
                        const FunctionDecl *Callee = nullptr) {
  if (StringRef(Entry.Name).ends_with("*") && Callee)
    return utils::getPlainQualifiedName(Callee);
  return StringRef(Entry.Name).ltrim(':').str();
}

/// How the message names the function a call reaches: by name, or for a
/// lambda, by the variable that holds it.
std::string describeCalled(const Expr *Call, const FunctionDecl *Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || !Method->getParent()->isLambda())
    return "'" + utils::describeFunction(Callee) + "'";
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
      return "'" + Ref->getDecl()->getNameAsString() + "'";
  return "the lambda called here";
}

std::string describeHop(const FunctionDecl *FD) {
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (Method && Method->getParent()->isLambda())
    return "the lambda";
  return "'" + utils::describeFunction(FD) + "'";
}

std::string describeCoroutine(const FunctionDecl *Coroutine) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Coroutine);
      Method && Method->getParent()->isLambda())
    return "a coroutine lambda";
  return "coroutine '" + utils::describeFunction(Coroutine) + "'";
}

std::string advice(const utils::BlockingEntry &Entry) {
  if (Entry.Alternative.empty())
    return "";
  return "; instead: " + Entry.Alternative;
}

/// The co_await or co_yield as written, whitespace collapsed, long operands
/// shortened.
std::string describeAwait(const CoroutineSuspendExpr *Await,
                          const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(
      SM.getExpansionRange(Await->getSourceRange()).getAsRange());
  StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  std::string Result;
  for (char C : Text) {
    bool Space = C == ' ' || C == '\n' || C == '\t' || C == '\r';
    if (Space && (Result.empty() || Result.back() == ' '))
      continue;
    Result += Space ? ' ' : C;
  }
  while (!Result.empty() && Result.back() == ' ')
    Result.pop_back();
  constexpr size_t MaxLength = 60;
  if (Result.size() > MaxLength)
    Result = Result.substr(0, MaxLength - 3) + "...";
  if (Result.empty())
    Result = isa<CoyieldExpr>(Await) ? "co_yield" : "co_await";
  return Result;
}

/// std::async(std::launch::deferred, ...): runs when waited for, its
/// future's destructor does not wait.
bool isDeferredLaunch(const utils::CallSite &Site) {
  if (Site.Args.empty())
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(Site.Args[0]->IgnoreParenImpCasts());
  return Ref && isa<EnumConstantDecl>(Ref->getDecl()) &&
         Ref->getDecl()->getName() == "deferred";
}

/// What a coroutine body does with its locals that have destructors, and
/// the temporaries its expression statements discard.
class DestructorCollector : public RecursiveASTVisitor<DestructorCollector> {
public:
  struct Local {
    const VarDecl *Var;
    /// Where its scope ends.
    SourceLocation End;
  };
  llvm::SmallVector<Local, 8> Locals;
  llvm::SmallVector<const Expr *, 4> Temporaries;
  /// Locals whose destructor may find nothing left to do: moved from,
  /// joined, waited for, returned, handed to a function by reference.
  llvm::SmallPtrSet<const VarDecl *, 8> Released;

  bool TraverseCompoundStmt(CompoundStmt *Compound) {
    Scopes.push_back(Compound->getRBracLoc());
    for (Stmt *Child : Compound->body())
      if (const auto *E = dyn_cast_or_null<Expr>(Child))
        if (const Expr *Temporary = discardedTemporary(E))
          Temporaries.push_back(Temporary);
    bool Result = RecursiveASTVisitor::TraverseCompoundStmt(Compound);
    Scopes.pop_back();
    return Result;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
        Var->getType()->isReferenceType() || Scopes.empty() ||
        Var->isImplicit())
      return true;
    const CXXRecordDecl *RD = Var->getType()->getAsCXXRecordDecl();
    if (RD && RD->hasDefinition() && !RD->hasTrivialDestructor())
      Locals.push_back(Local{Var, Scopes.back()});
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    unsigned First = 0;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (const VarDecl *Var = referenced(Member->getImplicitObjectArgument()))
        if (Method && Method->getIdentifier() &&
            llvm::is_contained(ReleasingMethods, Method->getName()))
          Released.insert(Var);
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Op->isAssignmentOp() && Op->getNumArgs() > 0)
        if (const VarDecl *Var = referenced(Op->getArg(0)))
          Released.insert(Var);
      First = isa_and_nonnull<CXXMethodDecl>(Callee) ? 1 : 0;
    }
    for (unsigned I = First; I < Call->getNumArgs(); ++I) {
      const VarDecl *Var = referenced(Call->getArg(I));
      if (!Var)
        continue;
      // std::move(x), or x bound to a non-const reference parameter.
      unsigned ParamIndex = I - First;
      const auto *Proto =
          Callee ? Callee->getType()->getAs<FunctionProtoType>() : nullptr;
      QualType Param = Proto && ParamIndex < Proto->getNumParams()
                           ? Proto->getParamType(ParamIndex)
                           : QualType();
      if (Param.isNull() || (Param->isReferenceType() &&
                             !Param->getPointeeType().isConstQualified()))
        Released.insert(Var);
    }
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    // Moved into another object.
    if (Construct->getConstructor() &&
        Construct->getConstructor()->isMoveConstructor() &&
        Construct->getNumArgs() > 0)
      if (const VarDecl *Var = referenced(Construct->getArg(0)))
        Released.insert(Var);
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *Ret) {
    if (const VarDecl *Var = referenced(Ret->getRetValue()))
      Released.insert(Var);
    return true;
  }
  bool VisitCoreturnStmt(CoreturnStmt *Ret) {
    if (const VarDecl *Var = referenced(Ret->getOperand()))
      Released.insert(Var);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // Captured by reference: the lambda may release it.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Released.insert(Var);
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc) { return true; }

private:
  static constexpr llvm::StringLiteral ReleasingMethods[] = {
      "join",  "detach", "get",     "wait",  "wait_for", "wait_until",
      "share", "swap",   "release", "reset", "stop"};

  static const VarDecl *referenced(const Expr *E) {
    if (!E)
      return nullptr;
    E = E->IgnoreParenImpCasts();
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getIdentifier() && Call->getNumArgs() == 1 &&
          (Callee->getName() == "move" || Callee->getName() == "forward"))
        E = Call->getArg(0)->IgnoreParenImpCasts();
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  }

  /// The temporary object an expression statement creates and drops.
  static const Expr *discardedTemporary(const Expr *E) {
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CStyleCastExpr>(E);
        Cast && Cast->getType()->isVoidType())
      E = Cast->getSubExpr()->IgnoreParens();
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      return Bind;
    return nullptr;
  }

  llvm::SmallVector<SourceLocation, 8> Scopes;
};

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      DatabaseFiles(Options.get("DatabaseFiles", "")),
      BlockingFunctions(Options.get("BlockingFunctions", "")),
      AllowedFunctions(Options.get("AllowedFunctions", "")),
      Categories(Options.get("Categories", "*,-console,-lock")),
      FollowLibraryCalls(Options.get("FollowLibraryCalls", true)),
      IgnoredSyncFunctions(Options.get("IgnoredSyncFunctions", "")) {
  for (StringRef Item : utils::splitOptionList(Categories)) {
    StringRef Category = Item;
    Category.consume_front("-");
    if (Category == "*" || is_contained(utils::blockingCategories(), Category))
      continue;
    std::string Known;
    for (StringRef Each : utils::blockingCategories())
      Known += (Known.empty() ? "" : ", ") + Each.str();
    OptionProblem = ("unknown category '" + Category + "' for option '" + Name +
                     ".Categories'; the categories are: " + Known)
                        .str();
    configurationDiag("%0", DiagnosticIDs::Error) << OptionProblem;
  }
  // A list that enables nothing ('', '-*') turns the check off in a way
  // that looks like a configuration of it.
  std::vector<std::string> Enabled = utils::splitOptionList(Categories);
  if (OptionProblem.empty() &&
      llvm::none_of(utils::blockingCategories(), [&](StringRef Category) {
        return utils::isCategoryEnabled(Category, Enabled);
      })) {
    OptionProblem = ("no category is enabled for option '" + Name +
                     ".Categories' ('" + Categories +
                     "'), so the check reports nothing; name the categories "
                     "to report, or turn the check off in Checks")
                        .str();
    configurationDiag("%0", DiagnosticIDs::Error) << OptionProblem;
  }
  // clangd drops diagnostics without a location.
  OptionProblemInMainFile =
      !OptionProblem.empty() && Context->areDiagsSelfContained();
  std::vector<std::string> Files;
  for (const std::string &File : utils::splitOptionList(DatabaseFiles))
    Files.push_back(utils::resolveDataFilePath(File, Context->getCurrentFile(),
                                               "DatabaseFiles"));
  std::vector<std::string> Names = utils::splitOptionList(BlockingFunctions);
  if (Files.empty() && Names.empty())
    return;
  std::string Error;
  UserDatabase = loadUserDatabase(Files, Names, Error);
  if (!UserDatabase)
    configurationDiag("%0 (for option '%1')", DiagnosticIDs::Error)
        << Error << (Name + ".DatabaseFiles").str();
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "DatabaseFiles", DatabaseFiles);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", AllowedFunctions);
  Options.store(Opts, "Categories", Categories);
  Options.store(Opts, "FollowLibraryCalls", FollowLibraryCalls);
  Options.store(Opts, "IgnoredSyncFunctions", IgnoredSyncFunctions);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  utils::matchCoroutineBodies(Finder, this);
  // Every function of the project goes into the TU's summary.
  if (utils::summarySink())
    Finder->addMatcher(
        functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
            .bind("summarised"),
        this);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Function =
          Result.Nodes.getNodeAs<FunctionDecl>("summarised")) {
    summariseFunction(Function, *Result.Context);
    return;
  }
  const FunctionDecl *Coroutine = utils::matchedCoroutine(Result);
  if (OptionProblemInMainFile && !OptionProblemReported) {
    OptionProblemReported = true;
    const SourceManager &SM = *Result.SourceManager;
    diag(SM.getLocForStartOfFile(SM.getMainFileID()), "%0",
         DiagnosticIDs::Error)
        << OptionProblem;
  }
  if (!Coroutine || !Checked.insert(Coroutine).second)
    return;
  checkCoroutine(Coroutine, *Result.Context);
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  if (utils::SummarySink *Sink = utils::summarySink()) {
    SmallString<256> File(getCurrentMainFile());
    if (!llvm::sys::fs::make_absolute(File))
      llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
    Summary.File = std::string(File);
    Sink->add(std::move(Summary));
  }
  Summary = utils::TUSummary();
  SummaryIndex.clear();
  Summarised.clear();
  SummaryPaths.clear();
  Linked.reset();
  LinkedLooked = false;
  OptionProblemReported = false;
  Graph.reset();
  Checked.clear();
  Reported.clear();
}

utils::BlockingCallGraph &BlockingCallCheck::graph(ASTContext &Ctx) {
  if (!Graph) {
    utils::BlockingCallGraph::Settings Settings{
        UserDatabase.get(), utils::splitOptionList(Categories),
        utils::splitOptionList(AllowedFunctions)};
    Settings.FollowLibraryCalls = FollowLibraryCalls;
    Graph =
        std::make_unique<utils::BlockingCallGraph>(Ctx, std::move(Settings));
  }
  return *Graph;
}

void BlockingCallCheck::checkCoroutine(const FunctionDecl *Coroutine,
                                       ASTContext &Ctx) {
  graph(Ctx);
  const auto *Body = cast<CoroutineBodyStmt>(Coroutine->getBody());
  for (const utils::CollectedCall &Item :
       utils::collectCalls(Body->getBody(), Ctx))
    checkCall(Item, Body->getBody(), Coroutine, Ctx);
  checkDestructors(Body->getBody(), Coroutine, Ctx);
}

void BlockingCallCheck::checkCall(const utils::CollectedCall &Item,
                                  const Stmt *Body,
                                  const FunctionDecl *Coroutine,
                                  ASTContext &Ctx) {
  const Expr *Call = Item.Call;
  if (Call->containsErrors())
    return;
  std::optional<utils::CallSite> Site = utils::CallSite::from(Call);
  if (!Site)
    return;
  if (const utils::BlockingEntry *Entry = Graph->directEntry(*Site)) {
    if (utils::BlockingCallGraph::blocksOnlyWhenDiscarded(*Entry)) {
      // Kept in a local: see checkDestructors.
      if (Item.Discarded && !isDeferredLaunch(*Site) &&
          Reported.insert(Call->getExprLoc()).second)
        diag(Call->getExprLoc(),
             "'%0' blocks the thread inside %1: the discarded future's "
             "destructor waits for the task: this call is synchronous%2 "
             "(category: %3)")
            << displayName(*Entry) << describeCoroutine(Coroutine)
            << advice(*Entry) << Entry->Category << Call->getSourceRange();
      return;
    }
    if (Graph->waitsOnReadyObject(Call, *Site, *Entry, Body) ||
        Graph->waitsOnReadyParameter(*Site, *Entry, Coroutine))
      return;
    if (Item.Implicit)
      reportAwait(Item.Await, Site->Callee, {}, *Entry, Coroutine, Ctx);
    else
      reportDirect(Call, *Entry, Coroutine);
    return;
  }
  if (!Site->Callee)
    return;
  if (!Item.Implicit && reportSyncTwin(Call, *Site, Coroutine, Ctx))
    return;
  if (Graph->describedByDatabase(*Site))
    return;
  llvm::SmallVector<utils::BlockingCallGraph::Hop, 4> Chain =
      Graph->blockingChain(Site->Callee);
  if (Chain.empty()) {
    checkUnresolvedCall(Item, *Site, Coroutine, Ctx);
    return;
  }
  // A helper that blocks only by waiting for its arguments, given ready ones.
  if (!Item.Implicit && Graph->passesReadyArguments(Call, *Site, Body))
    return;
  // A coroutine of a library, awaited: it blocks when awaited.
  const FunctionDecl *Definition = Site->Callee->getDefinition();
  if (Item.Implicit ||
      (Item.Await && Definition && utils::isCoroutine(Definition)))
    reportAwait(Item.Await, Site->Callee, Chain, *Chain.back().Entry, Coroutine,
                Ctx);
  else
    reportTransitive(Call, Site->Callee, Chain, Coroutine);
}

void BlockingCallCheck::checkDestructors(const Stmt *Body,
                                         const FunctionDecl *Coroutine,
                                         ASTContext &Ctx) {
  DestructorCollector Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Body));
  // The destructor's own entry, or for a destructor of the project, the
  // chain by which it blocks.
  auto Blocking =
      [&](const CXXRecordDecl *RD,
          llvm::SmallVectorImpl<utils::BlockingCallGraph::Hop> &Chain)
      -> const utils::BlockingEntry * {
    const CXXDestructorDecl *Dtor = RD ? RD->getDestructor() : nullptr;
    if (!Dtor)
      return nullptr;
    utils::CallSite Site;
    Site.Callee = Dtor;
    if (const utils::BlockingEntry *Entry = Graph->directEntry(Site))
      return Entry;
    const FunctionDecl *Definition = Dtor->getDefinition();
    const SourceManager &SM = Ctx.getSourceManager();
    if (!Definition || Definition->isImplicit() ||
        SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation())))
      return nullptr;
    Chain = Graph->blockingChain(Dtor);
    return Chain.empty() ? nullptr : Chain.back().Entry;
  };
  auto Report = [&](SourceLocation Loc, SourceRange Range,
                    const CXXRecordDecl *RD, StringRef What,
                    SourceLocation DestroyedAt, StringRef Name) {
    llvm::SmallVector<utils::BlockingCallGraph::Hop, 4> Chain;
    const utils::BlockingEntry *Entry = Blocking(RD, Chain);
    if (!Entry || !Reported.insert(Loc).second)
      return;
    std::string Dtor = Chain.empty()
                           ? displayName(*Entry)
                           : utils::describeFunction(RD->getDestructor());
    diag(Loc, "'%0' blocks the thread inside %1 when %2; every other task on "
              "this executor stalls until it returns%3 (category: %4)")
        << Dtor << describeCoroutine(Coroutine) << What
        << (Chain.empty() ? advice(*Entry) : "") << Entry->Category << Range;
    if (DestroyedAt.isValid())
      diag(DestroyedAt, "'%0' is destroyed here", DiagnosticIDs::Note) << Name;
    reportChain(Chain, /*QualifiedEntryName=*/false);
  };
  for (const DestructorCollector::Local &Local : Collector.Locals) {
    const VarDecl *Var = Local.Var;
    if (Collector.Released.contains(Var))
      continue;
    // The future of std::async kept and never waited for.
    if (const auto *Init = dyn_cast_or_null<CallExpr>(
            Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr)) {
      std::optional<utils::CallSite> Site = utils::CallSite::from(Init);
      const utils::BlockingEntry *Entry =
          Site ? Graph->directEntry(*Site) : nullptr;
      if (Site && Entry &&
          utils::BlockingCallGraph::blocksOnlyWhenDiscarded(*Entry)) {
        if (!isDeferredLaunch(*Site) &&
            Reported.insert(Init->getExprLoc()).second) {
          diag(Init->getExprLoc(),
               "'%0' blocks the thread inside %1: the result kept in '%2' is "
               "never waited for, and its destructor waits for the task at "
               "the end of its scope%3 (category: %4)")
              << displayName(*Entry) << describeCoroutine(Coroutine)
              << Var->getName() << advice(*Entry) << Entry->Category
              << Init->getSourceRange();
          diag(Local.End, "'%0' is destroyed here, waiting for the task",
               DiagnosticIDs::Note)
              << Var->getName();
        }
        continue;
      }
    }
    Report(
        Var->getLocation(), Var->getSourceRange(),
        Var->getType()->getAsCXXRecordDecl(),
        ("'" + Var->getName() + "' is destroyed at the end of its scope").str(),
        Local.End, Var->getName());
  }
  for (const Expr *Temporary : Collector.Temporaries) {
    // The future of a discarded std::async is reported at the call.
    const Expr *Sub = cast<CXXBindTemporaryExpr>(Temporary)->getSubExpr();
    if (std::optional<utils::CallSite> Site = utils::CallSite::from(Sub))
      if (const utils::BlockingEntry *Entry = Graph->directEntry(*Site);
          Entry && utils::BlockingCallGraph::blocksOnlyWhenDiscarded(*Entry))
        continue;
    Report(Temporary->getExprLoc(), Temporary->getSourceRange(),
           Temporary->getType()->getAsCXXRecordDecl(),
           "the temporary is destroyed at the end of the statement", {}, "");
  }
}

bool BlockingCallCheck::reportSyncTwin(const Expr *Call,
                                       const utils::CallSite &Site,
                                       const FunctionDecl *Coroutine,
                                       ASTContext &Ctx) {
  if (!utils::isCategoryEnabled("sync-api",
                                utils::splitOptionList(Categories)) ||
      utils::BlockingCallDatabase::builtin().names(Site) ||
      (UserDatabase && UserDatabase->names(Site)) ||
      Graph->marking(Site.Callee) != utils::Marking::None)
    return false;
  for (const std::string &Name :
       utils::splitOptionList(AllowedFunctions + ";" + IgnoredSyncFunctions))
    if (Site.callsName(Name))
      return false;
  std::optional<utils::SyncTwin> Twin =
      utils::findAsyncTwin(Site, Call, Coroutine, Ctx);
  if (!Twin)
    return false;
  for (const std::string &Name : utils::splitOptionList(IgnoredSyncFunctions))
    if (utils::matchesQualifiedName(Twin->Twin, Name))
      return false;
  SourceLocation Loc = Call->getExprLoc();
  if (!Reported.insert(Loc).second)
    return true;
  diag(Loc, "'%0' is the synchronous form of '%1': it blocks the thread "
            "inside %2 and every other task on this executor stalls until it "
            "returns; instead: %3 (category: sync-api)")
      << utils::getPlainQualifiedName(Site.Callee)
      << utils::getPlainQualifiedName(Twin->Twin)
      << describeCoroutine(Coroutine) << Twin->Replacement
      << Call->getSourceRange();
  return true;
}

void BlockingCallCheck::reportDirect(const Expr *Call,
                                     const utils::BlockingEntry &Entry,
                                     const FunctionDecl *Coroutine) {
  SourceLocation Loc = Call->getExprLoc();
  if (!Reported.insert(Loc).second)
    return;
  std::optional<utils::CallSite> Site = utils::CallSite::from(Call);
  const FunctionDecl *Callee = Site ? Site->Callee : nullptr;
  if (Entry.Category == "sync-wait") {
    diag(Loc, "'%0' blocks the thread inside %1 until the work it waits for "
              "completes: a deadlock when that work needs this executor's "
              "thread%2 (category: sync-wait)")
        << displayName(Entry, Callee) << describeCoroutine(Coroutine)
        << advice(Entry) << Call->getSourceRange();
    return;
  }
  diag(Loc, "'%0' blocks the thread inside %1; every other task on this "
            "executor stalls until it returns%2 (category: %3)")
      << displayName(Entry, Callee) << describeCoroutine(Coroutine)
      << advice(Entry) << Entry.Category << Call->getSourceRange();
}

void BlockingCallCheck::reportTransitive(
    const Expr *Call, const FunctionDecl *Callee,
    llvm::ArrayRef<utils::BlockingCallGraph::Hop> Chain,
    const FunctionDecl *Coroutine) {
  SourceLocation Loc = Call->getExprLoc();
  if (!Reported.insert(Loc).second)
    return;
  const utils::BlockingEntry &Entry = *Chain.back().Entry;
  diag(Loc, "%0 blocks the thread inside %1; every other task on this "
            "executor stalls until it returns (category: %2)")
      << describeCalled(Call, Callee) << describeCoroutine(Coroutine)
      << Entry.Category << Call->getSourceRange();
  reportChain(Chain, /*QualifiedEntryName=*/false);
}

void BlockingCallCheck::reportAwait(
    const CoroutineSuspendExpr *Await, const FunctionDecl *Callee,
    llvm::ArrayRef<utils::BlockingCallGraph::Hop> Chain,
    const utils::BlockingEntry &Entry, const FunctionDecl *Coroutine,
    ASTContext &Ctx) {
  SourceLocation Loc = Await->getKeywordLoc();
  if (!Reported.insert(Loc).second)
    return;
  std::string How;
  if (Chain.empty())
    How = "'" + Entry.Name + "' blocks";
  else
    How = describeHop(Callee) +
          (Chain.size() == 1 ? " calls '" : " reaches '") + Entry.Name + "'";
  diag(Loc, "'%0' blocks the thread inside %1: %2; awaiting it gains "
            "nothing, every other task on this executor stalls (category: %3)")
      << describeAwait(Await, Ctx) << describeCoroutine(Coroutine) << How
      << Entry.Category << Await->getSourceRange();
  if (Chain.empty() && !Entry.Alternative.empty())
    diag(Loc, "instead: %0", DiagnosticIDs::Note) << Entry.Alternative;
  reportChain(Chain, /*QualifiedEntryName=*/true);
}

void BlockingCallCheck::reportChain(
    llvm::ArrayRef<utils::BlockingCallGraph::Hop> Chain,
    bool QualifiedEntryName) {
  if (Chain.empty())
    return;
  const utils::BlockingEntry &Entry = *Chain.back().Entry;
  // A long chain is shown by its first hops and its last one.
  constexpr size_t ShownHops = 8;
  for (size_t I = 0; I < Chain.size(); ++I) {
    const utils::BlockingCallGraph::Hop &Hop = Chain[I];
    bool Last = I + 1 == Chain.size();
    if (!Last && I >= ShownHops) {
      if (I == ShownHops)
        diag(Hop.Site->getExprLoc(), "... %0 more calls ...",
             DiagnosticIDs::Note)
            << static_cast<unsigned>(Chain.size() - ShownHops - 1);
      continue;
    }
    if (Last)
      diag(Hop.Site->getExprLoc(), "%0 calls '%1', which blocks%2",
           DiagnosticIDs::Note)
          << describeHop(Hop.Caller)
          << (QualifiedEntryName ? Entry.Name : displayName(Entry, Hop.Callee))
          << advice(Entry);
    else
      diag(Hop.Site->getExprLoc(), "%0 calls %1", DiagnosticIDs::Note)
          << describeHop(Hop.Caller) << describeCalled(Hop.Site, Hop.Callee);
  }
}

utils::SummaryLocation
BlockingCallCheck::summaryLocation(SourceLocation Loc,
                                   const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
  auto [It, Inserted] = SummaryPaths.try_emplace(File);
  if (Inserted)
    if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File)) {
      SmallString<256> Path(Entry->getName());
      SM.getFileManager().makeAbsolutePath(Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      It->second = std::string(Path);
    }
  return utils::SummaryLocation{It->second, Offset};
}

utils::SummaryFunction &
BlockingCallCheck::summaryFunction(const FunctionDecl *Function) {
  auto [It, Inserted] =
      SummaryIndex.try_emplace(Function, Summary.Functions.size());
  if (Inserted) {
    utils::SummaryFunction &Entry = Summary.Functions.emplace_back();
    SmallString<128> USR;
    if (index::generateUSRForDecl(Function, USR))
      USR = "async-lint@" + std::to_string(Summary.Functions.size());
    Entry.USR = std::string(USR);
    Entry.Where = summaryLocation(Function->getLocation(),
                                  Function->getASTContext().getSourceManager());
    Entry.Name = describeHop(Function);
    if (utils::isCoroutine(Function))
      Entry.Coroutine = describeCoroutine(Function);
  }
  return Summary.Functions[It->second];
}

std::optional<utils::SummaryCall>
BlockingCallCheck::summaryCall(const utils::CollectedCall &Item,
                               const utils::CallSite &Site, ASTContext &Ctx) {
  const FunctionDecl *Callee = Site.Callee;
  const SourceManager &SM = Ctx.getSourceManager();
  auto InLibrary = [&](const FunctionDecl *FD) {
    return SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()));
  };
  if (!Callee || InLibrary(Callee) || Callee->isDependentContext() ||
      graph(Ctx).marking(Callee) != utils::Marking::None)
    return std::nullopt;
  // A coroutine of the project is checked in its own body; one declared
  // only is taken to be a coroutine.
  if (const FunctionDecl *Definition = Callee->getDefinition()) {
    if (InLibrary(Definition) || utils::isCoroutine(Definition))
      return std::nullopt;
  } else if (Callee->getReturnType()->isDependentType() ||
             utils::getPromiseForReturnType(Callee->getReturnType(), Ctx)) {
    return std::nullopt;
  }
  utils::SummaryCall Call;
  SmallString<128> USR;
  if (index::generateUSRForDecl(Callee, USR))
    return std::nullopt;
  Call.USR = std::string(USR);
  Call.Callee = describeCalled(Item.Call, Callee);
  if (Item.Implicit && Item.Await) {
    Call.Implicit = true;
    Call.Await = describeAwait(Item.Await, Ctx);
    Call.Site = summaryLocation(Item.Await->getKeywordLoc(), SM);
  } else {
    Call.Site = summaryLocation(Item.Call->getExprLoc(), SM);
  }
  return Call;
}

void BlockingCallCheck::summariseFunction(const FunctionDecl *Function,
                                          ASTContext &Ctx) {
  if (!utils::summarySink())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  utils::BlockingCallGraph &G = graph(Ctx);
  llvm::SmallVector<const FunctionDecl *, 8> Work{Function};
  while (!Work.empty()) {
    const FunctionDecl *Current = Work.pop_back_val();
    if (Current->isDependentContext() || !Current->hasBody() ||
        !Current->doesThisDeclarationHaveABody() ||
        utils::isCoroutine(Current) ||
        SM.isInSystemHeader(SM.getExpansionLoc(Current->getLocation())) ||
        G.marking(Current) != utils::Marking::None ||
        !Summarised.insert(Current).second)
      continue;
    llvm::SmallVector<utils::BlockingCallGraph::Hop, 4> Chain =
        G.blockingChain(Current);
    utils::SummaryFunction &Entry = summaryFunction(Current);
    if (!Chain.empty()) {
      utils::storeChain(Entry, Chain.size(), [&](size_t I) {
        const utils::BlockingCallGraph::Hop &Hop = Chain[I];
        return utils::SummaryHop{summaryLocation(Hop.Site->getExprLoc(), SM),
                                 describeHop(Hop.Caller),
                                 describeCalled(Hop.Site, Hop.Callee)};
      });
      const utils::BlockingEntry &Blocking = *Chain.back().Entry;
      Entry.Category = Blocking.Category;
      Entry.EntryName = displayName(Blocking, Chain.back().Callee);
      Entry.QualifiedEntryName = Blocking.Name;
      Entry.Advice = advice(Blocking);
      // It waits for what a parameter refers to: a caller in this TU that
      // passes a ready object is exempt, one in another TU is not seen.
      if (Chain.size() == 1 &&
          (Blocking.Category == "wait" || Blocking.Category == "sync-wait"))
        if (std::optional<utils::CallSite> Site =
                utils::CallSite::from(Chain.front().Site);
            Site && Site->Object)
          if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(
                  utils::ReadinessAnalysis::trackedObject(Site->Object)))
            Entry.WaitsOnParameter =
                llvm::is_contained(Current->parameters(), Param);
      continue;
    }
    llvm::SmallVector<utils::CollectedCall, 16> Calls;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Current))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit())
          Calls.append(utils::collectCalls(Init->getInit(), Ctx));
    Calls.append(utils::collectCalls(Current->getBody(), Ctx));
    for (const utils::CollectedCall &Item : Calls) {
      if (Item.Call->containsErrors())
        continue;
      std::optional<utils::CallSite> Site = utils::CallSite::from(Item.Call);
      if (!Site || G.directEntry(*Site) || G.describedByDatabase(*Site))
        continue;
      std::optional<utils::SummaryCall> Call = summaryCall(Item, *Site, Ctx);
      if (!Call)
        continue;
      // summaryFunction() may have grown the vector: index again.
      summaryFunction(Current).Calls.push_back(std::move(*Call));
      if (const FunctionDecl *Definition = Site->Callee->getDefinition())
        Work.push_back(Definition);
    }
  }
}

void BlockingCallCheck::checkUnresolvedCall(const utils::CollectedCall &Item,
                                            const utils::CallSite &Site,
                                            const FunctionDecl *Coroutine,
                                            ASTContext &Ctx) {
  utils::SummarySink *Sink = utils::summarySink();
  utils::SummarySource *Source = utils::summarySource();
  if (!Sink && !Source)
    return;
  // Findings in headers are the header filter's business, which the link
  // step does not see.
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(Coroutine->getLocation())))
    return;
  std::optional<utils::SummaryCall> Call = summaryCall(Item, Site, Ctx);
  if (!Call)
    return;
  if (Sink) {
    summaryFunction(Coroutine).Calls.push_back(*Call);
    if (const FunctionDecl *Definition = Site.Callee->getDefinition())
      summariseFunction(Definition, Ctx);
    return;
  }
  // In the editor: a function defined in this TU is judged by its text
  // here; one defined elsewhere by the project's last linked summaries.
  if (Site.Callee->getDefinition())
    return;
  if (!LinkedLooked) {
    LinkedLooked = true;
    Linked = Source->forFile(getCurrentMainFile());
  }
  if (!Linked)
    return;
  std::optional<utils::LinkedFinding> Finding =
      Linked->findingFor(*Call, describeCoroutine(Coroutine));
  if (!Finding)
    return;
  SourceLocation Loc = Item.Implicit && Item.Await ? Item.Await->getKeywordLoc()
                                                   : Item.Call->getExprLoc();
  if (!Reported.insert(Loc).second)
    return;
  diag(Loc, "%0") << Finding->Message << Item.Call->getSourceRange();
  for (const auto &[Where, Text] : Finding->Notes)
    diag(Loc, "%0: %1", DiagnosticIDs::Note) << Source->describe(Where) << Text;
}

} // namespace clang::tidy::async
