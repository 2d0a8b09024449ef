//===--- ProjectSummaryTest.cpp - async-lint ------------------------------===//

#include "utils/ProjectSummary.h"
#include "gtest/gtest.h"

using namespace clang::tidy::async::utils;

namespace {

SummaryFunction plain(std::string USR) {
  SummaryFunction F;
  F.Name = "'" + USR + "'";
  F.USR = std::move(USR);
  return F;
}

SummaryFunction blocking(std::string USR) {
  SummaryFunction F = plain(std::move(USR));
  F.Chain.push_back(SummaryHop{{"/p/b.cpp", 7}, F.Name, "'sleep'"});
  F.Category = "sleep";
  F.EntryName = F.QualifiedEntryName = "std::this_thread::sleep_for";
  return F;
}

SummaryCall call(std::string USR, unsigned Offset = 1) {
  SummaryCall C;
  C.Callee = "'" + USR + "'";
  C.USR = std::move(USR);
  C.Site = {"/p/a.cpp", Offset};
  return C;
}

SummaryFunction coroutine(std::string USR, std::vector<SummaryCall> Calls) {
  SummaryFunction F = plain(std::move(USR));
  F.Coroutine = "coroutine " + F.Name;
  F.Calls = std::move(Calls);
  return F;
}

TEST(ProjectSummaryTest, ChainAcrossFilesShortestFirst) {
  TUSummary A{"/p/a.cpp", {coroutine("co", {call("h1"), call("ok")})}};
  SummaryFunction H1 = plain("h1");
  H1.Calls = {call("h2", 10), call("sleeper", 11)};
  SummaryFunction H2 = plain("h2");
  H2.Calls = {call("sleeper", 20)};
  TUSummary B{"/p/b.cpp", {H1, H2, blocking("sleeper"), plain("ok")}};
  ProjectLink Link({A, B});
  std::vector<LinkedFinding> Findings = Link.findings();
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Message,
            "'h1' blocks the thread inside coroutine 'co'; every other task "
            "on this executor stalls until it returns (category: sleep)");
  ASSERT_EQ(Findings[0].Notes.size(), 2u);
  EXPECT_EQ(Findings[0].Notes[0].second, "'h1' calls 'sleeper'");
  EXPECT_EQ(Findings[0].Notes[0].first.Offset, 11u);
  EXPECT_EQ(Findings[0].Notes[1].second,
            "'sleeper' calls 'std::this_thread::sleep_for', which blocks");
}

TEST(ProjectSummaryTest, DeepChainIsIterativeAndShortened) {
  // 10,000 functions in a row, the last one blocking: no recursion, and the
  // notes show the first hops and the last.
  constexpr unsigned Depth = 10000;
  TUSummary TU{"/p/a.cpp", {}};
  TU.Functions.push_back(coroutine("co", {call("f0")}));
  for (unsigned I = 0; I < Depth; ++I) {
    SummaryFunction F = plain("f" + std::to_string(I));
    F.Calls = {call("f" + std::to_string(I + 1), I)};
    TU.Functions.push_back(F);
  }
  TU.Functions.push_back(blocking("f" + std::to_string(Depth)));
  ProjectLink Link({TU});
  std::vector<LinkedFinding> Findings = Link.findings();
  ASSERT_EQ(Findings.size(), 1u);
  ASSERT_EQ(Findings[0].Notes.size(), 10u);
  EXPECT_EQ(Findings[0].Notes[8].second,
            "... " + std::to_string(Depth + 1 - 9) + " more calls ...");
  EXPECT_EQ(Link.blockingCount(), Depth + 1);
}

TEST(ProjectSummaryTest, CyclesCoroutinesAndParameterWaitsDoNotBlock) {
  SummaryFunction Ping = plain("ping"), Pong = plain("pong");
  Ping.Calls = {call("pong")};
  Pong.Calls = {call("ping")};
  SummaryFunction Take = blocking("take");
  Take.WaitsOnParameter = true;
  SummaryFunction Wrapper = plain("wrapper");
  Wrapper.Calls = {call("take")};
  // A coroutine that blocks is reported in its own body, not at its callers.
  SummaryFunction Sleepy = blocking("sleepy");
  Sleepy.Coroutine = "coroutine 'sleepy'";
  TUSummary TU{"/p/a.cpp",
               {Ping, Pong, Take, Wrapper, Sleepy,
                coroutine("co", {call("ping"), call("take"), call("wrapper"),
                                 call("sleepy"), call("unknown")})}};
  ProjectLink Link({TU});
  EXPECT_TRUE(Link.findings().empty());
  EXPECT_EQ(Link.blockingCount(), 0u);
}

TEST(ProjectSummaryTest, DefinitionsInSeveralTUs) {
  // An inline function of a header: the TU that defines its callee sees it
  // block; the others see a call.
  SummaryFunction Seen = blocking("inl");
  SummaryFunction Unseen = plain("inl");
  Seen.Where = Unseen.Where = {"/p/h.hpp", 40};
  Unseen.Calls = {call("impl")};
  TUSummary A{"/p/a.cpp", {Unseen, coroutine("co", {call("inl")})}};
  TUSummary B{"/p/b.cpp", {Seen}};
  EXPECT_EQ(ProjectLink({A, B}).findings().size(), 1u);
  // Two programs of one database defining one function differently:
  // undecided, never a finding.
  SummaryFunction Other = blocking("inl");
  Other.Where = {"/p/other-program.cpp", 12};
  TUSummary C{"/p/c.cpp", {Other}};
  EXPECT_TRUE(ProjectLink({A, C}).findings().empty());
  EXPECT_TRUE(ProjectLink({C, A}).findings().empty());
}

TEST(ProjectSummaryTest, RoundTripAndRejections) {
  SummaryFunction Co = coroutine("co", {call("h")});
  Co.Calls[0].Implicit = true;
  Co.Calls[0].Await = "co_await\tx\\y\n";
  TUSummary TU{"/root/src/a.cpp", {Co, blocking("h")}};
  SummaryHeader Header{"1.0", "/root", "/root"};
  std::string Text = writeSummaries({TU}, Header);
  EXPECT_NE(Text.find("tu src/a.cpp\n"), std::string::npos);
  std::vector<TUSummary> Read;
  std::string Error;
  ASSERT_TRUE(readSummaries(Text, Header, Read, Error)) << Error;
  ASSERT_EQ(Read.size(), 1u);
  EXPECT_EQ(Read[0].File, "/root/src/a.cpp");
  EXPECT_EQ(Read[0].Functions[0].Calls[0].Await, "co_await\tx\\y\n");
  EXPECT_EQ(writeSummaries(Read, Header), Text);

  for (size_t Cut : {size_t(0), size_t(10), Text.size() / 2, Text.size() - 1}) {
    std::vector<TUSummary> None;
    EXPECT_FALSE(readSummaries(Text.substr(0, Cut), Header, None, Error));
    EXPECT_TRUE(None.empty());
    EXPECT_FALSE(Error.empty());
  }
  std::vector<TUSummary> None;
  EXPECT_FALSE(readSummaries(Text, {"2.0", "/root", "/root"}, None, Error));
  EXPECT_NE(Error.find("written by async-lint 1.0"), std::string::npos);
  EXPECT_FALSE(readSummaries(Text, {"1.0", "/other", "/other"}, None, Error));
  EXPECT_NE(Error.find("another project"), std::string::npos);
  EXPECT_TRUE(None.empty());
}

} // namespace
