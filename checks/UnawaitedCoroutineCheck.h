//===--- UnawaitedCoroutineCheck.h - async-lint ---------------------------===//

#ifndef ASYNC_LINT_CHECKS_UNAWAITEDCOROUTINECHECK_H
#define ASYNC_LINT_CHECKS_UNAWAITEDCOROUTINECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AwaitableRules.h"
#include "utils/AwaitableUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

/// Finds coroutine tasks and awaitables that are created and then dropped
/// without being awaited: a discarded call, a discarded temporary, or a local
/// variable that is never used.
///
/// For the user-facing documentation see
/// docs/checks/async-unawaited-coroutine.md
class UnawaitedCoroutineCheck : public ClangTidyCheck {
public:
  UnawaitedCoroutineCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

  /// Where a discarded statement is: the function (or lambda call operator)
  /// whose body holds it, and whether it sits in a catch handler, where
  /// co_await is not allowed.
  struct Placement {
    const FunctionDecl *Function = nullptr;
    bool InHandler = false;
  };

private:
  void checkDiscarded(const Expr *E, ASTContext &Ctx, const Placement &Where);
  /// Whether clang recovered from an error in the function's body (there,
  /// no finding is made: the code is not what the user wrote).
  bool bodyHasErrors(const FunctionDecl *Function);
  void checkUnusedLocal(const VarDecl *Var, ASTContext &Ctx);

  const bool AllowExplicitDiscard;
  const std::string AwaitableTypes;
  const std::string RuleFiles;
  /// Built-in await_transform rules plus those in RuleFiles.
  utils::AwaitableRules Rules;
  utils::AwaitableClassifier Classifier;
  llvm::DenseSet<SourceLocation> Reported;
  llvm::DenseSet<const FunctionDecl *> Walked;
  /// Functions whose bodies hold expressions clang recovered from errors in.
  llvm::DenseMap<const FunctionDecl *, bool> BodiesWithErrors;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_UNAWAITEDCOROUTINECHECK_H
