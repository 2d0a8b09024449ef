//===--- ConstraintEvaluator.h - async-lint -------------------------------===//
//
// Answers "which overload of promise.await_transform(value) would the
// compiler pick, if any?" from the AST alone: template arguments are deduced
// from the value's type, and each candidate's C++20 constraints (requires-
// clauses, type-constraints, concepts) and enable_if-style SFINAE (default
// template and function arguments) are evaluated with those arguments bound.
// Nothing is instantiated: traits are read from specializations the
// translation unit already instantiated, or from AwaitableRules, and
// whatever cannot be decided stays unknown.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CONSTRAINTEVALUATOR_H
#define ASYNC_LINT_CHECKS_UTILS_CONSTRAINTEVALUATOR_H

#include "utils/AwaitableRules.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

/// Three-valued logic: a constraint we cannot evaluate is Unknown.
enum class Truth { False, True, Unknown };

/// One await_transform candidate, judged for one argument type.
struct CandidateVerdict {
  Truth Viable = Truth::Unknown;
  /// Viable, but returns `auto` and no known library constraint admitted
  /// the value (a pass-through such as `template <class T> auto
  /// await_transform(T &&)`): whether the result is awaitable depends on
  /// what the body does with it.
  bool Unconstrained = false;
  /// The trait or concept whose satisfaction admitted the value.
  const NamedDecl *AdmittedBy = nullptr;
};

class ConstraintEvaluator {
public:
  ConstraintEvaluator(ASTContext &Ctx, const AwaitableRules &Rules)
      : Ctx(Ctx), Rules(Rules) {}

  /// Judges Candidate (a method or method template of the promise) for a
  /// prvalue argument of type Arg. ResultIsAwaitable tells whether a
  /// concrete result type is a valid operand of co_await by itself.
  CandidateVerdict
  judgeCandidate(const NamedDecl *Candidate, QualType Arg,
                 llvm::function_ref<bool(QualType)> ResultIsAwaitable);

private:
  /// Template parameters bound to arguments, by (depth, index).
  using Bindings = llvm::DenseMap<std::pair<unsigned, unsigned>, QualType>;
  enum class SubstStatus { Ok, Failed, Unknown };
  struct Subst {
    SubstStatus Status = SubstStatus::Unknown;
    QualType Type;
  };

  Truth evaluate(const Expr *E, const Bindings &B, unsigned Depth);
  Truth evaluateConcept(const ConceptDecl *Concept,
                        ArrayRef<TemplateArgument> Args, unsigned Depth);
  Truth evaluateTrait(const ClassTemplateDecl *Trait,
                      ArrayRef<TemplateArgument> Args, unsigned Depth);
  Truth evaluateVariableTemplate(const VarTemplateDecl *Var,
                                 ArrayRef<TemplateArgument> Args,
                                 unsigned Depth);
  /// Whether naming T in a declaration survives substitution (SFINAE).
  Truth survivesSubstitution(QualType T, const Bindings &B, unsigned Depth);
  Subst substitute(QualType T, const Bindings &B, unsigned Depth);
  /// Substitutes written template arguments; false if one is not known.
  bool substituteArguments(ArrayRef<TemplateArgument> Written,
                           const Bindings &B, unsigned Depth,
                           llvm::SmallVectorImpl<TemplateArgument> &Out);
  void noteAdmittedBy(const NamedDecl *D);

  ASTContext &Ctx;
  const AwaitableRules &Rules;
  const NamedDecl *AdmittedBy = nullptr;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_CONSTRAINTEVALUATOR_H
