//===--- ConstraintEvaluator.cpp - async-lint -----------------------------===//

#include "utils/ConstraintEvaluator.h"
#include "utils/AwaitableUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

namespace {

/// Deep enough for real concept hierarchies (std::execution's sender is
/// about six levels), shallow enough to stop on recursive traits.
constexpr unsigned MaxDepth = 24;

Truth fromBool(bool B) { return B ? Truth::True : Truth::False; }

Truth conjunction(Truth A, Truth B) {
  if (A == Truth::False || B == Truth::False)
    return Truth::False;
  if (A == Truth::Unknown || B == Truth::Unknown)
    return Truth::Unknown;
  return Truth::True;
}

Truth disjunction(Truth A, Truth B) {
  if (A == Truth::True || B == Truth::True)
    return Truth::True;
  if (A == Truth::Unknown || B == Truth::Unknown)
    return Truth::Unknown;
  return Truth::False;
}

Truth negation(Truth A) {
  if (A == Truth::Unknown)
    return A;
  return A == Truth::True ? Truth::False : Truth::True;
}

bool isStd(const NamedDecl *D, StringRef Name) {
  return matchesQualifiedName(D, ("::std::" + Name).str());
}

/// enable_if-style templates: naming their nested `type` (or the alias for
/// it) is well-formed exactly when their first argument is true.
bool isEnableIfLike(const NamedDecl *D) {
  if (!D || !D->getIdentifier())
    return false;
  return llvm::is_contained({"enable_if", "enable_if_t", "enable_if_c",
                             "constraint", "constraint_t", "__enable_if_t"},
                            D->getName());
}

/// The first template argument of a written enable_if<Cond, ...>.
const Expr *enableIfCondition(const TemplateSpecializationType *TST) {
  if (!TST || TST->template_arguments().empty())
    return nullptr;
  const TemplateArgument &Arg = TST->template_arguments()[0];
  return Arg.getKind() == TemplateArgument::Expression ? Arg.getAsExpr()
                                                       : nullptr;
}

/// Template arguments with packs expanded.
void flatten(ArrayRef<TemplateArgument> Args,
             llvm::SmallVectorImpl<TemplateArgument> &Out) {
  for (const TemplateArgument &Arg : Args) {
    if (Arg.getKind() == TemplateArgument::Pack)
      flatten(Arg.pack_elements(), Out);
    else
      Out.push_back(Arg);
  }
}

bool sameArgument(const TemplateArgument &A, const TemplateArgument &B,
                  const ASTContext &Ctx) {
  if (A.getKind() == TemplateArgument::Type &&
      B.getKind() == TemplateArgument::Type)
    return Ctx.hasSameType(A.getAsType(), B.getAsType());
  if (A.getKind() == TemplateArgument::Integral &&
      B.getKind() == TemplateArgument::Integral)
    return llvm::APSInt::isSameValue(A.getAsIntegral(), B.getAsIntegral());
  return false;
}

/// The specialization of Template with exactly these arguments, if the
/// translation unit instantiated (or explicitly specialized) it.
const ClassTemplateSpecializationDecl *
findSpecialization(const ClassTemplateDecl *Template,
                   ArrayRef<TemplateArgument> Written, const ASTContext &Ctx) {
  // Arguments left out take the parameters' (non-dependent) defaults, as in
  // `trait<T>` for `template <class T, class = void> struct trait`.
  llvm::SmallVector<TemplateArgument, 4> Args(Written.begin(), Written.end());
  const TemplateParameterList *Params = Template->getTemplateParameters();
  for (unsigned I = Args.size(); I < Params->size(); ++I) {
    const auto *Type = dyn_cast<TemplateTypeParmDecl>(Params->getParam(I));
    if (!Type || Type->isParameterPack() || !Type->hasDefaultArgument())
      break;
    QualType Default = Type->getDefaultArgument().getArgument().getAsType();
    if (Default.isNull() || Default->isDependentType())
      return nullptr;
    Args.push_back(TemplateArgument(Default));
  }
  for (const ClassTemplateSpecializationDecl *Spec :
       Template->getCanonicalDecl()->specializations()) {
    llvm::SmallVector<TemplateArgument, 4> Have;
    flatten(Spec->getTemplateArgs().asArray(), Have);
    if (Have.size() != Args.size())
      continue;
    bool Same = true;
    for (unsigned I = 0; I < Args.size() && Same; ++I)
      Same = sameArgument(Have[I], Args[I], Ctx);
    if (Same)
      return Spec;
  }
  return nullptr;
}

/// The boolean a complete trait specialization holds in `value`.
std::optional<bool> traitValue(const CXXRecordDecl *Spec,
                               const ASTContext &Ctx) {
  if (!Spec || !Spec->hasDefinition())
    return std::nullopt;
  // Only members of the definition itself and of non-dependent bases: a
  // dependent base of a primary template is not known here.
  const CXXRecordDecl *Def = Spec->getDefinition();
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (Base.getType()->isDependentType())
      return std::nullopt;
  const auto *Value = dyn_cast_or_null<VarDecl>(findMember(Def, "value"));
  if (!Value || Value->getType()->isDependentType())
    return std::nullopt;
  const Expr *Init = Value->getAnyInitializer();
  bool Result = false;
  if (Init && !Init->isValueDependent() &&
      Init->EvaluateAsBooleanCondition(Result, Ctx))
    return Result;
  return std::nullopt;
}

/// The value every specialization of Trait that is not explicitly
/// specialized has: the primary template's, when it does not depend on the
/// arguments and no partial specialization could apply instead.
std::optional<bool> primaryValue(const ClassTemplateDecl *Trait) {
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 2> Partials;
  const_cast<ClassTemplateDecl *>(Trait)->getPartialSpecializations(Partials);
  if (!Partials.empty())
    return std::nullopt;
  const CXXRecordDecl *Primary = Trait->getTemplatedDecl()->getDefinition();
  if (!Primary)
    return std::nullopt;
  return traitValue(Primary, Trait->getASTContext());
}

/// Whether values of type T can be move-constructed, as far as the declared
/// special members tell; std::nullopt when they do not.
std::optional<bool> isMoveConstructible(QualType T) {
  T = T.getNonReferenceType();
  if (T->isScalarType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return std::nullopt;
  RD = RD->getDefinition();
  bool Declared = false;
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    if (!Ctor->isCopyOrMoveConstructor())
      continue;
    Declared = true;
    if (!Ctor->isDeleted())
      return true;
  }
  if (Declared)
    return false;
  return !(RD->defaultedCopyConstructorIsDeleted() &&
           RD->defaultedMoveConstructorIsDeleted());
}

std::optional<bool> isSameOrDerived(QualType Derived, QualType Base,
                                    const ASTContext &Ctx) {
  if (Ctx.hasSameUnqualifiedType(Derived, Base))
    return true;
  const CXXRecordDecl *D = Derived->getAsCXXRecordDecl();
  const CXXRecordDecl *B = Base->getAsCXXRecordDecl();
  if (!D || !B)
    return Derived->isDependentType() || Base->isDependentType()
               ? std::nullopt
               : std::optional<bool>(false);
  if (!D->hasDefinition())
    return std::nullopt;
  return D->getDefinition()->isDerivedFrom(B);
}

/// The type std::remove_cvref/decay/remove_reference/remove_cv would give,
/// for the templates named so; null for other templates.
QualType standardTransform(const NamedDecl *Template, QualType Arg) {
  StringRef Name = Template->getName();
  Name.consume_back("_t");
  if (!Template->getDeclContext()->getRedeclContext()->isStdNamespace())
    return {};
  if (Name == "remove_reference")
    return Arg.getNonReferenceType();
  if (Name == "remove_cv")
    return Arg.getUnqualifiedType();
  if (Name == "remove_cvref" ||
      (Name == "decay" && !Arg.getNonReferenceType()->isArrayType() &&
       !Arg.getNonReferenceType()->isFunctionType()))
    return Arg.getNonReferenceType().getUnqualifiedType();
  return {};
}

} // namespace

void ConstraintEvaluator::noteAdmittedBy(const NamedDecl *D) {
  if (Rules.wordingFor(D))
    AdmittedBy = D;
}

bool ConstraintEvaluator::substituteArguments(
    ArrayRef<TemplateArgument> Written, const Bindings &B, unsigned Depth,
    llvm::SmallVectorImpl<TemplateArgument> &Out) {
  for (const TemplateArgument &Arg : Written) {
    switch (Arg.getKind()) {
    case TemplateArgument::Type: {
      Subst S = substitute(Arg.getAsType(), B, Depth);
      if (S.Status != SubstStatus::Ok)
        return false;
      Out.push_back(TemplateArgument(Ctx.getCanonicalType(S.Type)));
      break;
    }
    case TemplateArgument::Integral:
      Out.push_back(Arg);
      break;
    case TemplateArgument::Expression: {
      const Expr *E = Arg.getAsExpr();
      if (E->isValueDependent())
        return false;
      Expr::EvalResult Result;
      if (!E->EvaluateAsInt(Result, Ctx))
        return false;
      Out.push_back(TemplateArgument(Ctx, Result.Val.getInt(), E->getType()));
      break;
    }
    case TemplateArgument::Pack: {
      if (!substituteArguments(Arg.pack_elements(), B, Depth, Out))
        return false;
      break;
    }
    default:
      return false;
    }
  }
  return true;
}

ConstraintEvaluator::Subst
ConstraintEvaluator::substitute(QualType T, const Bindings &B, unsigned Depth) {
  auto Ok = [](QualType R) { return Subst{SubstStatus::Ok, R}; };
  const Subst Unknown{SubstStatus::Unknown, {}};
  if (T.isNull() || Depth > MaxDepth)
    return Unknown;
  if (!T->isDependentType() && !T->isInstantiationDependentType())
    return Ok(T);
  Qualifiers Quals = T.getLocalQualifiers();
  if (!Quals.empty()) {
    Subst Inner = substitute(T.getLocalUnqualifiedType(), B, Depth);
    if (Inner.Status != SubstStatus::Ok)
      return Inner;
    return Ok(Ctx.getQualifiedType(Inner.Type, Quals));
  }
  const Type *Ty = T.getTypePtr();
  if (const auto *Parm = dyn_cast<TemplateTypeParmType>(Ty)) {
    if (Parm->isParameterPack())
      return Unknown;
    // The constraints of a member template of an instantiated class keep
    // the depth they had in the class template, while its parameters were
    // renumbered from the outermost level: look at shallower levels too.
    for (unsigned Level = Parm->getDepth() + 1; Level-- > 0;)
      if (auto It = B.find({Level, Parm->getIndex()}); It != B.end())
        return Ok(It->second);
    return Unknown;
  }
  if (const auto *Subst = dyn_cast<SubstTemplateTypeParmType>(Ty))
    return substitute(Subst->getReplacementType(), B, Depth);
  if (const auto *Elaborated = dyn_cast<ElaboratedType>(Ty))
    return substitute(Elaborated->getNamedType(), B, Depth);
  if (const auto *Paren = dyn_cast<ParenType>(Ty))
    return substitute(Paren->getInnerType(), B, Depth);
  if (const auto *Ref = dyn_cast<ReferenceType>(Ty)) {
    Subst Pointee = substitute(Ref->getPointeeTypeAsWritten(), B, Depth);
    if (Pointee.Status != SubstStatus::Ok)
      return Pointee;
    // Reference collapsing: T& && is T&, T&& & is T&.
    if (Pointee.Type->isLValueReferenceType())
      return Ok(Pointee.Type);
    if (isa<LValueReferenceType>(Ref))
      return Ok(Ctx.getLValueReferenceType(Pointee.Type.getNonReferenceType()));
    if (Pointee.Type->isRValueReferenceType())
      return Ok(Pointee.Type);
    return Ok(Ctx.getRValueReferenceType(Pointee.Type));
  }
  if (const auto *Pointer = dyn_cast<PointerType>(Ty)) {
    Subst Pointee = substitute(Pointer->getPointeeType(), B, Depth);
    if (Pointee.Status != SubstStatus::Ok)
      return Pointee;
    if (Pointee.Type->isReferenceType())
      return {SubstStatus::Failed, {}};
    return Ok(Ctx.getPointerType(Pointee.Type));
  }
  if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty)) {
    const TemplateDecl *Template = TST->getTemplateName().getAsTemplateDecl();
    if (!Template)
      return Unknown;
    llvm::SmallVector<TemplateArgument, 4> Args;
    if (!substituteArguments(TST->template_arguments(), B, Depth, Args))
      return Unknown;
    if (const auto *Alias = dyn_cast<TypeAliasTemplateDecl>(Template)) {
      if (Args.size() == 1 && Args[0].getKind() == TemplateArgument::Type)
        if (QualType R = standardTransform(Alias, Args[0].getAsType());
            !R.isNull())
          return Ok(R);
      if (isEnableIfLike(Alias))
        return Unknown;
      const TemplateParameterList *Params = Alias->getTemplateParameters();
      if (Params->size() != Args.size() || Params->hasParameterPack())
        return Unknown;
      Bindings Inner;
      for (unsigned I = 0; I < Args.size(); ++I)
        if (Args[I].getKind() == TemplateArgument::Type)
          Inner[{Params->getDepth(), I}] = Args[I].getAsType();
      return substitute(Alias->getTemplatedDecl()->getUnderlyingType(), Inner,
                        Depth + 1);
    }
    if (const auto *Class = dyn_cast<ClassTemplateDecl>(Template))
      if (const ClassTemplateSpecializationDecl *Spec =
              findSpecialization(Class, Args, Ctx))
        return Ok(Ctx.getTypeDeclType(Spec));
    return Unknown;
  }
  if (const auto *Dependent = dyn_cast<DependentNameType>(Ty)) {
    const NestedNameSpecifier *Qualifier = Dependent->getQualifier();
    const Type *QualifierType = Qualifier ? Qualifier->getAsType() : nullptr;
    if (!QualifierType)
      return Unknown;
    StringRef Member = Dependent->getIdentifier()->getName();
    // typename std::remove_cvref<T>::type and friends.
    if (const auto *TST = QualifierType->getAs<TemplateSpecializationType>())
      if (const TemplateDecl *Template =
              TST->getTemplateName().getAsTemplateDecl();
          Template && Member == "type" &&
          TST->template_arguments().size() == 1) {
        llvm::SmallVector<TemplateArgument, 1> Args;
        if (substituteArguments(TST->template_arguments(), B, Depth, Args) &&
            Args[0].getKind() == TemplateArgument::Type)
          if (QualType R = standardTransform(Template, Args[0].getAsType());
              !R.isNull())
            return Ok(R);
      }
    Subst Scope = substitute(QualType(QualifierType, 0), B, Depth);
    if (Scope.Status != SubstStatus::Ok)
      return Scope;
    const CXXRecordDecl *RD = Scope.Type->getAsCXXRecordDecl();
    if (!RD)
      return {SubstStatus::Failed, {}};
    if (!RD->hasDefinition())
      return Unknown;
    const NamedDecl *Found = findMember(RD->getDefinition(), Member);
    if (!Found)
      return {SubstStatus::Failed, {}};
    if (const auto *Typedef = dyn_cast<TypedefNameDecl>(Found))
      return Typedef->getUnderlyingType()->isDependentType()
                 ? Unknown
                 : Ok(Typedef->getUnderlyingType());
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(Found))
      return Ok(Ctx.getTypeDeclType(Nested));
    return Unknown;
  }
  return Unknown;
}

Truth ConstraintEvaluator::survivesSubstitution(QualType T, const Bindings &B,
                                                unsigned Depth) {
  if (T.isNull())
    return Truth::True;
  while (true) {
    QualType Next = T.getNonReferenceType();
    if (const auto *Pointer = Next->getAs<PointerType>())
      Next = Pointer->getPointeeType();
    Next = Next.getUnqualifiedType();
    if (Next == T)
      break;
    T = Next;
  }
  if (!T->isDependentType() || T->getContainedDeducedType() ||
      isa<TemplateTypeParmType>(T.getCanonicalType()))
    return Truth::True;
  if (const auto *Elaborated = T->getAs<ElaboratedType>())
    T = Elaborated->getNamedType();
  // enable_if_t<Cond> / constraint_t<Cond>.
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    const TemplateDecl *Template = TST->getTemplateName().getAsTemplateDecl();
    if (isEnableIfLike(Template))
      if (const Expr *Cond = enableIfCondition(TST))
        return evaluate(Cond, B, Depth);
    // Naming a class template specialization does not instantiate it.
    if (isa_and_nonnull<ClassTemplateDecl>(Template))
      return Truth::True;
  }
  // typename enable_if<Cond>::type.
  if (const auto *Dependent = T->getAs<DependentNameType>())
    if (const NestedNameSpecifier *Qualifier = Dependent->getQualifier())
      if (const Type *Scope = Qualifier->getAsType())
        if (const auto *TST = Scope->getAs<TemplateSpecializationType>())
          if (isEnableIfLike(TST->getTemplateName().getAsTemplateDecl()))
            if (const Expr *Cond = enableIfCondition(TST))
              return evaluate(Cond, B, Depth);
  switch (substitute(T, B, Depth).Status) {
  case SubstStatus::Ok:
    return Truth::True;
  case SubstStatus::Failed:
    return Truth::False;
  case SubstStatus::Unknown:
    return Truth::Unknown;
  }
  return Truth::Unknown;
}

Truth ConstraintEvaluator::evaluate(const Expr *E, const Bindings &B,
                                    unsigned Depth) {
  if (!E || Depth > MaxDepth)
    return Truth::Unknown;
  if (!E->isValueDependent() && !E->isInstantiationDependent()) {
    bool Result = false;
    if (E->EvaluateAsBooleanCondition(Result, Ctx))
      return fromBool(Result);
    return Truth::Unknown;
  }
  E = E->IgnoreParens();
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return evaluate(Cast->getSubExpr(), B, Depth);
  if (const auto *Construct = dyn_cast<CXXUnresolvedConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getTypeAsWritten()->isBooleanType())
    return evaluate(Construct->getArg(0), B, Depth);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_LNot)
    return negation(evaluate(Unary->getSubExpr(), B, Depth));
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->getOpcode() == BO_LAnd) {
      Truth L = evaluate(Binary->getLHS(), B, Depth);
      if (L == Truth::False)
        return L;
      return conjunction(L, evaluate(Binary->getRHS(), B, Depth));
    }
    if (Binary->getOpcode() == BO_LOr) {
      Truth L = evaluate(Binary->getLHS(), B, Depth);
      if (L == Truth::True)
        return L;
      return disjunction(L, evaluate(Binary->getRHS(), B, Depth));
    }
    return Truth::Unknown;
  }
  if (const auto *Concept = dyn_cast<ConceptSpecializationExpr>(E)) {
    llvm::SmallVector<TemplateArgument, 4> Args;
    if (!substituteArguments(Concept->getTemplateArguments(), B, Depth, Args))
      return Truth::Unknown;
    return evaluateConcept(Concept->getNamedConcept(), Args, Depth + 1);
  }
  if (const auto *Ref = dyn_cast<DependentScopeDeclRefExpr>(E)) {
    // Trait<Args>::value.
    if (!Ref->getDeclName().getAsIdentifierInfo() ||
        Ref->getDeclName().getAsIdentifierInfo()->getName() != "value")
      return Truth::Unknown;
    const Type *Scope = Ref->getQualifier()->getAsType();
    const auto *TST =
        Scope ? Scope->getAs<TemplateSpecializationType>() : nullptr;
    const auto *Trait = TST ? dyn_cast_or_null<ClassTemplateDecl>(
                                  TST->getTemplateName().getAsTemplateDecl())
                            : nullptr;
    llvm::SmallVector<TemplateArgument, 4> Args;
    if (!Trait ||
        !substituteArguments(TST->template_arguments(), B, Depth, Args))
      return Truth::Unknown;
    return evaluateTrait(Trait, Args, Depth + 1);
  }
  if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(E)) {
    // trait_v<Args>.
    if (!Lookup->hasExplicitTemplateArgs() || Lookup->getNumDecls() != 1)
      return Truth::Unknown;
    const auto *Var = dyn_cast<VarTemplateDecl>(*Lookup->decls_begin());
    llvm::SmallVector<TemplateArgument, 4> Written, Args;
    for (const TemplateArgumentLoc &Loc : Lookup->template_arguments())
      Written.push_back(Loc.getArgument());
    if (!Var || !substituteArguments(Written, B, Depth, Args))
      return Truth::Unknown;
    return evaluateVariableTemplate(Var, Args, Depth + 1);
  }
  if (const auto *Trait = dyn_cast<TypeTraitExpr>(E)) {
    if (Trait->getNumArgs() != 2)
      return Truth::Unknown;
    Subst A = substitute(Trait->getArg(0)->getType(), B, Depth);
    Subst C = substitute(Trait->getArg(1)->getType(), B, Depth);
    if (A.Status != SubstStatus::Ok || C.Status != SubstStatus::Ok)
      return Truth::Unknown;
    if (Trait->getTrait() == BTT_IsSame)
      return fromBool(Ctx.hasSameType(A.Type, C.Type));
    if (Trait->getTrait() == BTT_IsBaseOf)
      if (std::optional<bool> R = isSameOrDerived(C.Type, A.Type, Ctx))
        return fromBool(*R && A.Type->isRecordType());
    return Truth::Unknown;
  }
  if (const auto *Requires = dyn_cast<RequiresExpr>(E)) {
    Truth Result = Truth::True;
    for (const concepts::Requirement *Req : Requires->getRequirements()) {
      Truth This = Truth::Unknown;
      if (const auto *TypeReq = dyn_cast<concepts::TypeRequirement>(Req)) {
        if (!TypeReq->isSubstitutionFailure())
          switch (substitute(TypeReq->getType()->getType(), B, Depth).Status) {
          case SubstStatus::Ok:
            This = Truth::True;
            break;
          case SubstStatus::Failed:
            This = Truth::False;
            break;
          case SubstStatus::Unknown:
            break;
          }
      } else if (const auto *Nested =
                     dyn_cast<concepts::NestedRequirement>(Req)) {
        if (!Nested->hasInvalidConstraint())
          This = evaluate(Nested->getConstraintExpr(), B, Depth);
      }
      Result = conjunction(Result, This);
      if (Result == Truth::False)
        return Result;
    }
    return Result;
  }
  if (const auto *Subst = dyn_cast<SubstNonTypeTemplateParmExpr>(E))
    return evaluate(Subst->getReplacement(), B, Depth);
  return Truth::Unknown;
}

Truth ConstraintEvaluator::evaluateConcept(const ConceptDecl *Concept,
                                           ArrayRef<TemplateArgument> Args,
                                           unsigned Depth) {
  if (!Concept || Depth > MaxDepth)
    return Truth::Unknown;
  auto TypeAt = [&](unsigned I) {
    return I < Args.size() && Args[I].getKind() == TemplateArgument::Type
               ? Args[I].getAsType()
               : QualType();
  };
  Truth Result = Truth::Unknown;
  // The standard library's concepts whose meaning the AST holds directly.
  if (isStd(Concept, "derived_from") || isStd(Concept, "same_as") ||
      isStd(Concept, "convertible_to")) {
    QualType A = TypeAt(0), C = TypeAt(1);
    if (A.isNull() || C.isNull())
      return Truth::Unknown;
    if (isStd(Concept, "same_as"))
      Result = fromBool(Ctx.hasSameType(A, C));
    else if (std::optional<bool> R = isSameOrDerived(A, C, Ctx))
      Result =
          *R || isStd(Concept, "derived_from") ? fromBool(*R) : Truth::Unknown;
  } else if (isStd(Concept, "move_constructible") ||
             isStd(Concept, "copy_constructible") ||
             isStd(Concept, "movable") || isStd(Concept, "copyable") ||
             (isStd(Concept, "constructible_from") && Args.size() == 2 &&
              !TypeAt(1).isNull() &&
              Ctx.hasSameUnqualifiedType(TypeAt(0),
                                         TypeAt(1).getNonReferenceType()))) {
    if (QualType A = TypeAt(0); !A.isNull())
      if (std::optional<bool> R = isMoveConstructible(A))
        Result = fromBool(*R);
  } else if (isStd(Concept, "destructible")) {
    Result = Truth::True;
  } else {
    const TemplateParameterList *Params = Concept->getTemplateParameters();
    if (Params->size() != Args.size() || Params->hasParameterPack())
      return Truth::Unknown;
    Bindings Inner;
    for (unsigned I = 0; I < Args.size(); ++I)
      if (Args[I].getKind() == TemplateArgument::Type)
        Inner[{Params->getDepth(), I}] = Args[I].getAsType();
    Result = evaluate(Concept->getConstraintExpr(), Inner, Depth);
  }
  if (Result == Truth::True)
    noteAdmittedBy(Concept);
  return Result;
}

Truth ConstraintEvaluator::evaluateTrait(const ClassTemplateDecl *Trait,
                                         ArrayRef<TemplateArgument> Args,
                                         unsigned Depth) {
  if (Depth > MaxDepth || Args.empty())
    return Truth::Unknown;
  QualType First = Args[0].getKind() == TemplateArgument::Type
                       ? Args[0].getAsType()
                       : QualType();
  Truth Result = Truth::Unknown;
  if ((isStd(Trait, "is_same") || isStd(Trait, "is_base_of")) &&
      Args.size() == 2 && Args[1].getKind() == TemplateArgument::Type &&
      !First.isNull()) {
    QualType Second = Args[1].getAsType();
    if (isStd(Trait, "is_same"))
      Result = fromBool(Ctx.hasSameType(First, Second));
    else if (std::optional<bool> R = isSameOrDerived(Second, First, Ctx))
      Result = fromBool(*R && First->isRecordType());
  } else if (std::optional<bool> Value =
                 traitValue(findSpecialization(Trait, Args, Ctx), Ctx)) {
    // The compiler's own answer, where the TU instantiated the trait.
    Result = fromBool(*Value);
  } else if (std::optional<bool> Value = primaryValue(Trait)) {
    Result = fromBool(*Value);
  } else if (!First.isNull()) {
    if (const CXXRecordDecl *RD =
            First.getNonReferenceType()->getAsCXXRecordDecl())
      if (Rules.traitHoldsFor(Trait, RD))
        Result = Truth::True;
  }
  if (Result == Truth::True)
    noteAdmittedBy(Trait);
  return Result;
}

Truth ConstraintEvaluator::evaluateVariableTemplate(
    const VarTemplateDecl *Var, ArrayRef<TemplateArgument> Args,
    unsigned Depth) {
  if (Depth > MaxDepth)
    return Truth::Unknown;
  const TemplateParameterList *Params = Var->getTemplateParameters();
  const Expr *Init = Var->getTemplatedDecl()->getInit();
  if (!Init || Params->size() != Args.size() || Params->hasParameterPack())
    return Truth::Unknown;
  Bindings Inner;
  for (unsigned I = 0; I < Args.size(); ++I)
    if (Args[I].getKind() == TemplateArgument::Type)
      Inner[{Params->getDepth(), I}] = Args[I].getAsType();
  Truth Result = evaluate(Init, Inner, Depth);
  if (Result == Truth::True)
    noteAdmittedBy(Var);
  return Result;
}

CandidateVerdict ConstraintEvaluator::judgeCandidate(
    const NamedDecl *Candidate, QualType Arg,
    llvm::function_ref<bool(QualType)> ResultIsAwaitable) {
  CandidateVerdict Verdict;
  AdmittedBy = nullptr;
  if (const auto *Using = dyn_cast<UsingShadowDecl>(Candidate))
    Candidate = Using->getTargetDecl();
  const auto *Template = dyn_cast<FunctionTemplateDecl>(Candidate);
  const FunctionDecl *FD = Template ? Template->getTemplatedDecl()
                                    : dyn_cast<FunctionDecl>(Candidate);
  if (!FD || FD->getNumParams() == 0 || FD->isDeleted()) {
    Verdict.Viable = Truth::False;
    return Verdict;
  }
  const CXXRecordDecl *ArgClass = Arg->getAsCXXRecordDecl();
  Bindings B;
  QualType Param = FD->getParamDecl(0)->getType();
  QualType ParamValue = Param.getNonReferenceType().getUnqualifiedType();
  bool Deduced = false;
  // Takes any type (`T`, `T &&`): it may pass the value through.
  bool BareParameter = false;
  bool Constrained = false;
  Truth Viable = Truth::True;
  if (const auto *Parm = ParamValue->getAs<TemplateTypeParmType>()) {
    if (Parm->isParameterPack())
      return Verdict;
    B[{Parm->getDepth(), Parm->getIndex()}] = Arg.getUnqualifiedType();
    Deduced = true;
    BareParameter = true;
  } else if (ParamValue->isDependentType()) {
    // A class template's specialization, as in awaitable<T, Executor>.
    const auto *TST = ParamValue->getAs<TemplateSpecializationType>();
    const auto *Wanted = TST ? dyn_cast_or_null<ClassTemplateDecl>(
                                   TST->getTemplateName().getAsTemplateDecl())
                             : nullptr;
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(ArgClass);
    if (!Wanted)
      return Verdict;
    if (!Spec || Spec->getSpecializedTemplate()->getCanonicalDecl() !=
                     Wanted->getCanonicalDecl()) {
      // Deduction could still match a base class of the argument.
      bool MaybeBase = ArgClass && ArgClass->hasDefinition() &&
                       ArgClass->getDefinition()->getNumBases() > 0;
      Verdict.Viable = MaybeBase ? Truth::Unknown : Truth::False;
      return Verdict;
    }
    ArrayRef<TemplateArgument> Written = TST->template_arguments();
    ArrayRef<TemplateArgument> Actual = Spec->getTemplateArgs().asArray();
    for (unsigned I = 0; I < Written.size() && I < Actual.size(); ++I)
      if (Written[I].getKind() == TemplateArgument::Type)
        if (const auto *P =
                Written[I].getAsType()->getAs<TemplateTypeParmType>();
            P && Actual[I].getKind() == TemplateArgument::Type)
          B[{P->getDepth(), P->getIndex()}] = Actual[I].getAsType();
    Deduced = true;
    Constrained = true;
  } else {
    // A concrete parameter type: the argument's class or a base of it. A
    // converting constructor or conversion function might also reach it.
    const CXXRecordDecl *P = ParamValue->getAsCXXRecordDecl();
    if (!P || !ArgClass || !ArgClass->hasDefinition()) {
      Verdict.Viable = Truth::Unknown;
      return Verdict;
    }
    if (std::optional<bool> Same = isSameOrDerived(
            QualType(ArgClass->getTypeForDecl(), 0), ParamValue, Ctx);
        !Same || !*Same) {
      const CXXRecordDecl *PDef = P->getDefinition();
      bool Converts =
          !ArgClass->getDefinition()->getVisibleConversionFunctions().empty();
      if (PDef)
        for (const CXXConstructorDecl *Ctor : PDef->ctors())
          if (!Ctor->isExplicit() && !Ctor->isCopyOrMoveConstructor() &&
              Ctor->getNumParams() >= 1)
            Converts = true;
      Verdict.Viable = Converts || !PDef ? Truth::Unknown : Truth::False;
      return Verdict;
    }
    Constrained = true;
  }
  // Every other parameter must have a default argument, whose type may carry
  // an enable_if.
  for (unsigned I = 1; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *Other = FD->getParamDecl(I);
    if (!Other->hasDefaultArg() && !Other->isParameterPack()) {
      Verdict.Viable = Truth::False;
      return Verdict;
    }
    if (Other->getType()->isDependentType())
      Constrained = true;
    Viable = conjunction(Viable, survivesSubstitution(Other->getType(), B, 0));
  }
  if (Template) {
    const TemplateParameterList *Params = Template->getTemplateParameters();
    for (unsigned I = 0; I < Params->size(); ++I) {
      const NamedDecl *P = Params->getParam(I);
      if (P->isParameterPack())
        continue;
      if (const auto *Type = dyn_cast<TemplateTypeParmDecl>(P)) {
        if (const TypeConstraint *TC = Type->getTypeConstraint()) {
          Constrained = true;
          Viable = conjunction(
              Viable, evaluate(TC->getImmediatelyDeclaredConstraint(), B, 0));
        }
        if (B.count({Type->getDepth(), Type->getIndex()}))
          continue;
        if (!Type->hasDefaultArgument()) {
          Viable = conjunction(Viable, Truth::Unknown);
          continue;
        }
        Constrained = true;
        QualType Default = Type->getDefaultArgument().getArgument().getAsType();
        Viable = conjunction(Viable, survivesSubstitution(Default, B, 0));
      } else if (const auto *NonType = dyn_cast<NonTypeTemplateParmDecl>(P)) {
        if (!NonType->hasDefaultArgument()) {
          Viable = conjunction(Viable, Truth::Unknown);
          continue;
        }
        Constrained = true;
        Viable =
            conjunction(Viable, survivesSubstitution(NonType->getType(), B, 0));
      } else {
        Viable = conjunction(Viable, Truth::Unknown);
      }
    }
    if (const Expr *Requires = Params->getRequiresClause()) {
      Constrained = true;
      Viable = conjunction(Viable, evaluate(Requires, B, 0));
    }
  }
  if (const Expr *Trailing = FD->getTrailingRequiresClause()) {
    Constrained = true;
    Viable = conjunction(Viable, evaluate(Trailing, B, 0));
  }
  if (Viable == Truth::True && Deduced) {
    // The result of the transformation is what gets awaited: a pass-through
    // returning the argument itself only helps if that is awaitable.
    // In a template, `auto` counts as deduced (to a dependent type): look for
    // the placeholder as written.
    QualType Result = FD->getReturnType();
    if (!Result->getContainedDeducedType()) {
      Subst R = substitute(Result, B, 0);
      if (R.Status == SubstStatus::Ok) {
        if (!ResultIsAwaitable(R.Type.getNonReferenceType()))
          Viable = Truth::False;
      } else {
        Truth Survives = survivesSubstitution(Result, B, 0);
        if (Survives != Truth::True)
          Viable = Survives;
      }
    } else if (BareParameter && (!Constrained || !AdmittedBy)) {
      // An `auto` result: what is awaited depends on the body. Trust the
      // constraints only when a known library constraint admitted the value
      // (a constraint such as `!sender<T>` admits everything else, and such
      // an overload passes values through).
      Verdict.Unconstrained = true;
    }
  }
  Verdict.Viable = Viable;
  Verdict.AdmittedBy = Viable == Truth::True ? AdmittedBy : nullptr;
  return Verdict;
}

} // namespace clang::tidy::async::utils
