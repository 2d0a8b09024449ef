//===--- LockState.h - async-lint -----------------------------------------===//
//
// Which thread locks a function holds at each point of its CFG: what
// acquires a lock (RAII guards, manual lock()/unlock() pairs, pthread and C11
// mutex functions, Clang's thread-safety attributes), what releases it, and
// a dataflow domain for ForwardDataflow (CFGDataflow.h) that tracks the set
// of locks held along some path.
//
// Awaitable mutexes, whose lock operation is itself awaited
// (cppcoro::async_mutex, folly::coro::Mutex, ...), are not thread locks and
// are never tracked.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_LOCKSTATE_H
#define ASYNC_LINT_CHECKS_UTILS_LOCKSTATE_H

#include "AwaitableUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// What a class type is to the lock analysis.
enum class LockRole {
  None,
  /// An RAII guard that owns a lock (std::lock_guard, absl::MutexLock, ...).
  Guard,
  /// A thread mutex (std::mutex, a class with lock()/unlock(), a type with
  /// the capability attribute).
  Mutex,
  /// A mutex whose lock operation is awaited, or a guard of one.
  AwaitableMutex,
};

/// Classifies class types, caching the answer; one per translation unit.
class LockTypes {
public:
  LockTypes(std::vector<std::string> ExtraGuardTypes,
            std::vector<std::string> AllowedTypes)
      : ExtraGuards(std::move(ExtraGuardTypes)),
        Allowed(std::move(AllowedTypes)), Awaitables({}) {}

  LockRole roleOf(QualType T, const ASTContext &Ctx);
  /// Listed in AllowedTypes.
  bool isAllowed(QualType T) const;

private:
  LockRole classify(const CXXRecordDecl *RD, const ASTContext &Ctx);
  bool hasAwaitedLock(const CXXRecordDecl *RD, const ASTContext &Ctx);

  std::vector<std::string> ExtraGuards;
  std::vector<std::string> Allowed;
  AwaitableClassifier Awaitables;
  llvm::DenseMap<const CXXRecordDecl *, LockRole> Cache;
};

/// A lock the analysis tracks: a guard variable, or a mutex locked by hand
/// (then identified by how the code spells it, `this->` aside).
struct TrackedLock {
  struct Mutex {
    std::string Name;
    std::string Type;
    std::string Key;
  };
  /// The guard variable; null for a mutex locked by hand.
  const VarDecl *Guard = nullptr;
  /// The guard's name, or for a lock taken through a guard that is not a
  /// local variable (a member), how the code spells that guard.
  std::string Holder;
  llvm::SmallVector<Mutex, 2> Mutexes;
};

/// The lock-state domain of one function body.
class LockState {
public:
  /// The locks held along some path, each with a statement that acquired it.
  using State = llvm::SmallDenseMap<unsigned, const Stmt *, 4>;

  LockState(ASTContext &Ctx, LockTypes &Types) : Ctx(Ctx), Types(Types) {}

  /// Whether Body contains anything that acquires a thread lock; prepares
  /// the analysis of Body. Cheap: no CFG is needed.
  bool mayAcquire(const Stmt *Body);

  void transfer(const CFGElement &E, State &S);
  void refine(const CFGBlock &From, unsigned Index, State &S);
  bool join(State &Into, const State &From);

  const TrackedLock &lock(unsigned Id) const { return Locks[Id]; }

private:
  enum class OpKind { None, Acquire, TryAcquire, Release, Disown };
  struct LockOp {
    OpKind Kind = OpKind::None;
    /// The mutexes or the guard the operation acts on.
    llvm::SmallVector<const Expr *, 2> Objects;
    /// A C try-lock function: it succeeded when it returned 0.
    bool SucceedsOnZero = false;
    /// The function says its argument is a mutex (pthread_mutex_t is a
    /// plain struct).
    bool KnownMutex = false;
  };

  LockOp classifyCall(const CallExpr *Call);
  void applyCall(const CallExpr *Call, State &S);
  void initGuard(const VarDecl *Var, const Stmt *Site, State &S);
  void assignGuard(const CXXOperatorCallExpr *Assign, State &S);
  std::optional<unsigned> idOf(const Expr *Object, bool Create,
                               bool KnownMutex = false);
  unsigned guardId(const VarDecl *Var);
  const VarDecl *trackedGuard(const Expr *E);
  std::optional<TrackedLock::Mutex> describeMutex(const Expr *E,
                                                  bool KnownMutex = false);
  std::optional<unsigned> triedLock(const Expr *Condition, bool &SuccessIfTrue);

  ASTContext &Ctx;
  LockTypes &Types;
  std::vector<TrackedLock> Locks;
  llvm::DenseMap<const VarDecl *, unsigned> GuardIds;
  llvm::StringMap<unsigned> ManualIds;
  /// Guard variables and the construction that initialises each.
  llvm::DenseMap<const CXXConstructExpr *, const VarDecl *> GuardInits;
  /// Guards that are not tracked: of awaitable mutexes, or whose lock comes
  /// from a function we cannot see into.
  llvm::DenseSet<const VarDecl *> Untracked;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_LOCKSTATE_H
