//===--- BlockingCallCheck.cpp - async-lint -------------------------------===//

#include "BlockingCallCheck.h"
#include "utils/AwaitableUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <mutex>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

AST_MATCHER(FunctionDecl, isCoroutineDefinition) {
  return !Node.isDependentContext() && utils::isCoroutine(&Node);
}

/// User databases, parsed once per process and shared by every TU (clangd
/// analyses TUs on several threads).
std::shared_ptr<const utils::BlockingCallDatabase>
loadUserDatabase(const std::vector<std::string> &Files,
                 const std::vector<std::string> &Names, std::string &Error) {
  std::string Key;
  std::vector<std::pair<std::string, std::string>> Contents;
  for (const std::string &File : Files) {
    auto Text = utils::readDatabaseFile(File, Error);
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

std::string displayName(const utils::BlockingEntry &Entry) {
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

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      DatabaseFiles(Options.get("DatabaseFiles", "")),
      BlockingFunctions(Options.get("BlockingFunctions", "")),
      AllowedFunctions(Options.get("AllowedFunctions", "")),
      Categories(Options.get("Categories", "*,-console")) {
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
  // clangd drops diagnostics without a location.
  OptionProblemInMainFile =
      !OptionProblem.empty() && Context->areDiagsSelfContained();
  std::vector<std::string> Files;
  for (const std::string &File : utils::splitOptionList(DatabaseFiles))
    Files.push_back(
        utils::resolveDatabasePath(File, Context->getCurrentFile()));
  std::vector<std::string> Names = utils::splitOptionList(BlockingFunctions);
  if (Files.empty() && Names.empty())
    return;
  std::string Error;
  UserDatabase = loadUserDatabase(Files, Names, Error);
  if (!UserDatabase)
    configurationDiag("%0", DiagnosticIDs::Error) << Error;
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "DatabaseFiles", DatabaseFiles);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", AllowedFunctions);
  Options.store(Opts, "Categories", Categories);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), isCoroutineDefinition(),
                                  unless(isExpansionInSystemHeader()))
                         .bind("coroutine"),
                     this);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Coroutine = Lambda->getCallOperator();
  if (OptionProblemInMainFile && !OptionProblemReported) {
    OptionProblemReported = true;
    const SourceManager &SM = *Result.SourceManager;
    diag(SM.getLocForStartOfFile(SM.getMainFileID()), "%0",
         DiagnosticIDs::Error)
        << OptionProblem;
  }
  if (!Coroutine || Coroutine->isDependentContext() ||
      !utils::isCoroutine(Coroutine) || !Checked.insert(Coroutine).second)
    return;
  checkCoroutine(Coroutine, *Result.Context);
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  OptionProblemReported = false;
  Graph.reset();
  Checked.clear();
  Reported.clear();
}

void BlockingCallCheck::checkCoroutine(const FunctionDecl *Coroutine,
                                       ASTContext &Ctx) {
  if (!Graph)
    Graph = std::make_unique<utils::BlockingCallGraph>(
        Ctx, utils::BlockingCallGraph::Settings{
                 UserDatabase.get(), utils::splitOptionList(Categories),
                 utils::splitOptionList(AllowedFunctions)});
  const auto *Body = cast<CoroutineBodyStmt>(Coroutine->getBody());
  for (const Expr *Call : utils::collectCalls(Body->getBody())) {
    if (Call->containsErrors())
      continue;
    std::optional<utils::CallSite> Site = utils::CallSite::from(Call);
    if (!Site)
      continue;
    if (const utils::BlockingEntry *Entry = Graph->directEntry(*Site)) {
      reportDirect(Call, *Entry, Coroutine);
      continue;
    }
    if (!Site->Callee)
      continue;
    llvm::SmallVector<utils::BlockingCallGraph::Hop, 4> Chain =
        Graph->blockingChain(Site->Callee);
    if (!Chain.empty())
      reportTransitive(Call, Site->Callee, Chain, Coroutine);
  }
}

void BlockingCallCheck::reportDirect(const Expr *Call,
                                     const utils::BlockingEntry &Entry,
                                     const FunctionDecl *Coroutine) {
  SourceLocation Loc = Call->getExprLoc();
  if (!Reported.insert(Loc).second)
    return;
  if (Entry.Category == "sync-wait") {
    diag(Loc, "'%0' blocks the thread inside %1 until the work it waits for "
              "completes: a deadlock when that work needs this executor's "
              "thread%2 (category: sync-wait)")
        << displayName(Entry) << describeCoroutine(Coroutine) << advice(Entry)
        << Call->getSourceRange();
    return;
  }
  diag(Loc, "'%0' blocks the thread inside %1; every other task on this "
            "executor stalls until it returns%2 (category: %3)")
      << displayName(Entry) << describeCoroutine(Coroutine) << advice(Entry)
      << Entry.Category << Call->getSourceRange();
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
          << describeHop(Hop.Caller) << displayName(Entry) << advice(Entry);
    else
      diag(Hop.Site->getExprLoc(), "%0 calls %1", DiagnosticIDs::Note)
          << describeHop(Hop.Caller) << describeCalled(Hop.Site, Hop.Callee);
  }
}

} // namespace clang::tidy::async
