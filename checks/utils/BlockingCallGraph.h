//===--- BlockingCallGraph.h - async-lint ---------------------------------===//
//
// Which functions of a translation unit block, directly (a call the
// blocking-call database knows) or through other functions of the TU and of
// the third-party libraries it includes, and along which chain of calls.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLGRAPH_H
#define ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLGRAPH_H

#include "utils/BlockingCallDatabase.h"
#include "utils/Readiness.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// One call a function body makes on its own thread.
struct CollectedCall {
  const Expr *Call;
  /// The co_await or co_yield this call belongs to: one of its implicit
  /// calls (await_ready, ...), or its operand as written.
  const CoroutineSuspendExpr *Await = nullptr;
  /// One of the implicit calls of Await.
  bool Implicit = false;
  /// The call is a whole expression statement: its result is discarded.
  bool Discarded = false;
};

/// The calls a function body makes on its own thread, in source order: not
/// those inside nested lambdas or local classes (they run when called, which
/// is a call of its own) nor in unevaluated operands. The implicit calls of
/// each co_await and co_yield follow its operand's, except for an awaiter
/// that hands the coroutine on to be resumed later (SuspensionKind::HandsOff):
/// what it does is asynchronous machinery.
llvm::SmallVector<CollectedCall, 16> collectCalls(const Stmt *Body,
                                                  const ASTContext &Ctx);

/// Where a function stands for the analysis, from its annotations and the
/// user's lists.
enum class Marking {
  None,
  /// [[clang::annotate("async-lint::blocking")]] or BlockingFunctions.
  Blocking,
  /// [[clang::annotate("async-lint::nonblocking")]] or AllowedFunctions:
  /// never reported, never looked into.
  NonBlocking,
};

class BlockingCallGraph {
public:
  struct Settings {
    const BlockingCallDatabase *UserDatabase = nullptr;
    std::vector<std::string> Categories;
    std::vector<std::string> AllowedFunctions;
    /// Follow calls into functions defined in system headers (third-party
    /// libraries), within the boundaries of followsIntoLibrary().
    bool FollowLibraryCalls = true;
    /// At most this many library functions are looked into per TU.
    unsigned LibraryFunctionBudget = DefaultLibraryFunctionBudget;
  };

  static constexpr unsigned DefaultLibraryFunctionBudget = 4000;

  /// One call on the way from a function to the blocking call.
  struct Hop {
    const Expr *Site;
    const FunctionDecl *Caller;
    /// The function called: the next hop's caller, or the blocking API.
    const FunctionDecl *Callee;
    /// Set on the last hop: the database entry the call matches.
    const BlockingEntry *Entry;
  };

  BlockingCallGraph(const ASTContext &Ctx, Settings S);

  /// The database entry (or annotation) a call matches directly.
  const BlockingEntry *directEntry(const CallSite &Call);

  /// The chain of calls by which calling Function blocks; empty if it does
  /// not. Linear in the size of the functions reached, each computed once.
  llvm::SmallVector<Hop, 4> blockingChain(const FunctionDecl *Function);

  Marking marking(const FunctionDecl *Function);

  /// Whether the entry names a function whose result waits in its destructor
  /// (std::async), and the call does not block where its result is kept.
  static bool blocksOnlyWhenDiscarded(const BlockingEntry &Entry);

  /// Whether a call that waits for a result (category wait or sync-wait,
  /// on an object) cannot block where it is in Body: the object was tested
  /// or made ready on every path to it.
  bool waitsOnReadyObject(const Expr *Call, const CallSite &Site,
                          const BlockingEntry &Entry, const Stmt *Body);

  /// Whether a call that waits for a result Coroutine's parameter refers to
  /// cannot block because the coroutine is only ever awaited with a ready
  /// argument (ReadinessAnalysis::isReadyInEveryAwait) and never replaces
  /// the parameter.
  bool waitsOnReadyParameter(const CallSite &Site, const BlockingEntry &Entry,
                             const FunctionDecl *Coroutine);

  /// Whether a call, in Body, to a function that blocks only by waiting for
  /// results its parameters refer to (int take(std::future<int> &f) {
  /// return f.get(); }) passes objects that are ready where it runs.
  bool passesReadyArguments(const Expr *Call, const CallSite &Site,
                            const Stmt *Body);

  /// Whether the call reaches a library function that a database entry
  /// names, whatever the entry's category and conditions: the database's
  /// verdict on it stands, and its code is not looked into (zmq's
  /// socket_base::recv with ZMQ_DONTWAIT does not block, although the
  /// zmq_msg_recv it makes inside, with the flags as a variable, would
  /// match the entry for that function).
  bool describedByDatabase(const CallSite &Site) const;

  /// The library functions looked into so far.
  unsigned libraryFunctionsVisited() const { return LibraryNodes; }

  /// Where a translation unit's analysis reached LibraryFunctionBudget: the
  /// first library function it did not look into. Kept for the driver's
  /// workers to report (takeBudgetStops), one per translation unit.
  struct BudgetStop {
    std::string MainFile;
    std::string Function;
    /// "file:line" of the function's definition.
    std::string Location;
    unsigned Budget;
  };

  /// The stops recorded since the last call, in this process (at most 64
  /// are kept between calls: clangd never asks).
  static std::vector<BudgetStop> takeBudgetStops();

private:
  struct Edge {
    const Expr *Site;
    const FunctionDecl *Callee;
    /// The node called, or -1 for a database hit.
    int Target;
    const BlockingEntry *Entry;
    /// For a database hit that waits for a result the function's parameter
    /// refers to: that parameter's index, else -1.
    int Parameter = -1;
    /// Or a variable of the caller that a lambda captures: by reference
    /// (the caller's own object), or by copy (a copy made where the lambda
    /// is created; for an init-capture, of the object it is initialised
    /// from).
    const ValueDecl *Captured = nullptr;
    bool CapturedByCopy = false;
  };
  struct Node {
    const FunctionDecl *Function;
    /// Defined in a system header: its lock acquisitions do not count.
    bool Library;
    std::vector<Edge> Calls;
    /// (caller node, index of the edge in its Calls).
    std::vector<std::pair<unsigned, unsigned>> Callers;
    bool Explored = false;
    /// Index in Calls of the edge by which this function blocks, or -1.
    int BlockingEdge = -1;
  };

  /// The definition to analyse when a call reaches FD, or nullptr when the
  /// analysis stops there (no body, a coroutine of the project, marked, a
  /// library function outside followsIntoLibrary()).
  const FunctionDecl *analysable(const FunctionDecl *FD);
  /// Whether a function defined in a system header is looked into: not the
  /// C or C++ standard library, not a namespace a database declares complete,
  /// not an asynchronous initiation, within the budget.
  bool followsIntoLibrary(const FunctionDecl *Definition);
  bool inCompleteNamespace(const DeclContext *DC);
  bool isInLibrary(const FunctionDecl *Definition) const;
  /// Defined outside system headers, or a coroutine the project declares:
  /// never an entry of the built-in database.
  bool isProjectFunction(const FunctionDecl *FD) const;
  unsigned nodeFor(const FunctionDecl *Definition);
  /// The index of Function's parameter whose result the call waits for, or
  /// -1.
  int waitedParameter(const CallSite &Site, const BlockingEntry &Entry,
                      const FunctionDecl *Function);
  /// The variable of the enclosing function that Function (a lambda's call
  /// operator) captures and whose result the call waits for, or nullptr;
  /// ByCopy says how it is captured.
  const ValueDecl *waitedCapture(const CallSite &Site,
                                 const BlockingEntry &Entry,
                                 const FunctionDecl *Function, bool &ByCopy);
  void explore(unsigned Start);
  void markBlocking(unsigned Node, unsigned EdgeIndex);
  const BlockingEntry *annotationEntry(const FunctionDecl *FD);

  const ASTContext &Ctx;
  Settings S;
  std::vector<Node> Nodes;
  llvm::DenseMap<const FunctionDecl *, unsigned> NodeIndex;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<BlockingEntry>>
      AnnotationEntries;
  llvm::DenseMap<const DeclContext *, bool> CompleteNamespaceCache;
  std::vector<std::string> CompleteNamespaces;
  unsigned LibraryNodes = 0;
  bool BudgetReached = false;
  ReadinessAnalysis Readiness;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLGRAPH_H
