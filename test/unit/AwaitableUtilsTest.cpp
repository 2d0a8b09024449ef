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

} // namespace
