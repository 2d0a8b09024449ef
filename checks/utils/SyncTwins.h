//===--- SyncTwins.h - async-lint -----------------------------------------===//
//
// Synchronous twins: a call to `f` whose class (or a base) or namespace also
// declares an asynchronous form of it (`async_f`, `f_async`, `fAsync`,
// `AsyncF`) that accepts the same arguments. Inside a coroutine the
// synchronous form blocks the thread, and the asynchronous one is what the
// library means to be awaited: the convention of Asio-style libraries, found
// without a database entry.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_SYNCTWINS_H
#define ASYNC_LINT_CHECKS_UTILS_SYNCTWINS_H

#include "utils/BlockingCallDatabase.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>

namespace clang::tidy::async::utils {

/// The asynchronous twin of a synchronous call.
struct SyncTwin {
  /// The twin's declaration (one of its overloads that accepts the call).
  const FunctionDecl *Twin = nullptr;
  /// How the twin hands back its result: a completion token or callback as
  /// its last parameter (Asio style), or an awaitable return value.
  bool TakesCompletion = false;
  /// The call to write instead, as source text (`co_await ws.async_read(
  /// buffer, asio::use_awaitable)`).
  std::string Replacement;
};

/// Finds the asynchronous twin of Call, made inside Coroutine, or
/// std::nullopt when the call is not a synchronous form that has one: the
/// twin must be declared in the same class (or a base) or namespace as the
/// callee, be asynchronous (an awaitable result, or a completion token or
/// callback as its last parameter), and accept the call's arguments (those
/// before a trailing error_code, which the asynchronous form reports
/// through its completion instead). The callee must not be asynchronous
/// itself, nor be a twin of Coroutine.
std::optional<SyncTwin> findAsyncTwin(const CallSite &Call,
                                      const Expr *CallExpr,
                                      const FunctionDecl *Coroutine,
                                      const ASTContext &Ctx);

/// The names a synchronous function's asynchronous twin may have.
llvm::SmallVector<std::string, 4> asyncTwinNames(llvm::StringRef Name);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_SYNCTWINS_H
