//===--- BlockingCallCheck.h - async-lint ---------------------------------===//

#ifndef ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BlockingCallDatabase.h"
#include "utils/BlockingCallGraph.h"
#include "utils/DataFiles.h"
#include "utils/ProjectSummary.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace clang::tidy::async {

/// Finds calls that block the thread inside coroutine bodies, directly or
/// through functions of the translation unit and of the libraries it
/// includes, using the blocking-call database: calls as written, the implicit
/// calls of co_await and co_yield, and implicit destructor calls.
///
/// For the user-facing documentation see docs/checks/async-blocking-call.md
class BlockingCallCheck : public ClangTidyCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  void checkCoroutine(const FunctionDecl *Coroutine, ASTContext &Ctx);
  /// One call of a coroutine body, as written or implicit in a co_await.
  void checkCall(const utils::CollectedCall &Item, const Stmt *Body,
                 const FunctionDecl *Coroutine, ASTContext &Ctx);
  /// Destructors run implicitly: locals at the end of their scope,
  /// temporaries at the end of their expression statement.
  void checkDestructors(const Stmt *Body, const FunctionDecl *Coroutine,
                        ASTContext &Ctx);
  /// Reports a call that has an asynchronous twin (category sync-api);
  /// returns whether the call was one.
  bool reportSyncTwin(const Expr *Call, const utils::CallSite &Site,
                      const FunctionDecl *Coroutine, ASTContext &Ctx);
  void reportDirect(const Expr *Call, const utils::BlockingEntry &Entry,
                    const FunctionDecl *Coroutine);
  void reportTransitive(const Expr *Call, const FunctionDecl *Callee,
                        llvm::ArrayRef<utils::BlockingCallGraph::Hop> Chain,
                        const FunctionDecl *Coroutine);
  /// A co_await or co_yield whose awaiter (or awaited library coroutine)
  /// blocks: Callee is what blocks, Chain how (empty when Entry names Callee
  /// itself).
  void reportAwait(const CoroutineSuspendExpr *Await,
                   const FunctionDecl *Callee,
                   llvm::ArrayRef<utils::BlockingCallGraph::Hop> Chain,
                   const utils::BlockingEntry &Entry,
                   const FunctionDecl *Coroutine, ASTContext &Ctx);
  void reportChain(llvm::ArrayRef<utils::BlockingCallGraph::Hop> Chain,
                   bool QualifiedEntryName);

  utils::BlockingCallGraph &graph(ASTContext &Ctx);
  /// Whole-project summaries (see utils/ProjectSummary.h): the summary of a
  /// function of the project, and of those it reaches in the TU.
  void summariseFunction(const FunctionDecl *Function, ASTContext &Ctx);
  utils::SummaryFunction &summaryFunction(const FunctionDecl *Function);
  /// A call whose blocking is decided outside this TU, as summaries record
  /// it: to a plain function of the project, not marked.
  std::optional<utils::SummaryCall>
  summaryCall(const utils::CollectedCall &Item, const utils::CallSite &Site,
              ASTContext &Ctx);
  utils::SummaryLocation summaryLocation(SourceLocation Loc,
                                         const SourceManager &SM);
  /// A call of a coroutine that does not block within the TU: recorded for
  /// the link step, or looked up in the project's linked summaries.
  void checkUnresolvedCall(const utils::CollectedCall &Item,
                           const utils::CallSite &Site,
                           const FunctionDecl *Coroutine, ASTContext &Ctx);

  const std::string DatabaseFiles;
  const std::string BlockingFunctions;
  const std::string AllowedFunctions;
  const std::string Categories;
  const bool FollowLibraryCalls;
  const std::string IgnoredSyncFunctions;
  std::shared_ptr<const utils::BlockingCallDatabase> UserDatabase;
  std::unique_ptr<utils::BlockingCallGraph> Graph;
  llvm::DenseSet<const FunctionDecl *> Checked;
  llvm::DenseSet<SourceLocation> Reported;
  /// The TU's summary, when a summary sink is installed.
  utils::TUSummary Summary;
  llvm::DenseMap<const FunctionDecl *, size_t> SummaryIndex;
  llvm::DenseSet<const FunctionDecl *> Summarised;
  llvm::DenseMap<FileID, std::string> SummaryPaths;
  /// The project's linked summaries, when a summary source has them.
  std::shared_ptr<const utils::ProjectLink> Linked;
  bool LinkedLooked = false;
  /// An unusable option value, also reported at the start of the main file
  /// where configuration diagnostics have no place of their own (clangd).
  std::string OptionProblem;
  bool OptionProblemInMainFile = false;
  bool OptionProblemReported = false;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
