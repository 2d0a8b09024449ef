//===--- CoroutineBodies.h - async-lint -----------------------------------===//
//
// Matching the coroutine bodies a check looks into: coroutine functions and
// coroutine lambdas defined outside system headers, each reported to the
// check once per match.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_COROUTINEBODIES_H
#define ASYNC_LINT_CHECKS_UTILS_COROUTINEBODIES_H

#include "utils/AwaitableUtils.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::async::utils {

namespace detail {
AST_MATCHER(FunctionDecl, isCoroutineDefinition) {
  return !Node.isDependentContext() && isCoroutine(&Node);
}
} // namespace detail

/// Registers Callback for the coroutine functions and the lambdas defined
/// outside system headers; matchedCoroutine() tells which coroutine a match
/// is.
inline void
matchCoroutineBodies(ast_matchers::MatchFinder *Finder,
                     ast_matchers::MatchFinder::MatchCallback *Callback) {
  using namespace ast_matchers;
  Finder->addMatcher(functionDecl(isDefinition(),
                                  detail::isCoroutineDefinition(),
                                  unless(isExpansionInSystemHeader()))
                         .bind("coroutine"),
                     Callback);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), Callback);
}

/// The coroutine a match of matchCoroutineBodies() found (for a lambda, its
/// call operator), or null when the lambda is not a coroutine or the function
/// is a template pattern.
inline const FunctionDecl *
matchedCoroutine(const ast_matchers::MatchFinder::MatchResult &Result) {
  const FunctionDecl *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Coroutine = Lambda->getCallOperator();
  if (!Coroutine || Coroutine->isDependentContext() || !isCoroutine(Coroutine))
    return nullptr;
  return Coroutine;
}

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_COROUTINEBODIES_H
