//===--- AwaitableUtilsTest.cpp - async-lint unit tests -------------------===//

#include "utils/AwaitableUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::async::utils;

namespace {

// Enough of <coroutine> for the types below; the tests do not need the
// system's headers.
constexpr const char *Prelude = R"cpp(
namespace std {
template <class R, class... Args> struct coroutine_traits {
  using promise_type = typename R::promise_type;
};
template <class P = void> struct coroutine_handle {};
struct suspend_always {
  constexpr bool await_ready() const noexcept { return false; }
  constexpr void await_suspend(coroutine_handle<>) const noexcept {}
  constexpr void await_resume() const noexcept {}
};
struct suspend_never {
  constexpr bool await_ready() const noexcept { return true; }
  constexpr void await_suspend(coroutine_handle<>) const noexcept {}
  constexpr void await_resume() const noexcept {}
};
inline namespace __1 { template <class T> struct future { T get(); }; }
}
)cpp";

class ClassifyTest : public ::testing::Test {
protected:
  void parse(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++20"});
    ASSERT_TRUE(AST);
  }

  const CXXRecordDecl *record(StringRef Name) {
    auto Matches = match(cxxRecordDecl(hasName(Name), isDefinition()).bind("r"),
                         AST->getASTContext());
    EXPECT_EQ(Matches.size(), 1u) << Name.str();
    return Matches.empty() ? nullptr
                           : Matches.front().getNodeAs<CXXRecordDecl>("r");
  }

  AwaitableKind classify(StringRef Name, std::vector<std::string> Extra = {}) {
    AwaitableClassifier Classifier(std::move(Extra));
    const CXXRecordDecl *RD = record(Name);
    if (!RD)
      return {};
    return Classifier.classify(QualType(RD->getTypeForDecl(), 0),
                               AST->getASTContext());
  }

  std::unique_ptr<ASTUnit> AST;
};

TEST_F(ClassifyTest, LazyTaskWithMemberCoAwait) {
  parse(R"cpp(
    struct Task {
      struct promise_type {
        std::suspend_always initial_suspend() noexcept;
      };
      struct Awaiter {};
      Awaiter operator co_await();
    };
  )cpp");
  AwaitableKind Kind = classify("Task");
  EXPECT_TRUE(Kind.Awaitable);
  EXPECT_TRUE(Kind.CoroutineType);
  EXPECT_EQ(Kind.Start, StartMode::Lazy);
}

TEST_F(ClassifyTest, EagerTaskThroughDeducedInitialSuspend) {
  parse(R"cpp(
    struct Eager {
      struct promise_type {
        auto initial_suspend() noexcept { return std::suspend_never{}; }
      };
      bool await_ready();
      void await_suspend(std::coroutine_handle<>);
      int await_resume();
    };
  )cpp");
  AwaitableKind Kind = classify("Eager");
  EXPECT_TRUE(Kind.Awaitable);
  EXPECT_EQ(Kind.Start, StartMode::Eager);
}

TEST_F(ClassifyTest, InitialAwaiterThatSchedulesIsUnknown) {
  parse(R"cpp(
    void post(std::coroutine_handle<>);
    struct Spawn {
      struct Start {
        bool await_ready() { return false; }
        void await_suspend(std::coroutine_handle<> h) { post(h); }
        void await_resume() {}
      };
      struct promise_type { Start initial_suspend() noexcept; };
    };
  )cpp");
  AwaitableKind Kind = classify("Spawn");
  EXPECT_FALSE(Kind.Awaitable);
  EXPECT_TRUE(Kind.CoroutineType);
  EXPECT_EQ(Kind.Start, StartMode::Unknown);
}

TEST_F(ClassifyTest, FreeOperatorCoAwaitOnTemplate) {
  parse(R"cpp(
    namespace lib {
    template <class T> struct Future {};
    template <class T> struct FutureAwaiter {};
    template <class T> FutureAwaiter<T> operator co_await(Future<T> &&);
    }
    lib::Future<int> make();
    void use() { make(); }
  )cpp");
  auto Matches = match(callExpr().bind("c"), AST->getASTContext());
  ASSERT_EQ(Matches.size(), 1u);
  AwaitableClassifier Classifier({});
  AwaitableKind Kind =
      Classifier.classify(Matches.front().getNodeAs<CallExpr>("c")->getType(),
                          AST->getASTContext());
  EXPECT_TRUE(Kind.Awaitable);
  EXPECT_FALSE(Kind.CoroutineType);
}

TEST_F(ClassifyTest, PlainTypesAreNotAwaitable) {
  parse(R"cpp(
    struct OnlyReady { bool await_ready(); };
    struct Plain { int get(); };
  )cpp");
  EXPECT_FALSE(classify("OnlyReady").Awaitable);
  EXPECT_FALSE(classify("Plain").Awaitable);
  EXPECT_FALSE(classify("Plain").CoroutineType);
}

TEST_F(ClassifyTest, ConfiguredNames) {
  parse(R"cpp(
    namespace ss { inline namespace v1 { struct fut {}; } }
  )cpp");
  EXPECT_FALSE(classify("fut").Awaitable);
  AwaitableKind Kind = classify("fut", {"::ss::fut"});
  EXPECT_TRUE(Kind.Awaitable);
  EXPECT_TRUE(Kind.ByName);
}

TEST_F(ClassifyTest, QualifiedNameMatching) {
  parse("namespace a { namespace b { struct C {}; } }");
  const CXXRecordDecl *C = record("C");
  ASSERT_TRUE(C);
  EXPECT_EQ(getPlainQualifiedName(C), "a::b::C");
  EXPECT_TRUE(matchesQualifiedName(C, "::a::b::C"));
  EXPECT_TRUE(matchesQualifiedName(C, "b::C"));
  EXPECT_TRUE(matchesQualifiedName(C, "C"));
  EXPECT_FALSE(matchesQualifiedName(C, "::b::C"));
  EXPECT_FALSE(matchesQualifiedName(C, "x::C"));
  EXPECT_FALSE(matchesQualifiedName(C, "bC"));
}

TEST_F(ClassifyTest, InlineNamespacesAreIgnored) {
  parse("");
  const CXXRecordDecl *Future = record("future");
  ASSERT_TRUE(Future);
  EXPECT_TRUE(matchesQualifiedName(Future, "::std::future"));
}

// await_transform resolution: which overload would be viable, from the AST.
class AwaitTransformTest : public ClassifyTest {
protected:
  std::optional<bool> awaitableIn(StringRef Value, StringRef Promise,
                                  const AwaitableRules *Rules = nullptr) {
    AwaitableClassifier Classifier({}, Rules);
    const CXXRecordDecl *V = record(Value);
    const CXXRecordDecl *P = record(Promise);
    if (!V || !P)
      return std::nullopt;
    return Classifier
        .isAwaitableIn(QualType(V->getTypeForDecl(), 0), P,
                       AST->getASTContext())
        .Awaitable;
  }
};

constexpr const char *TraitsPrelude = R"cpp(
template <bool B, class T = int> struct enable_if {};
template <class T> struct enable_if<true, T> { using type = T; };
template <class T> struct is_op { static constexpr bool value = false; };
struct Op {};
struct Other {};
template <> struct is_op<Op> { static constexpr bool value = true; };
struct Awaiter {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
)cpp";

TEST_F(AwaitTransformTest, EnableIfDefaultArgument) {
  parse(std::string(TraitsPrelude) + R"cpp(
    struct Promise {
      template <class T>
      Awaiter await_transform(T &&, typename enable_if<is_op<T>::value>::type = 0);
    };
  )cpp");
  EXPECT_EQ(awaitableIn("Op", "Promise"), true);
  EXPECT_EQ(awaitableIn("Other", "Promise"), false);
}

TEST_F(AwaitTransformTest, ConceptConstraint) {
  parse(std::string(TraitsPrelude) + R"cpp(
    template <class T> concept tagged = requires { typename T::tag; };
    struct Tagged { using tag = int; };
    struct Promise {
      template <tagged T> Awaiter await_transform(T &&);
    };
  )cpp");
  EXPECT_EQ(awaitableIn("Tagged", "Promise"), true);
  EXPECT_EQ(awaitableIn("Other", "Promise"), false);
}

TEST_F(AwaitTransformTest, PassThroughNeedsAnAwaitableResult) {
  parse(std::string(TraitsPrelude) + R"cpp(
    struct Promise {
      template <class T> T &&await_transform(T &&);
    };
  )cpp");
  EXPECT_EQ(awaitableIn("Awaiter", "Promise"), true);
  EXPECT_EQ(awaitableIn("Other", "Promise"), false);
}

TEST_F(AwaitTransformTest, UninstantiatedTraitNeedsARule) {
  parse(std::string(TraitsPrelude) + R"cpp(
    template <class T> struct is_job {
      static constexpr bool value = T::runnable;
    };
    struct Job { static constexpr bool runnable = true; };
    struct Promise {
      template <class T>
      auto await_transform(T &&, typename enable_if<is_job<T>::value>::type = 0);
    };
  )cpp");
  EXPECT_EQ(awaitableIn("Job", "Promise"), std::nullopt);
  AwaitableRules Rules;
  std::string Error;
  ASSERT_TRUE(Rules.addYAML(R"yaml(
traits:
  - name: ::is_job
    holds-for: [::Job]
constraints:
  - name: ::is_job
    what: a job
    consequence: it never runs
)yaml",
                            "rules.yaml", Error))
      << Error;
  EXPECT_EQ(awaitableIn("Job", "Promise", &Rules), true);
}

TEST(AwaitableRulesTest, ErrorsNameTheFileAndLine) {
  AwaitableRules Rules;
  std::string Error;
  EXPECT_FALSE(Rules.addYAML("traits:\n  - name: x\n    holds-for: 3\n",
                             "mine.yaml", Error));
  EXPECT_EQ(StringRef(Error).substr(0, 12), "mine.yaml:3:");
  EXPECT_FALSE(
      Rules.addYAML("constraints:\n  - name: x\n", "other.yaml", Error));
}

} // namespace
