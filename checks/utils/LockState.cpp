//===--- LockState.cpp - async-lint ---------------------------------------===//

#include "LockState.h"
#include "SuspensionPoints.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::async::utils {

namespace {

// RAII guards that own a thread lock.
constexpr llvm::StringLiteral GuardNames[] = {
    "::std::lock_guard",
    "::std::unique_lock",
    "::std::scoped_lock",
    "::std::shared_lock",
    "::boost::lock_guard",
    "::boost::unique_lock",
    "::boost::shared_lock",
    "::boost::upgrade_lock",
    "::boost::shared_lock_guard",
    "::boost::strict_lock",
    "::boost::nested_strict_lock",
    "::absl::MutexLock",
    "::absl::ReaderMutexLock",
    "::absl::WriterMutexLock",
    "::absl::ReleasableMutexLock",
    "::QMutexLocker",
    "::QReadLocker",
    "::QWriteLocker",
};

// Thread mutexes known by name (others are recognised by their lock() and
// unlock() members or by the capability attribute).
constexpr llvm::StringLiteral MutexNames[] = {
    "::std::mutex",
    "::std::timed_mutex",
    "::std::recursive_mutex",
    "::std::recursive_timed_mutex",
    "::std::shared_mutex",
    "::std::shared_timed_mutex",
    "::boost::mutex",
    "::boost::timed_mutex",
    "::boost::recursive_mutex",
    "::boost::recursive_timed_mutex",
    "::boost::shared_mutex",
    "::boost::upgrade_mutex",
    "::absl::Mutex",
    "::QMutex",
    "::QRecursiveMutex",
    "::QBasicMutex",
    "::QReadWriteLock",
};

bool matchesAny(const NamedDecl *D, llvm::ArrayRef<llvm::StringLiteral> Names) {
  for (StringRef Name : Names)
    if (matchesQualifiedName(D, Name))
      return true;
  return false;
}

bool matchesAny(const NamedDecl *D, llvm::ArrayRef<std::string> Names) {
  for (StringRef Name : Names)
    if (matchesQualifiedName(D, Name))
      return true;
  return false;
}

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else
      return E;
  }
}

/// The object a pointer or a reference designates: `&m` and `p` (for
/// `p->unlock()`) name the mutex itself.
const Expr *stripAddress(const Expr *E) {
  E = strip(E);
  while (true) {
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary &&
        (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)) {
      E = strip(Unary->getSubExpr());
      continue;
    }
    // std::move(lock) is the lock.
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
        (matchesQualifiedName(Call->getDirectCallee(), "::std::move") ||
         matchesQualifiedName(Call->getDirectCallee(), "::std::forward") ||
         matchesQualifiedName(Call->getDirectCallee(), "::boost::move"))) {
      E = strip(Call->getArg(0));
      continue;
    }
    return E;
  }
}

std::string printed(const Expr *E, const ASTContext &Ctx) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  E->printPretty(OS, nullptr, Ctx.getPrintingPolicy());
  return Text;
}

/// How the code spells E, for messages.
std::string spelling(const Expr *E, const ASTContext &Ctx) {
  StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()),
                           Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty() || Text.contains('\n') || Text.size() > 60)
    return printed(E, Ctx);
  return Text.str();
}

/// The same mutex spelled `m`, `this->m` or `&m` gets the same key.
std::string keyOf(const Expr *E, const ASTContext &Ctx) {
  std::string Key = printed(stripAddress(E), Ctx);
  for (size_t Pos; (Pos = Key.find("this->")) != std::string::npos;)
    Key.erase(Pos, 6);
  for (size_t Pos; (Pos = Key.find("(*this).")) != std::string::npos;)
    Key.erase(Pos, 8);
  return Key;
}

QualType objectType(const Expr *E) {
  QualType T = E->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T;
}

std::string typeName(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  Policy.SuppressTagKeyword = true;
  return T.getCanonicalType().getUnqualifiedType().getAsString(Policy);
}

/// The tag argument of a guard's constructor: std::defer_lock and friends,
/// or a timeout (a try-lock).
enum class Tag { None, Defer, Try, Adopt };

Tag tagOf(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return Tag::None;
  return llvm::StringSwitch<Tag>(RD->getName())
      .Case("defer_lock_t", Tag::Defer)
      .Case("try_to_lock_t", Tag::Try)
      .Case("adopt_lock_t", Tag::Adopt)
      .Cases("duration", "time_point", Tag::Try)
      .Default(Tag::None);
}

enum class Method { None, Acquire, Try, Release, Disown };

Method mutexMethod(StringRef Name) {
  return llvm::StringSwitch<Method>(Name)
      .Cases("lock", "lock_shared", "lock_upgrade", "Lock", "ReaderLock",
             "WriterLock", Method::Acquire)
      .Cases("LockWhen", "ReaderLockWhen", "WriterLockWhen", "lockForRead",
             "lockForWrite", Method::Acquire)
      .Cases("try_lock", "try_lock_shared", "try_lock_for", "try_lock_until",
             "try_lock_shared_for", Method::Try)
      .Cases("try_lock_shared_until", "try_lock_upgrade", "TryLock",
             "ReaderTryLock", "WriterTryLock", Method::Try)
      .Cases("tryLock", "tryLockForRead", "tryLockForWrite",
             "LockWhenWithTimeout", Method::Try)
      .Cases("unlock", "unlock_shared", "unlock_upgrade", "Unlock",
             "ReaderUnlock", "WriterUnlock", Method::Release)
      .Default(Method::None);
}

Method guardMethod(StringRef Name) {
  return llvm::StringSwitch<Method>(Name)
      .Cases("lock", "relock", Method::Acquire)
      .Cases("try_lock", "try_lock_for", "try_lock_until", Method::Try)
      .Cases("unlock", "Release", Method::Release)
      .Case("release", Method::Disown)
      .Default(Method::None);
}

/// The arguments of a call that a thread-safety attribute names: its own
/// arguments when they are parameters, else the object the method is
/// called on.
template <typename AttrT>
llvm::SmallVector<const Expr *, 2>
attributeObjects(const AttrT *Attr, const CallExpr *Call,
                 const FunctionDecl *Callee) {
  llvm::SmallVector<const Expr *, 2> Objects;
  for (const Expr *Arg : Attr->args()) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (Param && Param->getDeclContext() == Callee &&
        Param->getFunctionScopeIndex() < Call->getNumArgs())
      Objects.push_back(Call->getArg(Param->getFunctionScopeIndex()));
  }
  if (Objects.empty())
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Objects.push_back(Member->getImplicitObjectArgument());
  return Objects;
}

} // namespace

LockRole LockTypes::roleOf(QualType T, const ASTContext &Ctx) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return LockRole::None;
  RD = RD->getCanonicalDecl();
  auto It = Cache.find(RD);
  if (It != Cache.end())
    return It->second;
  // Guards whose template argument is a mutex look that argument up first.
  LockRole Role = classify(RD, Ctx);
  Cache[RD] = Role;
  return Role;
}

bool LockTypes::isAllowed(QualType T) const {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && matchesAny(RD, Allowed);
}

LockRole LockTypes::classify(const CXXRecordDecl *RD, const ASTContext &Ctx) {
  if (matchesAny(RD, Allowed))
    return LockRole::None;
  const CXXRecordDecl *Def = getDefinitionOrPattern(RD);
  if (matchesAny(RD, GuardNames) || matchesAny(RD, ExtraGuards) ||
      (Def && Def->hasAttr<ScopedLockableAttr>())) {
    // A guard of an awaitable mutex (folly's co_scoped_lock() returns a
    // std::unique_lock<folly::coro::Mutex>) holds no thread lock.
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        if (Arg.getKind() == TemplateArgument::Type) {
          if (roleOf(Arg.getAsType(), Ctx) == LockRole::AwaitableMutex)
            return LockRole::AwaitableMutex;
          // A guard of an allowed mutex is allowed too.
          if (const auto *Mutex = Arg.getAsType()->getAsCXXRecordDecl();
              Mutex && matchesAny(Mutex, Allowed))
            return LockRole::None;
        }
    return LockRole::Guard;
  }
  if (hasAwaitedLock(RD, Ctx))
    return LockRole::AwaitableMutex;
  if (matchesAny(RD, MutexNames) || (Def && Def->hasAttr<CapabilityAttr>()))
    return LockRole::Mutex;
  // BasicLockable: lock() and unlock() that return nothing to await.
  if (!Def)
    return LockRole::None;
  const auto *Lock = dyn_cast_or_null<FunctionDecl>(findMember(Def, "lock"));
  const auto *Unlock =
      dyn_cast_or_null<FunctionDecl>(findMember(Def, "unlock"));
  if (Lock && Unlock && Lock->getReturnType()->isVoidType())
    return LockRole::Mutex;
  return LockRole::None;
}

bool LockTypes::hasAwaitedLock(const CXXRecordDecl *RD, const ASTContext &Ctx) {
  const CXXRecordDecl *Def = getDefinitionOrPattern(RD);
  if (!Def)
    return false;
  auto Awaited = [&](const CXXRecordDecl *Class) {
    for (const Decl *D : Class->decls()) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
        FD = Template->getTemplatedDecl();
      if (!FD || !FD->getIdentifier() ||
          !FD->getName().contains_insensitive("lock"))
        continue;
      QualType Result = FD->getReturnType();
      if (Result->isDependentType() || Result->isUndeducedType())
        continue;
      AwaitableKind Kind = Awaitables.classify(Result, Ctx);
      if (Kind.Awaitable || Kind.CoroutineType)
        return true;
    }
    return false;
  };
  if (Awaited(Def))
    return true;
  bool Found = false;
  Def->forallBases([&](const CXXRecordDecl *Base) {
    if (const CXXRecordDecl *BaseDef = getDefinitionOrPattern(Base))
      Found = Found || Awaited(BaseDef);
    return true;
  });
  return Found;
}

bool LockState::mayAcquire(const Stmt *Body) {
  bool Found = false;
  forEachOwnStmt(Body, [&](const Stmt *S) {
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      for (const auto *D : Decl->decls()) {
        const auto *Var = dyn_cast<VarDecl>(D);
        if (!Var || !Var->hasLocalStorage() ||
            Var->getType()->isReferenceType() || !Var->getInit() ||
            Types.roleOf(Var->getType(), Ctx) != LockRole::Guard)
          continue;
        if (const auto *Construct =
                dyn_cast<CXXConstructExpr>(strip(Var->getInit())))
          GuardInits[Construct] = Var;
        Found = true;
      }
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      OpKind Kind = classifyCall(Call).Kind;
      Found = Found || Kind == OpKind::Acquire || Kind == OpKind::TryAcquire;
    }
  });
  return Found;
}

LockState::LockOp LockState::classifyCall(const CallExpr *Call) {
  LockOp Op;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->containsErrors())
    return Op;
  // Whatever is awaited is an awaitable mutex's operation, not a thread
  // lock.
  if (Callee->getReturnType()->isRecordType())
    return Op;

  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Object || !Callee->getIdentifier())
      return Op;
    LockRole Role = Types.roleOf(objectType(Object), Ctx);
    Method M = Method::None;
    if (Role == LockRole::Guard)
      M = guardMethod(Callee->getName());
    else if (Role == LockRole::Mutex)
      M = mutexMethod(Callee->getName());
    if (M == Method::None && Role != LockRole::AwaitableMutex) {
      if (const auto *A = Callee->getAttr<AcquireCapabilityAttr>()) {
        Op.Kind = OpKind::Acquire;
        Op.Objects = attributeObjects(A, Call, Callee);
      } else if (const auto *A = Callee->getAttr<TryAcquireCapabilityAttr>()) {
        Op.Kind = OpKind::TryAcquire;
        Op.Objects = attributeObjects(A, Call, Callee);
      } else if (const auto *A = Callee->getAttr<ReleaseCapabilityAttr>()) {
        Op.Kind = OpKind::Release;
        Op.Objects = attributeObjects(A, Call, Callee);
      }
      return Op;
    }
    switch (M) {
    case Method::None:
      return Op;
    case Method::Acquire:
      Op.Kind = OpKind::Acquire;
      break;
    case Method::Try:
      Op.Kind = OpKind::TryAcquire;
      break;
    case Method::Release:
      Op.Kind = OpKind::Release;
      break;
    case Method::Disown:
      Op.Kind = OpKind::Disown;
      break;
    }
    Op.Objects.push_back(Object);
    return Op;
  }
  if (isa<CXXOperatorCallExpr>(Call) || Call->getNumArgs() == 0)
    return Op;

  if (Callee->isExternC() || Callee->getDeclContext()->isTranslationUnit()) {
    StringRef Name = Callee->getIdentifier() ? Callee->getName() : "";
    Op.Kind =
        llvm::StringSwitch<OpKind>(Name)
            .Cases("pthread_mutex_lock", "pthread_rwlock_rdlock",
                   "pthread_rwlock_wrlock", "pthread_spin_lock", "mtx_lock",
                   OpKind::Acquire)
            .Cases("pthread_mutex_trylock", "pthread_mutex_timedlock",
                   "pthread_rwlock_tryrdlock", "pthread_rwlock_trywrlock",
                   "pthread_spin_trylock", OpKind::TryAcquire)
            .Cases("pthread_rwlock_timedrdlock", "pthread_rwlock_timedwrlock",
                   "mtx_trylock", "mtx_timedlock", OpKind::TryAcquire)
            .Cases("pthread_mutex_unlock", "pthread_rwlock_unlock",
                   "pthread_spin_unlock", "mtx_unlock", OpKind::Release)
            .Default(OpKind::None);
    if (Op.Kind != OpKind::None) {
      Op.SucceedsOnZero = Op.Kind == OpKind::TryAcquire;
      Op.KnownMutex = true;
      Op.Objects.push_back(Call->getArg(0));
      return Op;
    }
  }
  if ((matchesQualifiedName(Callee, "::std::lock") ||
       matchesQualifiedName(Callee, "::boost::lock")) &&
      Call->getNumArgs() >= 2) {
    for (const Expr *Arg : Call->arguments())
      if (Types.roleOf(objectType(Arg), Ctx) == LockRole::Mutex ||
          Types.roleOf(objectType(Arg), Ctx) == LockRole::Guard)
        Op.Objects.push_back(Arg);
    if (Op.Objects.size() == Call->getNumArgs())
      Op.Kind = OpKind::Acquire;
    return Op;
  }
  if (const auto *A = Callee->getAttr<AcquireCapabilityAttr>()) {
    Op.Kind = OpKind::Acquire;
    Op.Objects = attributeObjects(A, Call, Callee);
  } else if (const auto *A = Callee->getAttr<ReleaseCapabilityAttr>()) {
    Op.Kind = OpKind::Release;
    Op.Objects = attributeObjects(A, Call, Callee);
  }
  if (Op.Objects.empty())
    Op.Kind = OpKind::None;
  return Op;
}

const VarDecl *LockState::trackedGuard(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(stripAddress(E));
  if (!Ref)
    return nullptr;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
      Types.roleOf(Var->getType(), Ctx) != LockRole::Guard)
    return nullptr;
  return Var;
}

unsigned LockState::guardId(const VarDecl *Var) {
  auto [It, Inserted] = GuardIds.try_emplace(Var, Locks.size());
  if (Inserted) {
    TrackedLock Lock;
    Lock.Guard = Var;
    Lock.Holder = Var->getNameAsString();
    Locks.push_back(std::move(Lock));
  }
  return It->second;
}

std::optional<TrackedLock::Mutex> LockState::describeMutex(const Expr *E,
                                                           bool KnownMutex) {
  LockRole Role = Types.roleOf(objectType(E), Ctx);
  if (Role == LockRole::AwaitableMutex ||
      (Role == LockRole::None && !KnownMutex))
    return std::nullopt;
  const Expr *Object = stripAddress(E);
  TrackedLock::Mutex M;
  M.Name = spelling(Object, Ctx);
  // A mutex that a co_await or a call produced has no name to give.
  if (StringRef(M.Name).contains("co_await") || StringRef(M.Name).contains('('))
    M.Name.clear();
  M.Type = typeName(objectType(Object), Ctx);
  M.Key = keyOf(E, Ctx);
  return M;
}

std::optional<unsigned> LockState::idOf(const Expr *Object, bool Create,
                                        bool KnownMutex) {
  if (const VarDecl *Guard = trackedGuard(Object)) {
    if (Untracked.contains(Guard))
      return std::nullopt;
    if (!Create && !GuardIds.count(Guard))
      return std::nullopt;
    return guardId(Guard);
  }
  std::optional<TrackedLock::Mutex> M = describeMutex(Object, KnownMutex);
  if (!M)
    return std::nullopt;
  auto It = ManualIds.find(M->Key);
  if (It != ManualIds.end())
    return It->second;
  if (!Create)
    return std::nullopt;
  TrackedLock Lock;
  if (Types.roleOf(objectType(Object), Ctx) == LockRole::Guard)
    Lock.Holder = M->Name;
  Lock.Mutexes.push_back(*M);
  ManualIds[M->Key] = Locks.size();
  Locks.push_back(std::move(Lock));
  return Locks.size() - 1;
}

void LockState::initGuard(const VarDecl *Var, const Stmt *Site, State &S) {
  if (Untracked.contains(Var))
    return;
  const Expr *Init = Var->getInit() ? strip(Var->getInit()) : nullptr;
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
  if (!Construct) {
    // Returned by a function or awaited (an awaitable mutex's guard): what
    // it holds is not known here.
    Untracked.insert(Var);
    return;
  }
  unsigned Id = guardId(Var);
  S.erase(Id);
  if (Construct->getNumArgs() == 0)
    return;
  // Moved from another guard.
  if (Types.roleOf(Construct->getArg(0)->getType(), Ctx) == LockRole::Guard) {
    const VarDecl *From = trackedGuard(Construct->getArg(0));
    if (!From || !GuardIds.count(From))
      return;
    unsigned FromId = GuardIds[From];
    Locks[Id].Mutexes = Locks[FromId].Mutexes;
    auto Held = S.find(FromId);
    if (Held != S.end()) {
      S[Id] = Held->second;
      S.erase(FromId);
    }
    return;
  }
  Tag T = Tag::None;
  llvm::SmallVector<TrackedLock::Mutex, 2> Mutexes;
  for (const Expr *Arg : Construct->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    if (Tag ArgTag = tagOf(Arg->getType()); ArgTag != Tag::None) {
      T = ArgTag;
      continue;
    }
    LockRole Role = Types.roleOf(objectType(Arg), Ctx);
    if (Role == LockRole::AwaitableMutex || Types.isAllowed(objectType(Arg))) {
      Untracked.insert(Var);
      return;
    }
    if (std::optional<TrackedLock::Mutex> M = describeMutex(Arg))
      Mutexes.push_back(*M);
  }
  Locks[Id].Mutexes = Mutexes;
  if (T == Tag::Defer)
    return;
  const Stmt *Acquired = Site;
  if (T == Tag::Adopt)
    for (const TrackedLock::Mutex &M : Mutexes) {
      auto Manual = ManualIds.find(M.Key);
      if (Manual == ManualIds.end())
        continue;
      auto Held = S.find(Manual->second);
      if (Held == S.end())
        continue;
      Acquired = Held->second;
      S.erase(Held);
    }
  S[Id] = Acquired;
}

void LockState::assignGuard(const CXXOperatorCallExpr *Assign, State &S) {
  const VarDecl *To = trackedGuard(Assign->getArg(0));
  if (!To || Untracked.contains(To))
    return;
  unsigned Id = guardId(To);
  S.erase(Id);
  const VarDecl *From = trackedGuard(Assign->getArg(1));
  if (!From || !GuardIds.count(From))
    return;
  unsigned FromId = GuardIds[From];
  Locks[Id].Mutexes = Locks[FromId].Mutexes;
  auto Held = S.find(FromId);
  if (Held != S.end()) {
    S[Id] = Held->second;
    S.erase(FromId);
  }
}

void LockState::applyCall(const CallExpr *Call, State &S) {
  LockOp Op = classifyCall(Call);
  for (const Expr *Object : Op.Objects) {
    switch (Op.Kind) {
    case OpKind::None:
      return;
    case OpKind::Acquire:
    case OpKind::TryAcquire:
      if (std::optional<unsigned> Id =
              idOf(Object, /*Create=*/true, Op.KnownMutex))
        S.try_emplace(*Id, Call);
      break;
    case OpKind::Release:
      if (std::optional<unsigned> Id =
              idOf(Object, /*Create=*/false, Op.KnownMutex))
        S.erase(*Id);
      break;
    case OpKind::Disown: {
      // unique_lock::release(): the mutex stays locked, by hand now.
      std::optional<unsigned> Id = idOf(Object, /*Create=*/false);
      if (!Id)
        break;
      auto Held = S.find(*Id);
      if (Held == S.end())
        break;
      const Stmt *Acquired = Held->second;
      S.erase(Held);
      if (!Locks[*Id].Guard || Locks[*Id].Mutexes.size() != 1)
        break;
      TrackedLock::Mutex M = Locks[*Id].Mutexes.front();
      auto [It, Inserted] = ManualIds.try_emplace(M.Key, Locks.size());
      if (Inserted) {
        TrackedLock Lock;
        Lock.Mutexes.push_back(M);
        Locks.push_back(std::move(Lock));
      }
      S.try_emplace(It->second, Acquired);
      break;
    }
    }
  }
}

void LockState::transfer(const CFGElement &E, State &S) {
  if (std::optional<CFGAutomaticObjDtor> Dtor =
          E.getAs<CFGAutomaticObjDtor>()) {
    auto It = GuardIds.find(Dtor->getVarDecl());
    if (It != GuardIds.end())
      S.erase(It->second);
    return;
  }
  std::optional<CFGStmt> Element = E.getAs<CFGStmt>();
  if (!Element)
    return;
  const Stmt *St = Element->getStmt();
  if (const auto *Decl = dyn_cast<DeclStmt>(St)) {
    for (const auto *D : Decl->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Var->getInit() && Var->hasLocalStorage() &&
          !Var->getType()->isReferenceType() &&
          Types.roleOf(Var->getType(), Ctx) == LockRole::Guard)
        initGuard(Var, Decl, S);
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(St)) {
    // A guard moved into a parameter or a temporary: it is gone from here.
    if (GuardInits.count(Construct) || Construct->getNumArgs() != 1 ||
        Types.roleOf(Construct->getType(), Ctx) != LockRole::Guard)
      return;
    if (const VarDecl *From = trackedGuard(Construct->getArg(0)))
      if (Construct->getArg(0)->isXValue() ||
          !Construct->getConstructor()->isCopyConstructor())
        if (GuardIds.count(From))
          S.erase(GuardIds[From]);
    return;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(St)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Types.roleOf(Op->getArg(0)->getType(), Ctx) == LockRole::Guard)
      assignGuard(Op, S);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(St))
    applyCall(Call, S);
}

std::optional<unsigned> LockState::triedLock(const Expr *Condition,
                                             bool &SuccessIfTrue) {
  SuccessIfTrue = true;
  const Expr *E = Condition;
  while (true) {
    E = strip(E);
    if (const auto *Not = dyn_cast<UnaryOperator>(E);
        Not && Not->getOpcode() == UO_LNot) {
      SuccessIfTrue = !SuccessIfTrue;
      E = Not->getSubExpr();
      continue;
    }
    if (const auto *Compare = dyn_cast<BinaryOperator>(E);
        Compare && Compare->isEqualityOp()) {
      const Expr *L = strip(Compare->getLHS());
      const Expr *R = strip(Compare->getRHS());
      const auto *Zero = dyn_cast<IntegerLiteral>(R);
      const Expr *Other = L;
      if (!Zero) {
        Zero = dyn_cast<IntegerLiteral>(L);
        Other = R;
      }
      if (!Zero || Zero->getValue() != 0)
        return std::nullopt;
      if (Compare->getOpcode() == BO_EQ)
        SuccessIfTrue = !SuccessIfTrue;
      E = Other;
      continue;
    }
    break;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  // `if (lock)` and `if (lock.owns_lock())` on a guard.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const FunctionDecl *Callee = Member->getDirectCallee();
    if (Callee &&
        (isa<CXXConversionDecl>(Callee) ||
         (Callee->getIdentifier() && Callee->getName() == "owns_lock")))
      if (const VarDecl *Guard =
              trackedGuard(Member->getImplicitObjectArgument()))
        if (GuardIds.count(Guard))
          return GuardIds[Guard];
  }
  LockOp Op = classifyCall(Call);
  if (Op.Kind != OpKind::TryAcquire || Op.Objects.size() != 1)
    return std::nullopt;
  if (Op.SucceedsOnZero)
    SuccessIfTrue = !SuccessIfTrue;
  return idOf(Op.Objects.front(), /*Create=*/false, Op.KnownMutex);
}

void LockState::refine(const CFGBlock &From, unsigned Index, State &S) {
  if (From.succ_size() != 2 || S.empty())
    return;
  const auto *Condition = dyn_cast_or_null<Expr>(From.getTerminatorCondition());
  if (!Condition)
    return;
  bool SuccessIfTrue = true;
  std::optional<unsigned> Id = triedLock(Condition, SuccessIfTrue);
  if (!Id)
    return;
  // Successor 0 is the true branch.
  bool FailureEdge = SuccessIfTrue ? Index == 1 : Index == 0;
  if (FailureEdge)
    S.erase(*Id);
}

bool LockState::join(State &Into, const State &From) {
  bool Changed = false;
  for (const auto &[Id, Site] : From)
    Changed |= Into.try_emplace(Id, Site).second;
  return Changed;
}

} // namespace clang::tidy::async::utils
