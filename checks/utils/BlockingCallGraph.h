//===--- BlockingCallGraph.h - async-lint ---------------------------------===//
//
// Which functions of a translation unit block, directly (a call the
// blocking-call database knows) or through other functions of the TU, and
// along which chain of calls.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLGRAPH_H
#define ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLGRAPH_H

#include "utils/BlockingCallDatabase.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <vector>

namespace clang::tidy::async::utils {

/// The calls a function body makes on its own thread, in source order: not
/// those inside nested lambdas or local classes (they run when called, which
/// is a call of its own) nor in unevaluated operands.
llvm::SmallVector<const Expr *, 16> collectCalls(const Stmt *Body);

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
  };

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

private:
  struct Edge {
    const Expr *Site;
    const FunctionDecl *Callee;
    /// The node called, or -1 for a database hit.
    int Target;
    const BlockingEntry *Entry;
  };
  struct Node {
    const FunctionDecl *Function;
    std::vector<Edge> Calls;
    /// (caller node, index of the edge in its Calls).
    std::vector<std::pair<unsigned, unsigned>> Callers;
    bool Explored = false;
    /// Index in Calls of the edge by which this function blocks, or -1.
    int BlockingEdge = -1;
  };

  /// The definition to analyse when a call reaches FD, or nullptr when the
  /// analysis stops there (no body, system header, coroutine, marked).
  const FunctionDecl *analysable(const FunctionDecl *FD);
  unsigned nodeFor(const FunctionDecl *Definition);
  void explore(unsigned Start);
  void markBlocking(unsigned Node, unsigned EdgeIndex);
  const BlockingEntry *annotationEntry(const FunctionDecl *FD);

  const ASTContext &Ctx;
  Settings S;
  std::vector<Node> Nodes;
  llvm::DenseMap<const FunctionDecl *, unsigned> NodeIndex;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<BlockingEntry>>
      AnnotationEntries;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_BLOCKINGCALLGRAPH_H
