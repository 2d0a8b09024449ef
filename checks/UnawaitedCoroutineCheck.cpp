//===--- UnawaitedCoroutineCheck.cpp - async-lint -------------------------===//

#include "UnawaitedCoroutineCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/DataFiles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// The sub-statements of S whose values, if they are expressions, are
/// discarded.
llvm::SmallVector<const Stmt *, 8>
discardedChildren(const Stmt *S,
                  const llvm::DenseSet<const Stmt *> &StatementExpressions) {
  llvm::SmallVector<const Stmt *, 8> Result;
  auto Add = [&](const Stmt *Child) {
    if (Child)
      Result.push_back(Child);
  };
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    Result.append(Block->body_begin(), Block->body_end());
    // The last statement of a GNU statement expression is its value.
    if (!Result.empty() && StatementExpressions.contains(Block))
      Result.pop_back();
  } else if (const auto *If = dyn_cast<IfStmt>(S)) {
    Add(If->getInit());
    Add(If->getThen());
    Add(If->getElse());
  } else if (const auto *For = dyn_cast<ForStmt>(S)) {
    Add(For->getInit());
    Add(For->getInc());
    Add(For->getBody());
  } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
    Add(Range->getInit());
    Add(Range->getBody());
  } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
    Add(While->getBody());
  } else if (const auto *Do = dyn_cast<DoStmt>(S)) {
    Add(Do->getBody());
  } else if (const auto *Switch = dyn_cast<SwitchStmt>(S)) {
    Add(Switch->getInit());
    Add(Switch->getBody());
  } else if (const auto *Case = dyn_cast<SwitchCase>(S)) {
    Add(Case->getSubStmt());
  } else if (const auto *Label = dyn_cast<LabelStmt>(S)) {
    Add(Label->getSubStmt());
  } else if (const auto *Attributed = dyn_cast<AttributedStmt>(S)) {
    Add(Attributed->getSubStmt());
  }
  return Result;
}

/// Walks one function body and hands each statement whose value is
/// discarded to a callback, with where it stands. Nested lambdas and local
/// classes are functions of their own, matched separately.
class DiscardedStatementFinder
    : public RecursiveASTVisitor<DiscardedStatementFinder> {
public:
  using Callback = llvm::function_ref<void(const Expr *, bool InHandler)>;
  explicit DiscardedStatementFinder(Callback Found) : Found(Found) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseCXXCatchStmt(CXXCatchStmt *Handler) {
    ++HandlerDepth;
    bool Continue = RecursiveASTVisitor::TraverseCXXCatchStmt(Handler);
    --HandlerDepth;
    return Continue;
  }
  bool VisitStmtExpr(StmtExpr *E) {
    StatementExpressions.insert(E->getSubStmt());
    return true;
  }
  bool VisitStmt(Stmt *S) {
    if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors())
      HasErrors = true;
    if (isa<CompoundStmt, IfStmt, ForStmt, CXXForRangeStmt, WhileStmt, DoStmt,
            SwitchStmt, SwitchCase, LabelStmt, AttributedStmt>(S))
      for (const Stmt *Child : discardedChildren(S, StatementExpressions))
        if (const auto *E = dyn_cast<Expr>(Child))
          Found(E, HandlerDepth > 0);
    return true;
  }

  /// Whether the traversal met an expression clang built to recover from an
  /// error (an undeclared name, a missing include).
  bool hasErrors() const { return HasErrors; }

private:
  bool HasErrors = false;
  Callback Found;
  unsigned HandlerDepth = 0;
  llvm::DenseSet<const Stmt *> StatementExpressions;
};

/// Whether D belongs to a template instantiation: an edit there changes the
/// template's source, shared by instantiations the fix was not checked for.
bool isInTemplateInstantiation(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); D;
       D = DC ? cast<Decl>(DC) : nullptr, DC = DC ? DC->getParent() : nullptr) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->getTemplateInstantiationPattern())
      return true;
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D);
        RD && RD->getTemplateInstantiationPattern())
      return true;
  }
  return false;
}

bool isVoidCast(const Expr *E) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
  return Cast && Cast->getTypeAsWritten()->isVoidType();
}

/// `std::ignore = expr`.
const Expr *getIgnoredOperand(const Expr *E) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
  if (!Op || Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
  if (!Ref || !utils::matchesQualifiedName(Ref->getDecl(), "::std::ignore"))
    return nullptr;
  return Op->getArg(1);
}

bool isNoDiscardBuilderOnTemporary(const CallExpr *Call,
                                   const FunctionDecl *Callee) {
  const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Call);
  if (!Member || !Callee || !Callee->hasAttr<WarnUnusedResultAttr>())
    return false;
  const Expr *Object = Member->getImplicitObjectArgument();
  if (!Object)
    return false;
  Object = Object->IgnoreImplicit()->IgnoreParens();
  if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(Object))
    Object = Temporary->getSubExpr()->IgnoreImplicit();
  return Object->isPRValue() && Object->getType()->getAsCXXRecordDecl() ==
                                    Call->getType()->getAsCXXRecordDecl();
}

bool isLambdaCall(const FunctionDecl *Callee) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  return Method && Method->getParent()->isLambda();
}

/// How the message names what was called: the function, or for a lambda or
/// a function pointer, the variable that holds it.
std::string describeCall(const CallExpr *Call, const FunctionDecl *Callee) {
  const Expr *CalleeExpr = Call->getCallee();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call)
    CalleeExpr = Op->getArg(0);
  if (Callee && !isLambdaCall(Callee))
    return "'" + utils::describeFunction(Callee) + "'";
  if (const auto *Ref =
          dyn_cast<DeclRefExpr>(CalleeExpr->IgnoreParenImpCasts()))
    return "'" + Ref->getDecl()->getNameAsString() + "'";
  return Callee ? "the lambda" : "the function called here";
}

/// The call as written, without its arguments: `'timer.async_wait()'`,
/// `'asio::async_write()'`; empty when it is not plain source text.
std::string describeWrittenCall(const CallExpr *Call, const ASTContext &Ctx) {
  if (isa<CXXOperatorCallExpr>(Call))
    return "";
  const Expr *CalleeExpr = Call->getCallee()->IgnoreParenImpCasts();
  CharSourceRange Range =
      CharSourceRange::getTokenRange(CalleeExpr->getSourceRange());
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return "";
  StringRef Text =
      Lexer::getSourceText(Range, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty() || Text.size() > 80 || Text.contains('\n'))
    return "";
  return "'" + Text.str() + "()'";
}

std::string describeEnclosing(const FunctionDecl *FD) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
    if (Method->getParent()->isLambda())
      return "this lambda";
  return "'" + utils::describeFunction(FD) + "'";
}

/// "a lazy task" / "its body never runs", from what we know of the type.
std::pair<StringRef, StringRef> describeKind(const utils::AwaitableKind &Kind,
                                             bool Awaitable) {
  if (Kind.CoroutineType) {
    switch (Kind.Start) {
    case utils::StartMode::Lazy:
      return {Awaitable ? "a lazy task" : "a lazy coroutine",
              "its body never runs"};
    case utils::StartMode::Eager:
      return {"an eager task",
              "it runs detached; its result and exceptions are lost"};
    case utils::StartMode::Unknown:
      return {"a task", "it is never awaited"};
    }
  }
  return {"an awaitable", "it is never awaited"};
}

std::vector<std::string> toStrings(const std::vector<StringRef> &Refs) {
  return {Refs.begin(), Refs.end()};
}

} // namespace

UnawaitedCoroutineCheck::UnawaitedCoroutineCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      AllowExplicitDiscard(Options.get("AllowExplicitDiscard", true)),
      AwaitableTypes(Options.get("AwaitableTypes", "::seastar::future")),
      RuleFiles(Options.get("RuleFiles", "")),
      Classifier(
          toStrings(tidy::utils::options::parseStringList(AwaitableTypes)),
          &Rules) {
  for (const std::string &File : utils::splitOptionList(RuleFiles)) {
    std::string Path = utils::resolveDataFilePath(
        File, Context->getCurrentFile(), "RuleFiles");
    std::string Error;
    auto Text = utils::readDataFile(Path, "awaitable rules file", Error);
    if (!Text || !Rules.addYAML((*Text)->getBuffer(), Path, Error)) {
      configurationDiag("%0 (for option '%1')", DiagnosticIDs::Error)
          << Error << (Name + ".RuleFiles").str();
      break;
    }
  }
}

void UnawaitedCoroutineCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllowExplicitDiscard", AllowExplicitDiscard);
  Options.store(Opts, "AwaitableTypes", AwaitableTypes);
  Options.store(Opts, "RuleFiles", RuleFiles);
}

void UnawaitedCoroutineCheck::registerMatchers(MatchFinder *Finder) {
  // Function bodies, walked in check(): discarded statements are found
  // without a parent map (which would cost a walk of the whole TU).
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
  // Locals initialised from a call and never used afterwards.
  Finder->addMatcher(varDecl(hasLocalStorage(), unless(parmVarDecl()),
                             unless(isImplicit()),
                             unless(isExpansionInSystemHeader()),
                             hasInitializer(ignoringImplicit(callExpr())))
                         .bind("local"),
                     this);
}

void UnawaitedCoroutineCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function =
      Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Function = Lambda->getCallOperator();
  if (Function) {
    // Templates are analysed as instantiated, where the types are known.
    if (Function->isDependentContext() || !Function->getBody() ||
        !Walked.insert(Function).second)
      return;
    // Clang marks a function invalid when it could not build it as written,
    // e.g. a coroutine after a missing include: its co_return is dropped
    // and it would look like a plain function.
    if (Function->isInvalidDecl())
      return;
    Stmt *Body = Function->getBody();
    if (auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
      Body = Coroutine->getBody();
    auto Check = [&](const Expr *E, bool InHandler) {
      checkDiscarded(E, *Result.Context, Placement{Function, InHandler});
    };
    DiscardedStatementFinder(Check).TraverseStmt(Body);
    return;
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("local"))
    checkUnusedLocal(Var, *Result.Context);
}

void UnawaitedCoroutineCheck::checkDiscarded(const Expr *E, ASTContext &Ctx,
                                             const Placement &Where) {
  if (E->isInstantiationDependent() || E->containsErrors())
    return;
  for (const Expr *Inner = E->IgnoreImplicit()->IgnoreParens(); Inner != E;
       Inner = E->IgnoreImplicit()->IgnoreParens())
    E = Inner;
  if (const auto *Comma = dyn_cast<BinaryOperator>(E);
      Comma && Comma->getOpcode() == BO_Comma) {
    checkDiscarded(Comma->getLHS(), Ctx, Where);
    checkDiscarded(Comma->getRHS(), Ctx, Where);
    return;
  }
  if (const auto *Cond = dyn_cast<ConditionalOperator>(E)) {
    checkDiscarded(Cond->getTrueExpr(), Ctx, Where);
    checkDiscarded(Cond->getFalseExpr(), Ctx, Where);
    return;
  }
  if (isVoidCast(E)) {
    if (!AllowExplicitDiscard)
      checkDiscarded(cast<ExplicitCastExpr>(E)->getSubExpr(), Ctx, Where);
    return;
  }
  if (const Expr *Ignored = getIgnoredOperand(E)) {
    if (!AllowExplicitDiscard)
      checkDiscarded(Ignored, Ctx, Where);
    return;
  }

  const FunctionDecl *Callee = nullptr;
  const auto *Call = dyn_cast<CallExpr>(E);
  if (Call) {
    Callee = Call->getDirectCallee();
  } else if (!isa<CXXTemporaryObjectExpr>(E) &&
             !(isa<CXXFunctionalCastExpr>(E) && E->getType()->isRecordType())) {
    return;
  }
  // A [[nodiscard]] builder method called on a temporary and returning a
  // reference to it (`spawn(f()).run_on(ex);`) drops that temporary too.
  if (!E->isPRValue() && !isNoDiscardBuilderOnTemporary(Call, Callee))
    return;

  QualType Type = E->getType();
  utils::AwaitableKind Kind = Classifier.classify(Type, Ctx);
  const CXXRecordDecl *Promise =
      utils::isCoroutine(Where.Function)
          ? utils::getCoroutinePromise(Where.Function)
          : nullptr;
  utils::OperandVerdict Here;
  if (Promise)
    Here = Classifier.isAwaitableIn(Type, Promise, Ctx);
  std::optional<bool> AwaitableHere = Here.Awaitable;

  if (!Kind.isLostWhenDropped() && !AwaitableHere.value_or(false))
    return;

  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = E->getBeginLoc();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
      !Reported.insert(Loc).second)
    return;

  auto [What, Consequence] =
      describeKind(Kind, Kind.Awaitable || AwaitableHere.value_or(false));
  std::string Subject =
      Call
          ? describeCall(Call, Callee) + " returns"
          : "temporary '" +
                Type.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) +
                "' is";
  // Admitted by a library's constraint (a deferred operation, a sender): say
  // what that is, and name the call as written.
  if (Here.Wording && !Kind.isLostWhenDropped()) {
    What = Here.Wording->What;
    Consequence = Here.Wording->Consequence;
    if (Call)
      if (std::string Written = describeWrittenCall(Call, Ctx);
          !Written.empty())
        Subject = Written + " returns";
  }
  std::string Advice;
  if (Where.Function && !Promise)
    Advice = "; " + describeEnclosing(Where.Function) +
             " is not a coroutine and cannot await it: return it or hand it "
             "to an executor (e.g. co_spawn)";

  {
    DiagnosticBuilder Diag = diag(Loc, "%0 %1 that is discarded; %2%3")
                             << Subject << What << Consequence << Advice
                             << E->getSourceRange();
    if (Promise && !Where.InHandler && AwaitableHere.value_or(false) &&
        Loc.isFileID() && !isInTemplateInstantiation(Where.Function)) {
      // co_await binds tighter than a binary operator: `a | b` needs
      // parentheses.
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      if (Op && Op->isInfixBinaryOp()) {
        SourceLocation End = Lexer::getLocForEndOfToken(
            E->getEndLoc(), 0, Ctx.getSourceManager(), Ctx.getLangOpts());
        if (End.isValid())
          Diag << FixItHint::CreateInsertion(Loc, "co_await (")
               << FixItHint::CreateInsertion(End, ")");
      } else {
        Diag << FixItHint::CreateInsertion(Loc, "co_await ");
      }
    }
  }
  if (Callee && !Callee->isImplicit() && !isLambdaCall(Callee))
    diag(Callee->getCanonicalDecl()->getLocation(), "'%0' declared here",
         DiagnosticIDs::Note)
        << utils::describeFunction(Callee);
}

bool UnawaitedCoroutineCheck::bodyHasErrors(const FunctionDecl *Function) {
  auto [It, Inserted] = BodiesWithErrors.try_emplace(Function, false);
  if (!Inserted)
    return It->second;
  if (Function->isInvalidDecl()) {
    It->second = true;
    return true;
  }
  auto Ignore = [](const Expr *, bool) {};
  DiscardedStatementFinder Finder(Ignore);
  Finder.TraverseStmt(Function->getBody());
  It->second = Finder.hasErrors();
  return It->second;
}

void UnawaitedCoroutineCheck::checkUnusedLocal(const VarDecl *Var,
                                               ASTContext &Ctx) {
  if (Var->isReferenced() || Var->hasAttr<UnusedAttr>() ||
      Var->isInitCapture() || isa<DecompositionDecl>(Var) ||
      Var->getType()->isReferenceType() ||
      Var->getDeclContext()->isDependentContext())
    return;
  const auto *Call =
      dyn_cast<CallExpr>(Var->getInit()->IgnoreImplicit()->IgnoreParens());
  if (!Call || !Call->isPRValue() || Call->containsErrors())
    return;
  // In a body clang recovered from errors in, the use may be what is broken.
  if (const auto *Function =
          dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
      Function && bodyHasErrors(Function))
    return;
  utils::AwaitableKind Kind = Classifier.classify(Var->getType(), Ctx);
  if (!Kind.isLostWhenDropped())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Var->getLocation())) ||
      !Reported.insert(Var->getLocation()).second)
    return;

  auto [What, Consequence] = describeKind(Kind, Kind.Awaitable);
  const FunctionDecl *Callee = Call->getDirectCallee();
  diag(Var->getLocation(),
       "%0 holds %1%2 and is never awaited, returned or passed on; %3")
      << Var << What << (" returned by " + describeCall(Call, Callee))
      << Consequence;
  if (Callee && !Callee->isImplicit() && !isLambdaCall(Callee))
    diag(Callee->getCanonicalDecl()->getLocation(), "'%0' declared here",
         DiagnosticIDs::Note)
        << utils::describeFunction(Callee);
}

} // namespace clang::tidy::async
