//===--- AwaitableUtils.cpp - async-lint ----------------------------------===//

#include "utils/AwaitableUtils.h"
#include "utils/ConstraintEvaluator.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

namespace {

const CXXRecordDecl *getRecord(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T.isNull())
    return nullptr;
  return T->getAsCXXRecordDecl();
}

const Expr *firstReturnValue(const Stmt *S) {
  if (!S)
    return nullptr;
  if (const auto *Ret = dyn_cast<ReturnStmt>(S))
    return Ret->getRetValue();
  for (const Stmt *Child : S->children())
    if (const Expr *E = firstReturnValue(Child))
      return E;
  return nullptr;
}

/// The function's declared return type, or for `auto f() { return X{}; }`
/// whose type is not deduced yet, the type of its first returned value.
QualType getEffectiveReturnType(const FunctionDecl *FD) {
  QualType Ret = FD->getReturnType();
  // In a template pattern, `auto` counts as deduced (to a dependent type).
  if (!Ret->isUndeducedType() && !Ret->isDependentType())
    return Ret;
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  for (const FunctionDecl *Candidate : {FD, Pattern}) {
    if (!Candidate || !Candidate->hasBody())
      continue;
    const Expr *E = firstReturnValue(Candidate->getBody());
    if (E && !E->isTypeDependent())
      return E->getType();
  }
  return {};
}

/// The constant a method returns when its body is `return <constant>;`.
std::optional<bool> constantBoolResult(const FunctionDecl *FD,
                                       const ASTContext &Ctx) {
  if (!FD)
    return std::nullopt;
  const FunctionDecl *WithBody = nullptr;
  if (FD->hasBody(WithBody) && WithBody) {
    // Use the definition as written.
  } else if (const FunctionDecl *Pattern =
                 FD->getTemplateInstantiationPattern()) {
    WithBody = Pattern->getDefinition();
  }
  if (!WithBody)
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(WithBody->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Ret || !Ret->getRetValue())
    return std::nullopt;
  const Expr *E = Ret->getRetValue();
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  bool Result = false;
  if (!E->EvaluateAsBooleanCondition(Result, Ctx))
    return std::nullopt;
  return Result;
}

const FunctionDecl *asFunction(const NamedDecl *D) {
  if (!D)
    return nullptr;
  if (const auto *Using = dyn_cast<UsingShadowDecl>(D))
    D = Using->getTargetDecl();
  if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
    return FTD->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(D);
}

bool hasAwaiterMembers(const CXXRecordDecl *RD) {
  return findMember(RD, "await_ready") && findMember(RD, "await_suspend") &&
         findMember(RD, "await_resume");
}

bool hasMemberCoAwait(const CXXRecordDecl *RD, const ASTContext &Ctx) {
  const CXXRecordDecl *Def = getDefinitionOrPattern(RD);
  if (!Def)
    return false;
  DeclarationName Name = Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  if (!Def->lookup(Name).empty())
    return true;
  return llvm::any_of(Def->bases(), [&](const CXXBaseSpecifier &Base) {
    const CXXRecordDecl *B = getRecord(Base.getType());
    return B && hasMemberCoAwait(B, Ctx);
  });
}

/// The class template a record is a specialization of, if any.
const ClassTemplateDecl *getTemplateOf(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()->getCanonicalDecl();
  if (const ClassTemplateDecl *Described = RD->getDescribedClassTemplate())
    return Described->getCanonicalDecl();
  return nullptr;
}

bool sameClassOrTemplate(const CXXRecordDecl *A, const CXXRecordDecl *B) {
  if (A->getCanonicalDecl() == B->getCanonicalDecl())
    return true;
  const ClassTemplateDecl *TA = getTemplateOf(A);
  return TA && TA == getTemplateOf(B);
}

/// Whether a parameter type names RD: the same class, a base of it, or the
/// same class template with other (possibly dependent) arguments. A bare
/// template parameter (`T&&`) says nothing about RD.
bool parameterAccepts(QualType Param, const CXXRecordDecl *RD) {
  Param = Param.getNonReferenceType().getUnqualifiedType();
  if (Param->isDependentType()) {
    const ClassTemplateDecl *Wanted = getTemplateOf(RD);
    if (!Wanted)
      return false;
    if (const auto *TST = Param->getAs<TemplateSpecializationType>())
      if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
        return TD->getCanonicalDecl() == Wanted;
    if (const auto *ICN = Param->getAs<InjectedClassNameType>())
      return getTemplateOf(ICN->getDecl()) == Wanted;
    return false;
  }
  const CXXRecordDecl *P = getRecord(Param);
  if (!P)
    return false;
  P = P->getCanonicalDecl();
  const CXXRecordDecl *Def = RD->getDefinition();
  return P == RD->getCanonicalDecl() || (Def && Def->isDerivedFrom(P));
}

bool isFreeCoAwaitFor(const NamedDecl *Candidate, const CXXRecordDecl *RD) {
  const FunctionDecl *FD = asFunction(Candidate);
  if (!FD || FD->getOverloadedOperator() != OO_Coawait ||
      isa<CXXMethodDecl>(FD))
    return false;
  if (FD->getNumParams() != 1)
    return false;
  return parameterAccepts(FD->getParamDecl(0)->getType(), RD);
}

bool hasFreeCoAwait(const CXXRecordDecl *RD, const ASTContext &Ctx) {
  DeclarationName Name = Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  // Hidden friends.
  if (const CXXRecordDecl *Def = getDefinitionOrPattern(RD))
    for (const FriendDecl *Friend : Def->friends())
      if (isFreeCoAwaitFor(Friend->getFriendDecl(), RD))
        return true;
  // The namespaces ADL searches (the class's enclosing namespaces), and the
  // global namespace.
  for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent()) {
    if (!DC->isFileContext())
      continue;
    for (const NamedDecl *Candidate : DC->lookup(Name))
      if (isFreeCoAwaitFor(Candidate, RD))
        return true;
  }
  return false;
}

/// Whether the awaiter's await_suspend takes a handle to this promise: a
/// coroutine_handle<> takes any, coroutine_handle<P> only P and classes
/// derived from it. std::nullopt when its signature does not tell.
std::optional<bool> awaiterAcceptsPromise(const CXXRecordDecl *Awaiter,
                                          const CXXRecordDecl *Promise) {
  const FunctionDecl *Suspend =
      asFunction(findMember(Awaiter, "await_suspend"));
  if (!Suspend || Suspend->getNumParams() != 1)
    return std::nullopt;
  QualType Handle = Suspend->getParamDecl(0)->getType().getNonReferenceType();
  const auto *HandleSpec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(getRecord(Handle));
  if (!HandleSpec) {
    // A dependent coroutine_handle<frame<U>>: accepts promises of that
    // template only.
    const auto *TST = Handle->getAs<TemplateSpecializationType>();
    if (!TST || TST->template_arguments().size() != 1)
      return std::nullopt;
    QualType Arg = TST->template_arguments()[0].getAsType();
    if (Arg.isNull())
      return std::nullopt;
    if (const auto *ArgTST = Arg->getAs<TemplateSpecializationType>())
      if (const TemplateDecl *TD =
              ArgTST->getTemplateName().getAsTemplateDecl())
        return getTemplateOf(Promise) == TD->getCanonicalDecl();
    return std::nullopt;
  }
  if (HandleSpec->getTemplateArgs().size() != 1)
    return std::nullopt;
  const TemplateArgument &Arg = HandleSpec->getTemplateArgs()[0];
  if (Arg.getKind() != TemplateArgument::Type)
    return std::nullopt;
  if (Arg.getAsType()->isVoidType())
    return true;
  const CXXRecordDecl *Wanted = getRecord(Arg.getAsType());
  if (!Wanted)
    return std::nullopt;
  return Wanted->getCanonicalDecl() == Promise->getCanonicalDecl() ||
         Promise->isDerivedFrom(Wanted);
}

/// The class a type names; for a dependent `X<T>`, X's pattern.
const CXXRecordDecl *getRecordOrPattern(QualType T) {
  if (const CXXRecordDecl *RD = getRecord(T))
    return RD;
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl();
  return nullptr;
}

/// The class named by RD's member `promise_type`.
const CXXRecordDecl *getPromiseMember(const CXXRecordDecl *RD) {
  const NamedDecl *Promise = findMember(RD, "promise_type");
  if (const auto *Alias = dyn_cast_or_null<TypedefNameDecl>(Promise))
    return getRecordOrPattern(Alias->getUnderlyingType());
  return dyn_cast_or_null<CXXRecordDecl>(Promise);
}

} // namespace

const CXXRecordDecl *getDefinitionOrPattern(const CXXRecordDecl *RD) {
  if (!RD)
    return nullptr;
  if (const CXXRecordDecl *Def = RD->getDefinition())
    return Def;
  if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern())
    return Pattern->getDefinition();
  if (const CXXRecordDecl *Member = RD->getInstantiatedFromMemberClass())
    return Member->getDefinition();
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()->getTemplatedDecl()->getDefinition();
  return nullptr;
}

const NamedDecl *findMember(const CXXRecordDecl *RD, StringRef Name) {
  const CXXRecordDecl *Def = getDefinitionOrPattern(RD);
  if (!Def)
    return nullptr;
  IdentifierInfo &II = Def->getASTContext().Idents.get(Name);
  DeclContext::lookup_result Found = Def->lookup(DeclarationName(&II));
  if (!Found.empty())
    return Found.front();
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (const CXXRecordDecl *B = getRecordOrPattern(Base.getType()))
      if (const NamedDecl *Member = findMember(B, Name))
        return Member;
  return nullptr;
}

bool isCoroutine(const FunctionDecl *FD) {
  return FD && isa_and_nonnull<CoroutineBodyStmt>(FD->getBody());
}

const CXXRecordDecl *getCoroutinePromise(const FunctionDecl *Coroutine) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine->getBody());
  if (!Body || !Body->getPromiseDecl())
    return nullptr;
  return getRecord(Body->getPromiseDecl()->getType());
}

const CXXRecordDecl *getPromiseForReturnType(QualType T,
                                             const ASTContext &Ctx) {
  const CXXRecordDecl *RD = getRecord(T);
  if (!RD)
    return nullptr;
  // An explicit or partial specialization of std::coroutine_traits<R, ...>
  // that the TU has instantiated for R.
  for (const NamedDecl *Std :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std"))) {
    const auto *NS = dyn_cast<NamespaceDecl>(Std);
    if (!NS)
      continue;
    for (const NamedDecl *D : NS->lookup(&Ctx.Idents.get("coroutine_traits"))) {
      const auto *CT = dyn_cast<ClassTemplateDecl>(D);
      if (!CT)
        continue;
      for (const ClassTemplateSpecializationDecl *Spec :
           CT->specializations()) {
        const TemplateArgumentList &Args = Spec->getTemplateArgs();
        if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type ||
            getRecord(Args[0].getAsType()) != RD)
          continue;
        if (const CXXRecordDecl *Promise = getPromiseMember(Spec))
          return Promise;
      }
      // A partial specialization for RD's template, as in
      // `coroutine_traits<result<T>, Args...>`, not instantiated for RD yet.
      const ClassTemplateDecl *Wanted = getTemplateOf(RD);
      llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
      const_cast<ClassTemplateDecl *>(CT)->getPartialSpecializations(Partials);
      for (const ClassTemplatePartialSpecializationDecl *Partial : Partials) {
        const TemplateArgumentList &Args = Partial->getTemplateArgs();
        if (!Wanted || Args.size() == 0 ||
            Args[0].getKind() != TemplateArgument::Type)
          continue;
        const auto *TST =
            Args[0].getAsType()->getAs<TemplateSpecializationType>();
        const TemplateDecl *TD =
            TST ? TST->getTemplateName().getAsTemplateDecl() : nullptr;
        if (TD && TD->getCanonicalDecl() == Wanted)
          if (const CXXRecordDecl *Promise = getPromiseMember(Partial))
            return Promise;
      }
    }
  }
  return getPromiseMember(RD);
}

StartMode getStartMode(const CXXRecordDecl *Promise) {
  const FunctionDecl *Initial =
      asFunction(findMember(Promise, "initial_suspend"));
  if (!Initial)
    return StartMode::Unknown;
  QualType AwaiterType = getEffectiveReturnType(Initial);
  const CXXRecordDecl *Awaiter = getRecord(AwaiterType);
  if (!Awaiter)
    return StartMode::Unknown;
  const ASTContext &Ctx = Promise->getASTContext();
  std::optional<bool> Ready =
      constantBoolResult(asFunction(findMember(Awaiter, "await_ready")), Ctx);
  if (!Ready)
    return StartMode::Unknown;
  if (*Ready)
    return StartMode::Eager;
  // Not ready: the coroutine suspends, unless await_suspend resumes or
  // schedules it. An empty `void await_suspend(...) {}` leaves it suspended.
  const FunctionDecl *Suspend =
      asFunction(findMember(Awaiter, "await_suspend"));
  if (!Suspend)
    return StartMode::Unknown;
  const FunctionDecl *Def = Suspend->getDefinition();
  if (!Def)
    if (const FunctionDecl *Pattern =
            Suspend->getTemplateInstantiationPattern())
      Def = Pattern->getDefinition();
  if (!Def)
    return StartMode::Unknown;
  if (Def->getReturnType()->isVoidType()) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
    return Body && Body->body_empty() ? StartMode::Lazy : StartMode::Unknown;
  }
  if (Def->getReturnType()->isBooleanType()) {
    std::optional<bool> Suspends = constantBoolResult(Def, Ctx);
    if (Suspends)
      return *Suspends ? StartMode::Lazy : StartMode::Eager;
  }
  return StartMode::Unknown;
}

AwaitableKind AwaitableClassifier::classify(QualType T, const ASTContext &Ctx) {
  AwaitableKind Kind;
  if (T.isNull() || T->isDependentType())
    return Kind;
  const CXXRecordDecl *RD = getRecord(T);
  if (!RD)
    return Kind;
  const Type *Key = RD->getTypeForDecl();
  auto Cached = Cache.find(Key);
  if (Cached != Cache.end())
    return Cached->second;

  if (hasAwaiterMembers(RD) || hasMemberCoAwait(RD, Ctx) ||
      hasFreeCoAwait(RD, Ctx))
    Kind.Awaitable = true;
  if (!Kind.Awaitable)
    for (const std::string &Name : ExtraNames)
      if (matchesQualifiedName(RD, Name)) {
        Kind.Awaitable = true;
        Kind.ByName = true;
        break;
      }
  if (const CXXRecordDecl *Promise = getPromiseForReturnType(T, Ctx)) {
    Kind.CoroutineType = true;
    Kind.Start = getStartMode(Promise);
  }
  Cache[Key] = Kind;
  return Kind;
}

AwaitableClassifier::AwaitableClassifier(
    std::vector<std::string> ExtraAwaitableNames, const AwaitableRules *Rules)
    : ExtraNames(std::move(ExtraAwaitableNames)), Rules(Rules) {
  if (!this->Rules) {
    static const AwaitableRules Builtin;
    this->Rules = &Builtin;
  }
}

OperandVerdict AwaitableClassifier::isAwaitableIn(QualType T,
                                                  const CXXRecordDecl *Promise,
                                                  ASTContext &Ctx) {
  OperandVerdict Verdict;
  const CXXRecordDecl *RD = getRecord(T);
  if (!RD || !Promise)
    return Verdict;
  const CXXRecordDecl *PromiseDef = getDefinitionOrPattern(Promise);
  if (!PromiseDef)
    return Verdict;
  if (const NamedDecl *Transform = findMember(PromiseDef, "await_transform")) {
    // `co_await x` means `co_await promise.await_transform(x)`: some overload
    // must be viable for x, and its result awaitable.
    ConstraintEvaluator Evaluator(Ctx, *Rules);
    auto ResultIsAwaitable = [&](QualType R) {
      const CXXRecordDecl *Result = getRecord(R);
      if (!Result)
        return false;
      AwaitableKind Kind = classify(R, Ctx);
      return Kind.Awaitable &&
             (!hasAwaiterMembers(Result) ||
              awaiterAcceptsPromise(Result, Promise).value_or(true));
    };
    bool Open = false;
    bool Unknown = false;
    const DeclContext *Owner = Transform->getDeclContext();
    for (const NamedDecl *Overload :
         cast<CXXRecordDecl>(Owner)->lookup(Transform->getDeclName())) {
      CandidateVerdict Candidate =
          Evaluator.judgeCandidate(Overload, T, ResultIsAwaitable);
      if (Candidate.Viable == Truth::Unknown)
        Unknown = true;
      if (Candidate.Viable != Truth::True)
        continue;
      if (Candidate.Unconstrained) {
        Open = true;
        continue;
      }
      Verdict.Awaitable = true;
      if (Candidate.AdmittedBy)
        Verdict.Wording = Rules->wordingFor(Candidate.AdmittedBy);
      return Verdict;
    }
    if (Open) {
      // A generic await_transform passes awaitables through (possibly
      // wrapped), a library's coroutines await that library's tasks, and
      // some libraries hand values with a protocol member to that member.
      if (classify(T, Ctx).Awaitable) {
        Verdict.Awaitable = true;
        return Verdict;
      }
      if (const CXXRecordDecl *TaskPromise = getPromiseForReturnType(T, Ctx))
        if (sameClassOrTemplate(TaskPromise, Promise)) {
          Verdict.Awaitable = true;
          return Verdict;
        }
      for (StringRef Member : Rules->protocolMembersFor(PromiseDef))
        if (asFunction(findMember(RD, Member))) {
          Verdict.Awaitable = true;
          return Verdict;
        }
      return Verdict;
    }
    if (!Unknown)
      Verdict.Awaitable = false;
    return Verdict;
  }
  // No await_transform: the type itself must be awaitable, and an awaiter's
  // await_suspend must take this promise's handle.
  AwaitableKind Kind = classify(T, Ctx);
  bool CheckHandle = Kind.Awaitable && !Kind.ByName && hasAwaiterMembers(RD);
  Verdict.Awaitable =
      Kind.Awaitable &&
      (!CheckHandle || awaiterAcceptsPromise(RD, Promise).value_or(true));
  return Verdict;
}

std::string describeFunction(const FunctionDecl *FD) {
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (!Method)
    return FD->getNameAsString();
  const CXXRecordDecl *Class = Method->getParent();
  if (Class->isLambda())
    return "lambda";
  return Class->getNameAsString() + "::" +
         (isa<CXXConstructorDecl>(Method) ? Class->getNameAsString()
                                          : Method->getNameAsString());
}

std::string getPlainQualifiedName(const NamedDecl *D) {
  llvm::SmallVector<StringRef, 8> Parts;
  if (const IdentifierInfo *II = D->getIdentifier())
    Parts.push_back(II->getName());
  else
    Parts.push_back("");
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *R = dyn_cast<RecordDecl>(DC)) {
      if (R->getIdentifier())
        Parts.push_back(R->getName());
    }
  }
  std::string Result;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Result.empty())
      Result += "::";
    Result += It->str();
  }
  return Result;
}

bool matchesQualifiedName(const NamedDecl *D, StringRef Pattern) {
  bool Anchored = Pattern.consume_front("::");
  std::string Name = getPlainQualifiedName(D);
  StringRef N = Name;
  if (N == Pattern)
    return true;
  if (Anchored || !N.ends_with(Pattern))
    return false;
  StringRef Prefix = N.drop_back(Pattern.size());
  return Prefix.ends_with("::");
}

} // namespace clang::tidy::async::utils
