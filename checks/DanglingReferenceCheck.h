//===--- DanglingReferenceCheck.h - async-lint ----------------------------===//

#ifndef ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H
#define ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AwaitableUtils.h"
#include "utils/TaskHandoffDatabase.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

/// Finds calls to coroutines whose task holds a reference (a reference,
/// pointer or view parameter, `this`, a lambda's captures) to an object that
/// dies while the task can still run: a temporary when the task outlives its
/// full-expression, a local when the task outlives the function.
///
/// For the user-facing documentation see
/// docs/checks/async-dangling-reference.md
class DanglingReferenceCheck : public ClangTidyCheck {
public:
  DanglingReferenceCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

  /// What an eager coroutine's body does after its first suspension, per
  /// coroutine definition.
  struct EagerUses {
    /// Parameters referred to after the first suspension.
    llvm::DenseSet<const ParmVarDecl *> Params;
    /// `this` (or a member) used after the first suspension.
    bool This = false;
    /// A lambda capture used after the first suspension.
    bool Captures = false;
    /// `this` used anywhere in the body.
    bool AnyThis = false;
    /// A lambda capture used anywhere in the body.
    bool AnyCapture = false;
  };

private:
  std::optional<utils::HandoffKind> handoffOf(const FunctionDecl *FD) const;
  const EagerUses &eagerUses(const FunctionDecl *Coroutine);

  const std::string Spawners;
  const std::string Awaiters;
  utils::TaskHandoffDatabase UserHandoffs;
  utils::AwaitableClassifier Classifier;
  llvm::DenseMap<const FunctionDecl *, EagerUses> EagerCache;
  llvm::DenseSet<const FunctionDecl *> Walked;
  llvm::DenseSet<std::pair<SourceLocation, unsigned>> Reported;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_DANGLINGREFERENCECHECK_H
