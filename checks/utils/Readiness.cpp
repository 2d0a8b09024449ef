//===--- Readiness.cpp - async-lint ---------------------------------------===//

#include "utils/Readiness.h"
#include "utils/AwaitableUtils.h"
#include "utils/CFGDataflow.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include <optional>

namespace clang::tidy::async::utils {

namespace {

using ReadySet = llvm::SmallPtrSet<const ValueDecl *, 4>;

StringRef nameOf(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName() : StringRef();
}

const ValueDecl *directObject(const Expr *E, unsigned Depth = 0);

/// The object a local reference is bound to, when it is bound to one the
/// analysis tracks (auto &x = r;): a reference cannot be rebound, so x and
/// r are the same object for as long as x lives.
const ValueDecl *aliasedObject(const VarDecl *Var, unsigned Depth) {
  if (!Var->getType()->isReferenceType() || !Var->hasLocalStorage() ||
      isa<ParmVarDecl>(Var) || !Var->getInit() || Depth > 4)
    return nullptr;
  return directObject(Var->getInit(), Depth + 1);
}

/// The variable E names directly: a local, a parameter, a structured
/// binding, or a member of this; a local reference stands for the object
/// it is bound to.
const ValueDecl *directObject(const Expr *E, unsigned Depth) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (const ValueDecl *Target = aliasedObject(Var, Depth))
        return Target;
    if (isa<VarDecl, BindingDecl>(Ref->getDecl()))
      return Ref->getDecl();
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return Member->getMemberDecl();
  return nullptr;
}

/// Predicates that are true only of a ready future or result.
bool isReadyPredicate(StringRef Name) {
  return Name == "is_ready" || Name == "ready" || Name == "isReady" ||
         Name == "done" || Name == "is_done" || Name == "isFinished" ||
         Name == "hasValue" || Name == "has_value" || Name == "hasResult";
}

/// Status enumerators that say ready (or not yet).
std::optional<bool> statusMeansReady(StringRef Name) {
  if (Name == "ready" || Name == "value" || Name == "exception" ||
      Name == "finished" || Name == "no_timeout")
    return true;
  if (Name == "timeout" || Name == "deferred" || Name == "idle" ||
      Name == "pending" || Name == "not_ready")
    return false;
  return std::nullopt;
}

/// x.wait_for(...), x.wait_until(...), x.status(): the object whose status
/// the call reads.
const ValueDecl *statusOf(const Expr *E) {
  const auto *Call =
      dyn_cast_or_null<CXXMemberCallExpr>(E ? E->IgnoreParenCasts() : nullptr);
  if (!Call)
    return nullptr;
  StringRef Name = nameOf(Call->getMethodDecl());
  if (Name != "wait_for" && Name != "wait_until" && Name != "status" &&
      Name != "wait_for_result")
    return nullptr;
  return directObject(Call->getImplicitObjectArgument());
}

const EnumConstantDecl *enumerator(const Expr *E) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr);
  return Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
}

/// Declared by a unit-test framework whose assertion macros expand to the
/// calls and wrappers read below: GoogleTest, Catch2, doctest, Boost.Test.
bool isTestFrameworkDecl(const Decl *D) {
  if (!D)
    return false;
  llvm::SmallVector<StringRef, 4> Namespaces;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC); NS && NS->getIdentifier())
      Namespaces.push_back(NS->getName());
  if (Namespaces.empty())
    return false;
  StringRef Outermost = Namespaces.back();
  if (Outermost == "testing" || Outermost == "Catch" || Outermost == "doctest")
    return true;
  return Outermost == "boost" && Namespaces.size() > 1 &&
         (Namespaces[Namespaces.size() - 2] == "test_tools" ||
          Namespaces[Namespaces.size() - 2] == "unit_test");
}

unsigned explicitArgs(const CXXConstructExpr *Construct) {
  unsigned N = 0;
  for (const Expr *Arg : Construct->arguments())
    N += !isa<CXXDefaultArgExpr>(Arg);
  return N;
}

/// The condition a test framework's wrapper carries, unwrapped: the
/// expression templates and result objects of assertion macros hold the
/// truth of the expression they were built from
/// (testing::AssertionResult(x), the const gtest_ar an ASSERT_ macro tests,
/// Catch::Decomposer() <= x, doctest's ExpressionDecomposer << x, Boost.Test's
/// (seed() ->* x).evaluate()).
const Expr *unwrap(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 12; ++Depth) {
    for (const Expr *Last = nullptr; E != Last;) {
      Last = E;
      E = E->IgnoreImplicit()->IgnoreParenCasts();
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0 || explicitArgs(Construct) != 1 ||
          !isTestFrameworkDecl(Construct->getConstructor()) ||
          Construct->getConstructor()->isCopyOrMoveConstructor())
        return E;
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      bool NoArgs = llvm::all_of(Member->arguments(), [](const Expr *Arg) {
        return isa<CXXDefaultArgExpr>(Arg);
      });
      if (!isTestFrameworkDecl(Method) || !NoArgs ||
          !(isa<CXXConversionDecl>(Method) || nameOf(Method) == "evaluate" ||
            nameOf(Method) == "makeUnaryExpr"))
        return E;
      E = Member->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      OverloadedOperatorKind Kind = Op->getOperator();
      if (Op->getNumArgs() != 2 ||
          !isTestFrameworkDecl(Op->getDirectCallee()) ||
          (Kind != OO_LessEqual && Kind != OO_LessLess && Kind != OO_ArrowStar))
        return E;
      E = Op->getArg(1);
      continue;
    }
    // The const result an ASSERT_ macro declares in its if and tests.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      const CXXRecordDecl *RD =
          Var ? Var->getType()->getAsCXXRecordDecl() : nullptr;
      if (!Var || !Var->hasLocalStorage() || !Var->getInit() ||
          !Var->getType().isConstQualified() || !isTestFrameworkDecl(RD))
        return E;
      E = Var->getInit();
      continue;
    }
    return E;
  }
  return E;
}

struct Comparison {
  const Expr *LHS = nullptr;
  const Expr *RHS = nullptr;
  bool Equal = true;
};

/// E as an equality comparison: a == b, a != b, or a test framework's
/// comparison helper that an ASSERT_EQ/ASSERT_NE expands to
/// (testing::internal::EqHelper::Compare("a", "b", a, b)).
std::optional<Comparison> comparison(const Expr *E) {
  E = unwrap(E);
  if (!E)
    return std::nullopt;
  if (const auto *Bin = dyn_cast<BinaryOperator>(E); Bin && Bin->isEqualityOp())
    return Comparison{unwrap(Bin->getLHS()), unwrap(Bin->getRHS()),
                      Bin->getOpcode() == BO_EQ};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() == 2 &&
      (Op->getOperator() == OO_EqualEqual ||
       Op->getOperator() == OO_ExclaimEqual))
    return Comparison{unwrap(Op->getArg(0)), unwrap(Op->getArg(1)),
                      Op->getOperator() == OO_EqualEqual};
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getNumArgs() >= 2 &&
      isTestFrameworkDecl(Call->getDirectCallee())) {
    StringRef Name = nameOf(Call->getDirectCallee());
    unsigned N = Call->getNumArgs();
    if (Name == "Compare" || Name == "CmpHelperEQ" || Name == "CmpHelperNE")
      return Comparison{unwrap(Call->getArg(N - 2)),
                        unwrap(Call->getArg(N - 1)), Name != "CmpHelperNE"};
  }
  return std::nullopt;
}

void readyWhenCompared(const Comparison &Compared, bool Branch, ReadySet &Out);

/// The objects known ready when Cond evaluates to Branch.
void readyWhen(const Expr *Cond, bool Branch, ReadySet &Out,
               unsigned Depth = 0) {
  Cond = unwrap(Cond);
  if (!Cond || Depth > 8)
    return;
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot)
    return readyWhen(Not->getSubExpr(), !Branch, Out, Depth + 1);
  if (const auto *Bin = dyn_cast<BinaryOperator>(Cond)) {
    if ((Bin->getOpcode() == BO_LAnd && Branch) ||
        (Bin->getOpcode() == BO_LOr && !Branch)) {
      readyWhen(Bin->getLHS(), Branch, Out, Depth + 1);
      readyWhen(Bin->getRHS(), Branch, Out, Depth + 1);
      return;
    }
  }
  if (std::optional<Comparison> Compared = comparison(Cond))
    return readyWhenCompared(*Compared, Branch, Out);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Cond))
    if (isReadyPredicate(nameOf(Call->getMethodDecl())) && Branch)
      if (const ValueDecl *Object =
              directObject(Call->getImplicitObjectArgument()))
        Out.insert(Object);
}

/// The enumerators of a test framework's enums that E names (an assertion's
/// level: Catch::ResultDisposition::Normal, doctest::assertType::DT_REQUIRE,
/// boost::test_tools::tt_detail::REQUIRE).
void frameworkEnumerators(const Stmt *S,
                          llvm::SmallVectorImpl<StringRef> &Names,
                          unsigned Depth = 0) {
  if (!S || Depth > 4)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
        Enumerator && isTestFrameworkDecl(Enumerator))
      Names.push_back(nameOf(Enumerator));
  for (const Stmt *Child : S->children())
    frameworkEnumerators(Child, Names, Depth + 1);
}

/// A framework's assertion call that does not return when its condition is
/// false: what REQUIRE (Catch2, doctest) and BOOST_REQUIRE expand to.
/// Returns the condition and whether it is negated (REQUIRE_FALSE); CHECK,
/// WARN and gtest's EXPECT_ continue after a failure and are not guards.
/// (gtest's ASSERT_ macros return from the function, which the CFG shows.)
struct Assertion {
  const Expr *Condition = nullptr;
  std::optional<Comparison> Compared;
  bool Negated = false;
};

std::optional<Assertion> stoppingAssertion(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() == 0 || !isTestFrameworkDecl(Callee))
    return std::nullopt;
  StringRef Name = nameOf(Callee);
  bool FirstArg =
      Name == "handleExpr" || Name == "setResult" || Name == "report_assertion";
  bool LastArg = Name == "unary_assert" || Name == "decomp_assert";
  bool Binary = Name == "binary_assert" || Name == "check_frwd";
  if (!FirstArg && !LastArg && !Binary)
    return std::nullopt;
  // The level: among the arguments, or for a handler object (Catch's
  // AssertionHandler, doctest's ResultBuilder), among its constructor's.
  llvm::SmallVector<StringRef, 4> Levels;
  for (const Expr *Arg : Call->arguments())
    frameworkEnumerators(Arg->IgnoreParenImpCasts(), Levels, 3);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const auto *Ref = dyn_cast<DeclRefExpr>(
            Member->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && Var->getInit())
        if (const auto *Construct =
                dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit()))
          for (const Expr *Arg : Construct->arguments())
            frameworkEnumerators(Arg->IgnoreParenImpCasts(), Levels, 2);
  bool Stops = false, Continues = false;
  Assertion Result;
  for (StringRef Level : Levels) {
    Stops |= Level == "Normal" || Level == "REQUIRE" ||
             Level.starts_with("DT_REQUIRE");
    Continues |= Level == "ContinueOnFailure";
    Result.Negated |= Level == "FalseTest" ||
                      (Level.starts_with("DT_") && Level.ends_with("_FALSE"));
  }
  if (!Stops || Continues)
    return std::nullopt;
  unsigned N = Call->getNumArgs();
  if (FirstArg) {
    Result.Condition = Call->getArg(0);
    return Result;
  }
  if (LastArg) {
    Result.Condition = Call->getArg(N - 1);
    return Result;
  }
  // doctest's binary_assert<binaryAssertComparison::eq>(..., lhs, rhs);
  // Boost.Test's check_frwd(equal_impl_frwd(), ..., l, "l", r, "r").
  if (Name == "binary_assert") {
    const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
    if (!Args || Args->size() == 0 ||
        Args->get(0).getKind() != TemplateArgument::Integral)
      return std::nullopt;
    // The comparison is an int: binaryAssertComparison::eq (0) or ne (1).
    int64_t Value = Args->get(0).getAsIntegral().getExtValue();
    StringRef Comparator = Value == 0 ? "eq" : Value == 1 ? "ne" : "";
    if (Comparator != "eq" && Comparator != "ne")
      return std::nullopt;
    Result.Compared =
        Comparison{unwrap(Call->getArg(N - 2)), unwrap(Call->getArg(N - 1)),
                   Comparator == "eq"};
    return Result;
  }
  const CXXRecordDecl *Predicate =
      Call->getArg(0)->getType()->getAsCXXRecordDecl();
  StringRef PredicateName = nameOf(Predicate);
  if (N < 10 ||
      (PredicateName != "equal_impl_frwd" && PredicateName != "ne_impl"))
    return std::nullopt;
  Result.Compared = Comparison{unwrap(Call->getArg(6)), unwrap(Call->getArg(8)),
                               PredicateName == "equal_impl_frwd"};
  return Result;
}

/// A project's own assertion function, by the name convention of test
/// helpers that abort or throw when the assertion fails (assert_true(c),
/// assert_equal(a, b), assertNotEqual(a, b), require(c)): their definition
/// is usually in another file, so only the name can tell.
std::optional<Assertion> namedAssertion(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || isTestFrameworkDecl(Callee) ||
      isa<CXXOperatorCallExpr>(Call))
    return std::nullopt;
  std::string Name;
  for (char C : Callee->getName())
    if (C != '_')
      Name += llvm::toLower(C);
  StringRef Rest = Name;
  if (!Rest.consume_front("assert") && !Rest.consume_front("require"))
    return std::nullopt;
  // The arguments as written, without defaulted ones (a source_location).
  llvm::SmallVector<const Expr *, 3> Args;
  for (const Expr *Arg : Call->arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      Args.push_back(Arg);
  Assertion Result;
  if ((Rest.empty() || Rest == "true" || Rest == "false") && !Args.empty()) {
    Result.Condition = Args[0];
    Result.Negated = Rest == "false";
    return Result;
  }
  bool Equal = Rest == "equal" || Rest == "equals" || Rest == "eq";
  bool NotEqual = Rest == "notequal" || Rest == "notequals" || Rest == "ne";
  if ((!Equal && !NotEqual) || Args.size() < 2)
    return std::nullopt;
  Result.Compared = Comparison{unwrap(Args[0]), unwrap(Args[1]), Equal};
  return Result;
}

void readyWhenCompared(const Comparison &Compared, bool Branch, ReadySet &Out) {
  const Expr *LHS = Compared.LHS, *RHS = Compared.RHS;
  if (enumerator(LHS))
    std::swap(LHS, RHS);
  const ValueDecl *Object = statusOf(LHS);
  const EnumConstantDecl *Status = enumerator(RHS);
  if (!Object || !Status)
    return;
  std::optional<bool> Ready = statusMeansReady(nameOf(Status));
  if (Ready && *Ready == (Compared.Equal == Branch))
    Out.insert(Object);
}

bool isWhenAllOrAny(const Expr *E) {
  const auto *Call =
      dyn_cast_or_null<CallExpr>(E ? E->IgnoreImplicit() : nullptr);
  if (!Call || !Call->getDirectCallee())
    return false;
  StringRef Name = nameOf(Call->getDirectCallee());
  return Name.contains("when_all") || Name.contains("when_any") ||
         Name.contains("whenAll") || Name.contains("whenAny") ||
         Name.contains("collectAll") || Name.contains("collectAny");
}

/// x.resolve(): awaited, it resumes once x is ready, with x itself.
bool isResolve(const Expr *E) {
  const auto *Call =
      dyn_cast_or_null<CXXMemberCallExpr>(E ? E->IgnoreImplicit() : nullptr);
  return Call && Call->getNumArgs() == 0 &&
         nameOf(Call->getMethodDecl()) == "resolve";
}

/// The producing side of a future or result: a class with get_future()
/// (std::promise, std::packaged_task) or get_result() (concurrencpp's
/// result_promise).
bool isPromise(const ValueDecl *D) {
  const CXXRecordDecl *RD =
      D->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() &&
         (findMember(RD, "get_future") || findMember(RD, "get_result"));
}

/// The promise a local future was initialised from (auto f =
/// p.get_future();), or nullptr.
const ValueDecl *promiseOf(const ValueDecl *Future) {
  const auto *Var = dyn_cast<VarDecl>(Future);
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      !Var->getInit() || Var->getType()->isReferenceType())
    return nullptr;
  const Expr *Init = Var->getInit()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    Init = Construct->getArg(0)->IgnoreImplicit();
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Init);
  if (!Call || (nameOf(Call->getMethodDecl()) != "get_future" &&
                nameOf(Call->getMethodDecl()) != "get_result"))
    return nullptr;
  return directObject(Call->getImplicitObjectArgument());
}

/// What one CFG element does to the ready set.
void transfer(const Stmt *S, ReadySet &Ready) {
  if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
    for (const clang::Decl *D : Decl->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var || aliasedObject(Var, 0))
        continue;
      Ready.erase(Var);
      // The results of an awaited when_all/when_any are all ready.
      const Expr *Init =
          Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr;
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
          Construct && Construct->getNumArgs() == 1 &&
          Construct->getConstructor()->isCopyOrMoveConstructor())
        Init = Construct->getArg(0)->IgnoreImplicit();
      const auto *Await = dyn_cast_or_null<CoawaitExpr>(Init);
      if (Await && (isWhenAllOrAny(Await->getOperand()) ||
                    isResolve(Await->getOperand()))) {
        Ready.insert(Var);
        if (const auto *Bindings = dyn_cast<DecompositionDecl>(Var))
          for (const BindingDecl *B : Bindings->bindings())
            Ready.insert(B);
      }
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    std::optional<Assertion> Assert = stoppingAssertion(Call);
    if (!Assert)
      Assert = namedAssertion(Call);
    if (Assert) {
      // Past an assertion that stops on failure, its condition holds.
      if (Assert->Compared)
        readyWhenCompared(*Assert->Compared, !Assert->Negated, Ready);
      else
        readyWhen(Assert->Condition, !Assert->Negated, Ready);
      return;
    }
  }
  // A promise fulfilled (std::promise::set_value, a packaged_task run): the
  // futures it gave out are ready; see isReadyAt.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    if (const ValueDecl *Promise = directObject(Op->getArg(0));
        Promise && isPromise(Promise))
      Ready.insert(Promise);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    StringRef Name = nameOf(Call->getMethodDecl());
    if (Name == "set_value" || Name == "set_exception" ||
        Name == "set_result" || Name == "set_from_function")
      if (const ValueDecl *Promise =
              directObject(Call->getImplicitObjectArgument());
          Promise && isPromise(Promise))
        Ready.insert(Promise);
    // After wait() (reported itself) or resolve(), the object is ready.
    if (Name == "wait" || Name == "resolve" || Name == "wait_ready")
      if (const ValueDecl *Object =
              directObject(Call->getImplicitObjectArgument()))
        Ready.insert(Object);
    return;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() > 0)
      if (const ValueDecl *Object = directObject(Op->getArg(0)))
        Ready.erase(Object);
    return;
  }
  if (const auto *Bin = dyn_cast<BinaryOperator>(S))
    if (Bin->isAssignmentOp())
      if (const ValueDecl *Object = directObject(Bin->getLHS()))
        Ready.erase(Object);
}

} // namespace

/// "Known ready" as a must-dataflow: a set per block, narrowed on the
/// branches of readiness tests, intersected where paths meet.
struct ReadyDomain {
  using State = ReadySet;
  void transfer(const CFGElement &Element, State &Ready) {
    if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
      utils::transfer(S->getStmt(), Ready);
  }
  void refine(const CFGBlock &From, unsigned Index, State &Ready) {
    const auto *Cond = dyn_cast_or_null<Expr>(From.getTerminatorCondition());
    if (Cond && From.succ_size() == 2)
      readyWhen(Cond, Index == 0, Ready);
  }
  bool join(State &Into, const State &From) {
    llvm::SmallVector<const ValueDecl *, 4> Gone;
    for (const ValueDecl *D : Into)
      if (!From.contains(D))
        Gone.push_back(D);
    for (const ValueDecl *D : Gone)
      Into.erase(D);
    return !Gone.empty();
  }
};

struct ReadinessAnalysis::BodyFacts {
  std::unique_ptr<CFG> Graph;
  ReadyDomain Domain;
  std::unique_ptr<ForwardDataflow<ReadyDomain>> Flow;
  /// Each element's block and index in it.
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Where;
};

/// The calls of the main file's functions that are awaited on the spot,
/// and the functions used in any other way.
struct ReadinessAnalysis::AwaitUses {
  struct Use {
    const CallExpr *Call;
    /// The body of the function that makes the call.
    const Stmt *Body;
  };
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<Use, 2>> Awaited;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Escaped;
};

namespace {

class AwaitUseCollector : public RecursiveASTVisitor<AwaitUseCollector> {
public:
  explicit AwaitUseCollector(
      llvm::DenseMap<
          const FunctionDecl *,
          llvm::SmallVector<std::pair<const CallExpr *, const Stmt *>, 2>>
          &Awaited,
      llvm::SmallPtrSetImpl<const FunctionDecl *> &Escaped)
      : Awaited(Awaited), Escaped(Escaped) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    return within(FD, [&] { return Base::TraverseFunctionDecl(FD); });
  }
  bool TraverseCXXMethodDecl(CXXMethodDecl *FD) {
    return within(FD, [&] { return Base::TraverseCXXMethodDecl(FD); });
  }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl *FD) {
    return within(FD, [&] { return Base::TraverseCXXConstructorDecl(FD); });
  }
  bool TraverseCXXDestructorDecl(CXXDestructorDecl *FD) {
    return within(FD, [&] { return Base::TraverseCXXDestructorDecl(FD); });
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    return within(Lambda->getCallOperator(),
                  [&] { return Base::TraverseLambdaExpr(Lambda); });
  }

  bool TraverseCoawaitExpr(CoawaitExpr *Await) {
    const Expr *Operand =
        Await->getOperand() ? Await->getOperand()->IgnoreImplicit() : nullptr;
    if (const auto *Call = dyn_cast_or_null<CallExpr>(Operand))
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
        if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl());
            FD && Body) {
          Awaited[FD->getCanonicalDecl()].emplace_back(Call, Body);
          Counted.insert(Ref);
        }
    return Base::TraverseCoawaitExpr(Await);
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (!Counted.contains(Ref))
        Escaped.insert(FD->getCanonicalDecl());
    return true;
  }
  bool VisitOverloadExpr(OverloadExpr *Overload) {
    for (const NamedDecl *D : Overload->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D->getUnderlyingDecl()))
        Escaped.insert(FD->getCanonicalDecl());
    return true;
  }

private:
  using Base = RecursiveASTVisitor<AwaitUseCollector>;

  /// Traverses FD's code with Body set to its body (the body of a coroutine
  /// as written: what the readiness analysis is asked about).
  template <typename Fn> bool within(const FunctionDecl *FD, Fn Traverse) {
    const Stmt *Saved = Body;
    Body = nullptr;
    if (FD && FD->doesThisDeclarationHaveABody() && !FD->isDependentContext()) {
      Body = FD->getBody();
      if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
        Body = Coroutine->getBody();
    }
    bool Result = Traverse();
    Body = Saved;
    return Result;
  }

  llvm::DenseMap<
      const FunctionDecl *,
      llvm::SmallVector<std::pair<const CallExpr *, const Stmt *>, 2>> &Awaited;
  llvm::SmallPtrSetImpl<const FunctionDecl *> &Escaped;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Counted;
  const Stmt *Body = nullptr;
};

class ReplaceFinder : public RecursiveASTVisitor<ReplaceFinder> {
public:
  explicit ReplaceFinder(const ValueDecl *Var) : Var(Var) {}
  bool Found = false;

  bool VisitCallExpr(CallExpr *Call) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->isAssignmentOp() && Op->getNumArgs() > 0 &&
        directObject(Op->getArg(0)) == Var)
      Found = true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    unsigned First =
        isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)
            ? 1
            : 0;
    for (unsigned I = First; I < Call->getNumArgs(); ++I) {
      if (directObject(Call->getArg(I)) != Var)
        continue;
      unsigned Param = I - First;
      if (!Callee || Param >= Callee->getNumParams()) {
        Found = true;
        continue;
      }
      QualType T = Callee->getParamDecl(Param)->getType();
      if (T->isReferenceType() && !T->getPointeeType().isConstQualified())
        Found = true;
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Bin) {
    if (Bin->isAssignmentOp() && directObject(Bin->getLHS()) == Var)
      Found = true;
    return true;
  }

private:
  const ValueDecl *Var;
};

} // namespace

const Expr *argumentObject(const Expr *Arg) {
  Arg = Arg->IgnoreImplicit()->IgnoreParens();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    Arg = Construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  if (const auto *Move = dyn_cast<CallExpr>(Arg);
      Move && Move->getNumArgs() == 1 && Move->getDirectCallee() &&
      Move->getDirectCallee()->isInStdNamespace() &&
      Move->getDirectCallee()->getIdentifier() &&
      (Move->getDirectCallee()->getName() == "move" ||
       Move->getDirectCallee()->getName() == "forward"))
    Arg = Move->getArg(0)->IgnoreParenImpCasts();
  return Arg;
}

bool ReadinessAnalysis::mayReplace(const ValueDecl *Var, const Stmt *Body) {
  ReplaceFinder Finder(Var);
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  return Finder.Found;
}

void ReadinessAnalysis::collectAwaitUses() {
  Uses = std::make_unique<AwaitUses>();
  llvm::DenseMap<
      const FunctionDecl *,
      llvm::SmallVector<std::pair<const CallExpr *, const Stmt *>, 2>>
      Awaited;
  AwaitUseCollector Collector(Awaited, Uses->Escaped);
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      Collector.TraverseDecl(D);
  for (auto &[FD, Calls] : Awaited)
    for (auto [Call, Body] : Calls)
      Uses->Awaited[FD].push_back(AwaitUses::Use{Call, Body});
}

bool ReadinessAnalysis::isReadyInEveryAwait(const FunctionDecl *Coroutine,
                                            unsigned Index) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Coroutine || Coroutine->isExternallyVisible() ||
      !SM.isInMainFile(SM.getExpansionLoc(Coroutine->getLocation())))
    return false;
  if (!Uses)
    collectAwaitUses();
  const FunctionDecl *Key = Coroutine->getCanonicalDecl();
  if (Uses->Escaped.contains(Key))
    return false;
  auto It = Uses->Awaited.find(Key);
  if (It == Uses->Awaited.end() || It->second.empty())
    return false;
  return llvm::all_of(It->second, [&](const AwaitUses::Use &Use) {
    return Index < Use.Call->getNumArgs() &&
           isReadyAt(Use.Call, argumentObject(Use.Call->getArg(Index)),
                     Use.Body);
  });
}

ReadinessAnalysis::ReadinessAnalysis(ASTContext &Ctx) : Ctx(Ctx) {}
ReadinessAnalysis::~ReadinessAnalysis() = default;

const ValueDecl *ReadinessAnalysis::trackedObject(const Expr *E) {
  if (const ValueDecl *Object = directObject(E))
    return Object;
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  // An element of a when_all result: std::get<N>(results), results[i].
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript)
    return directObject(Op->getArg(0));
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (nameOf(Call->getDirectCallee()) == "get" && Call->getNumArgs() == 1)
      return directObject(Call->getArg(0));
  return nullptr;
}

ReadinessAnalysis::BodyFacts &ReadinessAnalysis::factsFor(const Stmt *Body) {
  std::unique_ptr<BodyFacts> &Facts = Bodies[Body];
  if (Facts)
    return *Facts;
  Facts = std::make_unique<BodyFacts>();
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.PruneTriviallyFalseEdges = true;
  Facts->Graph =
      CFG::buildCFG(nullptr, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Facts->Graph)
    return *Facts;
  CFG &G = *Facts->Graph;
  for (const CFGBlock *Block : G)
    for (unsigned I = 0; I < Block->size(); ++I)
      if (std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>())
        Facts->Where.try_emplace(S->getStmt(), Block, I);
  Facts->Flow =
      std::make_unique<ForwardDataflow<ReadyDomain>>(G, Facts->Domain);
  Facts->Flow->solve();
  return *Facts;
}

bool ReadinessAnalysis::isReadyAt(const Expr *Call, const Expr *Object,
                                  const Stmt *Body) {
  const ValueDecl *Tracked = trackedObject(Object);
  if (!Tracked || !Body)
    return false;
  // Only results have a readiness: a future, a task, a result with get();
  // not a condition variable or a latch, which wait for something else.
  const CXXRecordDecl *RD =
      Object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || !findMember(RD, "get"))
    return false;
  return isReadyAt(Call, Tracked, Body);
}

bool ReadinessAnalysis::isReadyAt(const Expr *Call, const ValueDecl *Tracked,
                                  const Stmt *Body) {
  if (!Tracked || !Body)
    return false;
  BodyFacts &Facts = factsFor(Body);
  auto It = Facts.Where.find(Call);
  if (It == Facts.Where.end())
    return false;
  const auto [Block, Index] = It->second;
  if (!Facts.Flow)
    return false;
  const std::optional<ReadySet> &In = Facts.Flow->in(*Block);
  if (!In)
    return false;
  ReadySet Ready = *In;
  for (unsigned I = 0; I < Index; ++I)
    if (std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>())
      transfer(S->getStmt(), Ready);
  if (Ready.contains(Tracked))
    return true;
  // A future from a promise fulfilled on every path, never replaced.
  const ValueDecl *Promise = promiseOf(Tracked);
  return Promise && Ready.contains(Promise) && !mayReplace(Tracked, Body);
}

} // namespace clang::tidy::async::utils
