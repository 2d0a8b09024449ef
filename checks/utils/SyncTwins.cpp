//===--- SyncTwins.cpp - async-lint ---------------------------------------===//

#include "utils/SyncTwins.h"
#include "utils/AwaitableUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {

namespace {

/// The name says it is an asynchronous form: `async_read`, `read_async`,
/// `readAsync`, `AsyncRead`.
bool hasAsyncName(StringRef Name) {
  if (Name.starts_with("async_") || Name.ends_with("_async"))
    return true;
  if (Name.size() > 5 && Name.ends_with("Async"))
    return true;
  return Name.size() > 5 && Name.starts_with("Async") && isUppercase(Name[5]);
}

bool mentionsCompletion(StringRef Name) {
  std::string Lower = Name.lower();
  StringRef L = Lower;
  return L.contains("token") || L.contains("handler") ||
         L.contains("callback") || L.contains("completion") || L == "cb";
}

/// A callable type: a function pointer or reference, or a type-erased
/// function wrapper.
bool isCallbackType(QualType T) {
  T = T.getNonReferenceType();
  if (T->isFunctionPointerType() || T->isFunctionType() ||
      T->isBlockPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  return matchesQualifiedName(RD, "::std::function") ||
         matchesQualifiedName(RD, "::std::move_only_function") ||
         matchesQualifiedName(RD, "::absl::AnyInvocable") ||
         matchesQualifiedName(RD, "::absl::FunctionRef") ||
         matchesQualifiedName(RD, "::folly::Function") ||
         matchesQualifiedName(RD, "::boost::function");
}

/// A completion token or callback parameter: a template parameter named as
/// one (Asio's `ReadToken&& token`, Beast's `ReadHandler&& handler`), or a
/// callable type.
bool isCompletionParam(const ParmVarDecl *P) {
  if (!P)
    return false;
  QualType T = P->getType().getNonReferenceType();
  if (const auto *Param = T->getAs<TemplateTypeParmType>()) {
    if (const IdentifierInfo *Id = Param->getIdentifier();
        Id && mentionsCompletion(Id->getName()))
      return true;
    return P->getIdentifier() && mentionsCompletion(P->getName());
  }
  if (const auto *Subst = T->getAs<SubstTemplateTypeParmType>())
    if (const IdentifierInfo *Id =
            Subst->getReplacedParameter()->getIdentifier();
        Id && mentionsCompletion(Id->getName()))
      return true;
  return isCallbackType(T);
}

bool returnsAwaitable(const FunctionDecl *FD, const ASTContext &Ctx) {
  QualType T = FD->getReturnType();
  if (T.isNull() || T->isDependentType() || T->isUndeducedType() ||
      T->isVoidType())
    return false;
  AwaitableClassifier Classifier({});
  AwaitableKind Kind = Classifier.classify(T, Ctx);
  return Kind.Awaitable || Kind.CoroutineType;
}

bool isErrorCode(const Expr *Arg) {
  const CXXRecordDecl *RD =
      Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == "error_code";
}

/// Whether an argument of this type can initialise a parameter of type
/// Param, as far as the types tell without overload resolution. Dependent
/// parameters (the templates most asynchronous forms are) accept anything.
bool accepts(QualType Param, QualType Arg, bool Convert = true) {
  if (Param->isDependentType() || Arg->isDependentType())
    return true;
  QualType P =
      Param.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  QualType A =
      Arg.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (P == A)
    return true;
  if ((P->isArithmeticType() || P->isEnumeralType()) &&
      (A->isArithmeticType() || A->isEnumeralType()))
    return true;
  if (P->isPointerType())
    return A->isPointerType() || A->isNullPtrType() || A->isArrayType() ||
           A->isFunctionType();
  const CXXRecordDecl *PR = P->getAsCXXRecordDecl();
  if (!PR)
    return false;
  if (const CXXRecordDecl *AR = A->getAsCXXRecordDecl();
      AR && AR->hasDefinition() && PR->hasDefinition() && AR->isDerivedFrom(PR))
    return true;
  // A converting constructor that takes the argument (std::string from a
  // literal, a buffer sequence from a buffer).
  if (!Convert)
    return false;
  if (const CXXRecordDecl *Def = PR->getDefinition()) {
    for (const Decl *D : Def->decls()) {
      const auto *Ctor = dyn_cast<CXXConstructorDecl>(D);
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
        Ctor = dyn_cast<CXXConstructorDecl>(Template->getTemplatedDecl());
      if (Ctor && !Ctor->isExplicit() && !Ctor->isCopyOrMoveConstructor() &&
          Ctor->getMinRequiredArguments() <= 1 && Ctor->getNumParams() >= 1 &&
          accepts(Ctor->getParamDecl(0)->getType(), Arg, /*Convert=*/false))
        return true;
    }
  }
  return false;
}

bool isErrorCodeParam(const ParmVarDecl *P) {
  QualType T = P->getType();
  if (!T->isLValueReferenceType() || T.getNonReferenceType().isConstQualified())
    return false;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == "error_code";
}

/// The superset rule: the twin takes the parameters of the synchronous
/// function (before a trailing error_code&, which the asynchronous form
/// reports through its completion), in order, and any parameters it adds
/// before its completion token have defaults.
bool coversParameters(const FunctionDecl *Twin, const FunctionDecl *Sync,
                      bool TakesCompletion) {
  unsigned NumSync = Sync->getNumParams();
  if (NumSync > 0 && isErrorCodeParam(Sync->getParamDecl(NumSync - 1)))
    --NumSync;
  unsigned NumTwin = Twin->getNumParams() - (TakesCompletion ? 1 : 0);
  bool TwinVariadic =
      NumTwin > 0 && Twin->getParamDecl(NumTwin - 1)->isParameterPack();
  if (NumSync > NumTwin && !TwinVariadic)
    return false;
  for (unsigned I = 0; I < NumTwin; ++I) {
    const ParmVarDecl *Param = Twin->getParamDecl(I);
    if (Param->isParameterPack())
      return true;
    if (I >= NumSync) {
      if (!Param->hasDefaultArg())
        return false;
      continue;
    }
    const ParmVarDecl *SyncParam = Sync->getParamDecl(I);
    if (SyncParam->isParameterPack())
      return true;
    if (!accepts(Param->getType(), SyncParam->getType()))
      return false;
  }
  return true;
}

const FunctionDecl *asFunction(const NamedDecl *D) {
  if (const auto *Using = dyn_cast<UsingShadowDecl>(D))
    D = Using->getTargetDecl();
  if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
    return Template->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(D);
}

/// The classes whose members a call on RD can reach: RD and its bases.
void collectClasses(const CXXRecordDecl *RD,
                    llvm::SmallVectorImpl<const CXXRecordDecl *> &Out,
                    llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Seen) {
  if (!RD || Out.size() > 32)
    return;
  RD = RD->getDefinition();
  if (!RD || !Seen.insert(RD).second)
    return;
  Out.push_back(RD);
  for (const CXXBaseSpecifier &Base : RD->bases())
    collectClasses(Base.getType()->getAsCXXRecordDecl(), Out, Seen);
}

std::string sourceText(SourceRange Range, const ASTContext &Ctx) {
  if (Range.isInvalid())
    return "";
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Chars = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Range), SM, Ctx.getLangOpts());
  if (Chars.isInvalid())
    return "";
  return Lexer::getSourceText(Chars, SM, Ctx.getLangOpts()).str();
}

/// The namespace Asio's tokens are spelt in for a coroutine returning
/// (boost::)asio::awaitable, or "" for other coroutine types.
std::string asioNamespaceOf(const FunctionDecl *Coroutine) {
  const CXXRecordDecl *RD = Coroutine->getReturnType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || RD->getName() != "awaitable")
    return "";
  if (matchesQualifiedName(RD, "::boost::asio::awaitable"))
    return "boost::asio::";
  if (matchesQualifiedName(RD, "::asio::awaitable"))
    return "asio::";
  return "";
}

/// The call to write instead: the same object or qualifier, the twin's
/// name, the same arguments and, for a completion token, one this coroutine
/// can await.
std::string replacementFor(const Expr *Call, const FunctionDecl *Twin,
                           const FunctionDecl *Sync,
                           ArrayRef<const Expr *> Args, const Expr *ErrorCode,
                           bool TakesCompletion, const FunctionDecl *Coroutine,
                           const ASTContext &Ctx) {
  std::string Callee;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    if (const auto *ME =
            dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens())) {
      if (!ME->isImplicitAccess()) {
        std::string Base = sourceText(ME->getBase()->getSourceRange(), Ctx);
        if (Base.empty())
          Base = "object";
        Callee = Base + (ME->isArrow() ? "->" : ".");
      }
    }
  } else if (const auto *Plain = dyn_cast<CallExpr>(Call)) {
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Plain->getCallee()->IgnoreParenImpCasts()))
      Callee = sourceText(Ref->getQualifierLoc().getSourceRange(), Ctx);
  }
  Callee += Twin->getNameAsString();
  std::string Text = Callee + "(";
  bool First = true;
  for (const Expr *Arg : Args) {
    std::string ArgText = sourceText(Arg->getSourceRange(), Ctx);
    Text += (First ? "" : ", ") + (ArgText.empty() ? "..." : ArgText);
    First = false;
  }
  // The synchronous form's default arguments, where the twin has none.
  unsigned NumTwin = Twin->getNumParams() - (TakesCompletion ? 1 : 0);
  for (unsigned I = Args.size(); I < NumTwin && I < Sync->getNumParams(); ++I) {
    const ParmVarDecl *SyncParam = Sync->getParamDecl(I);
    if (Twin->getParamDecl(I)->hasDefaultArg() || !SyncParam->hasDefaultArg() ||
        SyncParam->hasUnparsedDefaultArg() ||
        SyncParam->hasUninstantiatedDefaultArg())
      break;
    std::string Default = sourceText(SyncParam->getDefaultArgRange(), Ctx);
    Text += (First ? "" : ", ") + (Default.empty() ? "..." : Default);
    First = false;
  }
  if (!TakesCompletion)
    return "co_await " + Text + ")";
  const ParmVarDecl *Last = Twin->getParamDecl(Twin->getNumParams() - 1);
  if (isCallbackType(Last->getType()))
    return Text + (First ? "" : ", ") +
           "callback) and resume the coroutine from the callback";
  std::string Asio = asioNamespaceOf(Coroutine);
  std::string Token;
  if (Asio.empty())
    Token = "<a completion token this coroutine type can await>";
  else if (ErrorCode)
    Token = Asio + "redirect_error(" + Asio + "use_awaitable, " +
            sourceText(ErrorCode->getSourceRange(), Ctx) + ")";
  else
    Token = Asio + "use_awaitable";
  return "co_await " + Text + (First ? "" : ", ") + Token + ")";
}

} // namespace

llvm::SmallVector<std::string, 4> asyncTwinNames(StringRef Name) {
  llvm::SmallVector<std::string, 4> Names;
  if (Name.empty())
    return Names;
  Names.push_back("async_" + Name.str());
  Names.push_back(Name.str() + "_async");
  Names.push_back(Name.str() + "Async");
  std::string Upper = Name.str();
  Upper[0] = toUppercase(Upper[0]);
  Names.push_back("Async" + Upper);
  return Names;
}

std::optional<SyncTwin> findAsyncTwin(const CallSite &Call,
                                      const Expr *CallExpr,
                                      const FunctionDecl *Coroutine,
                                      const ASTContext &Ctx) {
  const FunctionDecl *Callee = Call.Callee;
  if (!Callee || !Callee->getIdentifier() || isa<CXXConstructorDecl>(Callee))
    return std::nullopt;
  StringRef Name = Callee->getName();
  // The call is already the asynchronous form, or returns something to
  // await, or is a coroutine.
  if (hasAsyncName(Name) || returnsAwaitable(Callee, Ctx) ||
      (Callee->getNumParams() > 0 &&
       isCompletionParam(Callee->getParamDecl(Callee->getNumParams() - 1))) ||
      (Callee->getDefinition() && isCoroutine(Callee->getDefinition())))
    return std::nullopt;
  if (Callee->isInStdNamespace())
    return std::nullopt;
  llvm::SmallVector<std::string, 4> Names = asyncTwinNames(Name);
  // The coroutine is the asynchronous form this call is the synchronous
  // twin of (an async_read implemented with read on a worker).
  if (Coroutine->getIdentifier() && (Coroutine->getName() == Name ||
                                     is_contained(Names, Coroutine->getName())))
    return std::nullopt;

  // Where the twin may be declared.
  llvm::SmallVector<const DeclContext *, 4> Scopes;
  bool InClass = false;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
    InClass = true;
    const CXXRecordDecl *Object = nullptr;
    if (Call.Object) {
      QualType T = Call.Object->IgnoreParenImpCasts()->getType();
      if (T->isPointerType())
        T = T->getPointeeType();
      Object = T.getNonReferenceType()->getAsCXXRecordDecl();
    }
    llvm::SmallVector<const CXXRecordDecl *, 8> Classes;
    llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
    collectClasses(Object ? Object : Method->getParent(), Classes, Seen);
    if (Object)
      collectClasses(Method->getParent(), Classes, Seen);
    for (const CXXRecordDecl *RD : Classes)
      Scopes.push_back(RD);
  } else {
    const DeclContext *DC = Callee->getDeclContext()->getRedeclContext();
    if (!DC->isNamespace() && !DC->isTranslationUnit())
      return std::nullopt;
    Scopes.push_back(DC->getPrimaryContext());
  }

  // The arguments the asynchronous form must accept: a trailing error_code
  // is how the synchronous form reports errors, which the asynchronous one
  // hands to its completion instead.
  llvm::SmallVector<const Expr *, 4> Args(Call.Args.begin(), Call.Args.end());
  const Expr *ErrorCode = nullptr;
  if (!Args.empty() && isErrorCode(Args.back())) {
    ErrorCode = Args.back();
    Args.pop_back();
  }

  for (const std::string &TwinName : Names) {
    DeclarationName Key(&Ctx.Idents.get(TwinName));
    for (const DeclContext *Scope : Scopes) {
      for (const NamedDecl *Found : Scope->lookup(Key)) {
        const FunctionDecl *Twin = asFunction(Found);
        if (!Twin || Twin == Callee)
          continue;
        if (InClass && Found->getAccess() != AS_public)
          continue;
        bool TakesCompletion =
            Twin->getNumParams() > 0 &&
            isCompletionParam(Twin->getParamDecl(Twin->getNumParams() - 1));
        if (!TakesCompletion && !returnsAwaitable(Twin, Ctx))
          continue;
        if (!coversParameters(Twin, Callee, TakesCompletion))
          continue;
        SyncTwin Result;
        Result.Twin = Twin;
        Result.TakesCompletion = TakesCompletion;
        Result.Replacement =
            replacementFor(CallExpr, Twin, Callee, Args, ErrorCode,
                           TakesCompletion, Coroutine, Ctx);
        return Result;
      }
    }
  }
  return std::nullopt;
}

} // namespace clang::tidy::async::utils
