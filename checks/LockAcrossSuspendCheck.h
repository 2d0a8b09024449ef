//===--- LockAcrossSuspendCheck.h - async-lint ----------------------------===//

#ifndef ASYNC_LINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
#define ASYNC_LINT_CHECKS_LOCKACROSSSUSPENDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/LockState.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace clang::tidy::async {

/// Finds co_await and co_yield expressions that may suspend a coroutine
/// while it holds a thread lock, along some path of the coroutine's CFG.
///
/// For the user-facing documentation see
/// docs/checks/async-lock-across-suspend.md
class LockAcrossSuspendCheck : public ClangTidyCheck {
public:
  LockAcrossSuspendCheck(StringRef Name, ClangTidyContext *Context);
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
  void report(const CoroutineSuspendExpr *Suspend,
              const utils::LockState::State &Held,
              const utils::LockState &Locks, const FunctionDecl *Coroutine,
              ASTContext &Ctx);

  const std::string LockTypes;
  const std::string AllowedTypes;
  std::unique_ptr<utils::LockTypes> Types;
  llvm::DenseSet<const FunctionDecl *> Checked;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
