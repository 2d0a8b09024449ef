//===--- BlockingCallDatabaseTest.cpp - async-lint unit tests -------------===//

#include "utils/BlockingCallDatabase.h"
#include "utils/AwaitableRules.h"
#include "utils/DataFiles.h"
#include "utils/TaskHandoffDatabase.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::async::utils;

namespace {

// ---- the shared reading step of the three data files

template <typename Reader>
std::string readError(llvm::StringRef Text, Reader &&R) {
  std::string Error;
  EXPECT_FALSE(R.addYAML(Text, "data.yaml", Error));
  return Error;
}

TEST(DataFiles, NestingIsBoundedBeforeYAMLIORecurses) {
  std::string Deep = "version: 1\nentries: " + std::string(100000, '[') +
                     std::string(100000, ']') + "\n";
  BlockingCallDatabase DB;
  EXPECT_EQ(readError(Deep, DB),
            "data.yaml:2:74: nested more than 64 levels deep");
  TaskHandoffDatabase Handoffs;
  std::string Block = "version: 1\nspawners:\n";
  for (int I = 0; I < 70; ++I)
    Block += std::string(2 * I + 2, ' ') + "-\n";
  EXPECT_EQ(StringRef(readError(Block, Handoffs)).take_until([](char C) {
    return C == ' ';
  }),
            "data.yaml:66:129:");
  // 64 levels are read.
  std::string Fine = "traits: " + std::string(62, '[') + std::string(62, ']');
  AwaitableRules Rules;
  EXPECT_NE(readError(Fine, Rules).find("data.yaml:1:"), std::string::npos);
}

TEST(DataFiles, AliasesAreRefused) {
  TaskHandoffDatabase Handoffs;
  EXPECT_EQ(readError("version: 1\nspawners: &a [{name: x}]\nawaiters: *a\n",
                      Handoffs),
            "data.yaml:3:1: aliases ('*name') are not supported in data "
            "files");
}

TEST(DataFiles, EveryFormatGetsLocatedErrors) {
  AwaitableRules Rules;
  EXPECT_EQ(readError("", Rules),
            "data.yaml:1:1: the file is empty; expected a mapping with "
            "'traits', 'constraints' or 'protocols'");
  EXPECT_EQ(readError("- a\n", Rules),
            "data.yaml:1:1: expected a mapping with 'traits', 'constraints' "
            "or 'protocols'");
  EXPECT_EQ(readError("traits:\n  - name: x\n    holds-for: [y]\n    hold: "
                      "z\n",
                      Rules),
            "data.yaml:4:5: unknown key 'hold'");
  TaskHandoffDatabase Handoffs;
  EXPECT_EQ(readError("version: 1\nawaiters:\n  - library: x\n    name: ''\n",
                      Handoffs),
            "data.yaml:4:5: 'name' must not be empty");
  EXPECT_EQ(readError("version: 2\n", Handoffs),
            "data.yaml:1:1: unsupported handoff file version 2; this "
            "async-lint reads version 1");
}

TEST(DataFiles, OptionListsAndPaths) {
  EXPECT_EQ(splitOptionList(" a.yaml ;; b.yaml,c.yaml "),
            (std::vector<std::string>{"a.yaml", "b.yaml", "c.yaml"}));
  EXPECT_EQ(resolveDataFilePath("/abs/x.yaml", "/nowhere/a.cpp", "RuleFiles"),
            "/abs/x.yaml");
  // No .clang-tidy names the option: as written.
  EXPECT_EQ(resolveDataFilePath("x.yaml", "/nowhere/a.cpp", "RuleFiles"),
            "x.yaml");
}

// ---- parsing

TEST(BlockingCallDatabaseParser, ReadsEveryKey) {
  BlockingCallDatabase DB;
  std::string Error;
  ASSERT_TRUE(DB.addYAML(R"yaml(
version: 1
entries:
  - name: "  ::billing::Ledger::commit  "
    library: billing
    category: database
    alternative: "co_await ledger.commit_async()"
    min-args: 1
    max-args: 2
    unless-arg-zero: 1
    unless-arg-type: ["billing::NoWait", "std::nothrow_t"]
    receiver: ["billing::Ledger"]
  - name: "::billing::audit"
    category: file-io
)yaml",
                         "billing.yaml", Error))
      << Error;
  EXPECT_TRUE(Error.empty());
  ASSERT_EQ(DB.size(), 2u);

  const BlockingEntry &Commit = *DB.entries()[0];
  EXPECT_EQ(Commit.Name, "::billing::Ledger::commit");
  EXPECT_EQ(Commit.Library, "billing");
  EXPECT_EQ(Commit.Category, "database");
  EXPECT_EQ(Commit.Alternative, "co_await ledger.commit_async()");
  EXPECT_EQ(Commit.MinArgs, 1u);
  EXPECT_EQ(Commit.MaxArgs, 2u);
  EXPECT_EQ(Commit.UnlessArgZero, 1u);
  EXPECT_EQ(Commit.UnlessArgType,
            (std::vector<std::string>{"billing::NoWait", "std::nothrow_t"}));
  EXPECT_EQ(Commit.Receiver, std::vector<std::string>{"billing::Ledger"});
  EXPECT_EQ(Commit.Origin, "billing.yaml");

  const BlockingEntry &Audit = *DB.entries()[1];
  EXPECT_EQ(Audit.Name, "::billing::audit");
  EXPECT_EQ(Audit.Category, "file-io");
  EXPECT_TRUE(Audit.Library.empty());
  EXPECT_TRUE(Audit.Alternative.empty());
  EXPECT_FALSE(Audit.MinArgs);
  EXPECT_FALSE(Audit.MaxArgs);
  EXPECT_FALSE(Audit.UnlessArgZero);
  EXPECT_TRUE(Audit.UnlessArgType.empty());
  EXPECT_TRUE(Audit.Receiver.empty());
}

TEST(BlockingCallDatabaseParser, ReadsTheConditionKeys) {
  BlockingCallDatabase DB;
  std::string Error;
  ASSERT_TRUE(DB.addYAML(R"yaml(
version: 1
entries:
  - name: "::mq_recv"
    category: network-io
    if-arg-zero: 2
    if-arg-null: 3
    unless-arg-flag: [1, 4]
    unless-caller-calls: [::mq_get_error]
    receiver-arg: 1
    receiver-object: [::stdout]
    unless-receiver-object: [::stderr]
  - name: "Stub::*"
    category: network-io
    returns: rpc::Status
    param-types: [rpc::Context, "*"]
)yaml",
                         "mq.yaml", Error))
      << Error;
  ASSERT_EQ(DB.size(), 2u);
  const BlockingEntry &Recv = *DB.entries()[0];
  EXPECT_EQ(Recv.IfArgZero, 2u);
  EXPECT_EQ(Recv.IfArgNull, 3u);
  EXPECT_EQ(Recv.UnlessArgFlag, (std::vector<unsigned>{1, 4}));
  EXPECT_EQ(Recv.UnlessCallerCalls, std::vector<std::string>{"::mq_get_error"});
  EXPECT_EQ(Recv.ReceiverArg, 1u);
  EXPECT_EQ(Recv.ReceiverObject, std::vector<std::string>{"::stdout"});
  EXPECT_EQ(Recv.UnlessReceiverObject, std::vector<std::string>{"::stderr"});
  const BlockingEntry &Stub = *DB.entries()[1];
  EXPECT_EQ(Stub.Returns, "rpc::Status");
  EXPECT_EQ(Stub.ParamTypes, (std::vector<std::string>{"rpc::Context", "*"}));
}

TEST(BlockingCallDatabaseParser, EmptyEntryListIsValid) {
  BlockingCallDatabase DB;
  std::string Error;
  EXPECT_TRUE(DB.addYAML("version: 1\nentries: []\n", "empty.yaml", Error))
      << Error;
  EXPECT_EQ(DB.size(), 0u);
}

TEST(BlockingCallDatabaseParser, CompleteNamespacesAndResultDestructors) {
  BlockingCallDatabase DB;
  std::string Error;
  ASSERT_TRUE(DB.addYAML(R"yaml(
version: 1
libraries:
  - name: netlib
    complete-namespaces: ["::netlib", "::netlib_v2"]
  - name: other
entries:
  - name: "::netlib::spawn"
    category: wait
    waits-in-result-destructor: true
  - name: "::netlib::Pool::~Pool"
    category: wait
)yaml",
                         "netlib.yaml", Error))
      << Error;
  EXPECT_EQ(DB.completeNamespaces().vec(),
            (std::vector<std::string>{"::netlib", "::netlib_v2"}));
  ASSERT_EQ(DB.size(), 2u);
  EXPECT_TRUE(DB.entries()[0]->WaitsInResultDestructor);
  EXPECT_FALSE(DB.entries()[1]->WaitsInResultDestructor);

  BlockingCallDatabase Relative;
  EXPECT_FALSE(Relative.addYAML(R"yaml(version: 1
libraries:
  - name: netlib
    complete-namespaces: ["netlib"]
entries: []
)yaml",
                                "relative.yaml", Error));
  EXPECT_NE(Error.find("relative.yaml:3:5: complete namespace 'netlib' must be "
                       "fully qualified"),
            std::string::npos)
      << Error;
}

TEST(BuiltinBlockingCallDatabase, DeclaresAsioComplete) {
  EXPECT_TRUE(llvm::is_contained(
      BlockingCallDatabase::builtin().completeNamespaces(), "::asio"));
  EXPECT_TRUE(llvm::is_contained(
      BlockingCallDatabase::builtin().completeNamespaces(), "::boost::asio"));
}

TEST(BlockingCallDatabaseParser, FilesAccumulate) {
  BlockingCallDatabase DB;
  std::string Error;
  ASSERT_TRUE(DB.addYAML(
      "version: 1\nentries:\n  - {name: '::a::f', category: sleep}\n", "a.yaml",
      Error));
  ASSERT_TRUE(
      DB.addYAML("version: 1\nentries:\n  - {name: '::b::g', category: dns}\n",
                 "b.yaml", Error));
  ASSERT_EQ(DB.size(), 2u);
  EXPECT_EQ(DB.entries()[0]->Origin, "a.yaml");
  EXPECT_EQ(DB.entries()[1]->Origin, "b.yaml");
}

TEST(BlockingCallDatabaseParser, AddName) {
  BlockingCallDatabase DB;
  DB.addName(" legacy::Inventory::reserve ", "other", "", "BlockingFunctions");
  ASSERT_EQ(DB.size(), 1u);
  EXPECT_EQ(DB.entries()[0]->Name, "legacy::Inventory::reserve");
  EXPECT_EQ(DB.entries()[0]->Category, "other");
  EXPECT_EQ(DB.entries()[0]->Origin, "BlockingFunctions");
}

/// Parses Text as a database file named "user.yaml"; returns the error, or
/// "" when it parses.
std::string parseError(StringRef Text) {
  BlockingCallDatabase DB;
  std::string Error;
  bool Parsed = DB.addYAML(Text, "user.yaml", Error);
  EXPECT_EQ(Parsed, Error.empty()) << Error;
  return Parsed ? "" : Error;
}

TEST(BlockingCallDatabaseParser, MalformedYAML) {
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"::net::fetch\"\n"
                       "    category: [network-io\n"),
            "user.yaml:4:26: Could not find closing ]!");
}

TEST(BlockingCallDatabaseParser, ParserErrorsWithoutALocationAreAtTheStart) {
  // Found by fuzz/BlockingDatabaseFuzzer: the YAML parser reports this one
  // without a location ("<unknown>:0:0" before).
  EXPECT_EQ(parseError("?\n%"), "user.yaml:1:1: Map key must be a scalar");
}

TEST(BlockingCallDatabaseParser, UnknownKey) {
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"::net::fetch\"\n"
                       "    category: network-io\n"
                       "    suggestion: \"co_await fetch_async()\"\n"),
            "user.yaml:5:5: unknown key 'suggestion'");
}

TEST(BlockingCallDatabaseParser, UnknownCategory) {
  std::string Error = parseError("version: 1\n"
                                 "entries:\n"
                                 "  - name: \"::net::fetch\"\n"
                                 "    category: networking\n");
  EXPECT_EQ(StringRef(Error).split(';').first,
            "user.yaml:4:5: unknown category 'networking'");
  for (StringRef Category : blockingCategories())
    EXPECT_NE(Error.find(" " + Category.str()), std::string::npos)
        << Category.str();
}

TEST(BlockingCallDatabaseParser, MissingRequiredKeys) {
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - category: sleep\n"),
            "user.yaml:3:5: missing required key 'name'");
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"::net::fetch\"\n"),
            "user.yaml:3:5: missing required key 'category'");
  EXPECT_EQ(parseError("version: 1\n"),
            "user.yaml:1:1: missing required key 'entries'");
  EXPECT_EQ(parseError("entries: []\n"),
            "user.yaml:1:1: missing required key 'version'");
}

TEST(BlockingCallDatabaseParser, InvalidValues) {
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"   \"\n"
                       "    category: sleep\n"),
            "user.yaml:3:5: 'name' must not be empty");
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"::net::fetch\"\n"
                       "    category: sleep\n"
                       "    min-args: 3\n"
                       "    max-args: 1\n"),
            "user.yaml:5:5: 'min-args' is greater than 'max-args'");
  // The key named is found when the entry's keys come in another order.
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - category: netwrk\n"
                       "    # The category above.\n"
                       "    name: \"::net::fetch\"\n"
                       "  - name: \"::net::send\"\n"
                       "    category: network-io\n")
                .substr(0, 13),
            "user.yaml:3:5");
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"::net::fetch\"\n"
                       "    category: sleep\n"
                       "    min-args: some\n"),
            "user.yaml:5:15: invalid number");
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"Stub::*\"\n"
                       "    category: sleep\n"),
            "user.yaml:3:5: a name ending in '*' matches every function in "
            "its scope; it needs 'returns' or 'param-types'");
  EXPECT_EQ(parseError("version: 1\n"
                       "entries:\n"
                       "  - name: \"::zmq_recv\"\n"
                       "    category: sleep\n"
                       "    unless-arg-flag: [3]\n"),
            "user.yaml:5:5: 'unless-arg-flag' must be [argument index, mask]");
}

TEST(BlockingCallDatabaseParser, WrongShapeOrVersion) {
  EXPECT_EQ(parseError("version: 2\nentries: []\n"),
            "user.yaml:1:1: unsupported database version 2; this async-lint "
            "reads version 1");
  EXPECT_EQ(parseError("- name: \"::net::fetch\"\n"),
            "user.yaml:1:1: expected a mapping with 'version' and 'entries'");
  EXPECT_EQ(parseError("version: 1\nentries: {name: f}\n"),
            "user.yaml:2:11: not a sequence");
}

TEST(BlockingCallDatabaseParser, AFailedFileAddsNothingAfterTheError) {
  BlockingCallDatabase DB;
  std::string Error;
  EXPECT_FALSE(DB.addYAML("version: 1\n"
                          "entries:\n"
                          "  - {name: '::a::f', category: sleep}\n"
                          "  - {name: '::a::g', category: slep}\n",
                          "partial.yaml", Error));
  EXPECT_EQ(DB.size(), 0u);
  EXPECT_EQ(StringRef(Error).split(';').first,
            "partial.yaml:4:6: unknown category 'slep'");
}

// ---- the built-in database

TEST(BuiltinBlockingCallDatabase, IsLargeAndWellFormed) {
  const BlockingCallDatabase &DB = BlockingCallDatabase::builtin();
  EXPECT_GE(DB.size(), 150u);
  for (const auto &Entry : DB.entries()) {
    EXPECT_FALSE(Entry->Name.empty());
    EXPECT_TRUE(llvm::is_contained(blockingCategories(), Entry->Category))
        << Entry->Name;
    EXPECT_FALSE(Entry->Library.empty()) << Entry->Name;
    if (Entry->Category != "console")
      EXPECT_FALSE(Entry->Alternative.empty()) << Entry->Name;
  }
}

// ---- categories

TEST(CategoryFilter, DefaultListLeavesConsoleOut) {
  std::vector<std::string> Default = {"*", "-console"};
  for (StringRef Category : blockingCategories())
    EXPECT_EQ(isCategoryEnabled(Category, Default), Category != "console")
        << Category.str();
}

TEST(CategoryFilter, LaterItemsWin) {
  EXPECT_TRUE(isCategoryEnabled("sleep", {"sleep"}));
  EXPECT_FALSE(isCategoryEnabled("lock", {"sleep"}));
  EXPECT_FALSE(isCategoryEnabled("sleep", {}));
  EXPECT_FALSE(isCategoryEnabled("sleep", {"*", "-sleep"}));
  EXPECT_TRUE(isCategoryEnabled("sleep", {"*", "-sleep", "sleep"}));
  EXPECT_FALSE(isCategoryEnabled("sleep", {"sleep", "-*"}));
  EXPECT_TRUE(isCategoryEnabled("console", {"-*", "console"}));
  EXPECT_TRUE(isCategoryEnabled("dns", {" * ", " -console "}));
  EXPECT_FALSE(isCategoryEnabled("console", {" * ", " -console "}));
}

// ---- matching calls in small ASTs

class MatchTest : public ::testing::Test {
protected:
  void parse(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    ASSERT_TRUE(AST);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  }

  void load(StringRef YAML) {
    std::string Error;
    ASSERT_TRUE(DB.addYAML(YAML, "test.yaml", Error)) << Error;
  }

  /// The calls and constructions in the function named Function, in source
  /// order.
  std::vector<const Expr *> callsIn(StringRef Function) {
    auto Matches = match(
        functionDecl(
            hasName(Function), isDefinition(),
            forEachDescendant(
                expr(anyOf(callExpr(), cxxConstructExpr())).bind("call"))),
        AST->getASTContext());
    std::vector<const Expr *> Calls;
    for (const BoundNodes &Match : Matches)
      Calls.push_back(Match.getNodeAs<Expr>("call"));
    llvm::sort(Calls, [&](const Expr *A, const Expr *B) {
      return AST->getSourceManager().isBeforeInTranslationUnit(
          A->getBeginLoc(), B->getBeginLoc());
    });
    return Calls;
  }

  /// The name of the entry each call in Function matches ("-" for none).
  std::vector<std::string>
  matchesIn(StringRef Function,
            const std::vector<std::string> &Categories = {"*"}) {
    std::vector<std::string> Result;
    for (const Expr *Call : callsIn(Function)) {
      std::optional<CallSite> Site = CallSite::from(Call);
      const BlockingEntry *Entry =
          Site ? DB.match(*Site, AST->getASTContext(), Categories) : nullptr;
      Result.push_back(Entry ? Entry->Name : "-");
    }
    return Result;
  }

  using Names = std::vector<std::string>;

  std::unique_ptr<ASTUnit> AST;
  BlockingCallDatabase DB;
};

TEST_F(MatchTest, QualifiedNamesAnchorsAndSuffixes) {
  load(R"yaml(
version: 1
entries:
  - {name: "::sleep", category: sleep}
  - {name: "net::connect", category: network-io}
)yaml");
  parse(R"cpp(
    unsigned sleep(unsigned);
    namespace timer { unsigned sleep(unsigned); }
    namespace app { namespace net { int connect(int); } }
    namespace netx { int connect(int); }
    void handler() {
      sleep(1);
      timer::sleep(1);
      app::net::connect(3);
      netx::connect(3);
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler"), (Names{"::sleep", "-", "net::connect", "-"}));
}

TEST_F(MatchTest, InlineNamespacesAndTemplateArgumentsAreIgnored) {
  load(R"yaml(
version: 1
entries:
  - {name: "std::future::get", category: wait}
)yaml");
  parse(R"cpp(
    namespace std { inline namespace __1 {
      template <class T> struct future { T get(); bool valid() const; };
    } }
    int handler(std::future<int> &f, std::future<long> &g) {
      return f.get() + g.get() + f.valid();
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler"),
            (Names{"std::future::get", "std::future::get", "-"}));
}

TEST_F(MatchTest, ConstructorsAreClassColonClass) {
  load(R"yaml(
version: 1
entries:
  - name: "files::Reader::Reader"
    category: file-io
    min-args: 1
    unless-arg-type: ["files::Reader"]
)yaml");
  parse(R"cpp(
    namespace files {
    struct Reader {
      Reader();
      explicit Reader(const char *path);
      Reader(Reader &&);
    };
    }
    void handler() {
      files::Reader closed;
      files::Reader open("/etc/hosts");
      files::Reader moved(static_cast<files::Reader &&>(open));
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler"), (Names{"-", "files::Reader::Reader", "-"}));
}

TEST_F(MatchTest, ArgumentCounts) {
  load(R"yaml(
version: 1
entries:
  - {name: "::storage::upload", category: network-io, max-args: 2}
  - {name: "::storage::download", category: network-io, min-args: 2}
)yaml");
  parse(R"cpp(
    namespace storage {
    using Callback = void (*)(int);
    void upload(const char *key, const char *data, Callback done = nullptr);
    void upload(const char *key, const char *data, Callback done, int retries);
    void download(const char *key, Callback done = nullptr);
    }
    void handler(storage::Callback done) {
      storage::upload("k", "v");
      storage::upload("k", "v", done);
      storage::upload("k", "v", done, 3);
      storage::download("k");
      storage::download("k", done);
    }
  )cpp");
  // Default arguments do not count as written.
  EXPECT_EQ(matchesIn("handler"),
            (Names{"::storage::upload", "-", "-", "-", "::storage::download"}));
}

TEST_F(MatchTest, UnlessArgZero) {
  load(R"yaml(
version: 1
entries:
  - {name: "::poll", category: network-io, unless-arg-zero: 2}
)yaml");
  parse(R"cpp(
    struct pollfd { int fd; short events, revents; };
    int poll(pollfd *fds, unsigned long n, int timeout);
    constexpr int NoWait = 0;
    void handler(pollfd *fds, int timeout) {
      poll(fds, 1, 0);
      poll(fds, 1, NoWait);
      poll(fds, 1, 10 - 10);
      poll(fds, 1, -1);
      poll(fds, 1, timeout);
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler"), (Names{"-", "-", "-", "::poll", "::poll"}));
}

TEST_F(MatchTest, UnlessArgType) {
  load(R"yaml(
version: 1
entries:
  - name: "std::unique_lock::unique_lock"
    category: lock
    min-args: 1
    unless-arg-type: ["std::defer_lock_t", "std::try_to_lock_t", "std::adopt_lock_t", "std::unique_lock"]
)yaml");
  parse(R"cpp(
    namespace std {
    struct defer_lock_t {}; struct try_to_lock_t {}; struct adopt_lock_t {};
    inline constexpr defer_lock_t defer_lock{};
    inline constexpr try_to_lock_t try_to_lock{};
    inline constexpr adopt_lock_t adopt_lock{};
    template <class M> struct unique_lock {
      unique_lock() noexcept;
      explicit unique_lock(M &);
      unique_lock(M &, defer_lock_t) noexcept;
      unique_lock(M &, try_to_lock_t);
      unique_lock(M &, adopt_lock_t);
      unique_lock(unique_lock &&) noexcept;
    };
    template <class T> T &&move(T &t) noexcept { return static_cast<T &&>(t); }
    }
    struct Mutex {};
    void handler(Mutex &m) {
      std::unique_lock<Mutex> locked(m);
      std::unique_lock<Mutex> deferred(m, std::defer_lock);
      std::unique_lock<Mutex> tried(m, std::try_to_lock);
      std::unique_lock<Mutex> adopted(m, std::adopt_lock);
      std::unique_lock<Mutex> empty;
      std::unique_lock<Mutex> moved(std::move(locked));
    }
  )cpp");
  // Only the constructions of unique_lock (not the copies of the tags, nor
  // the call of std::move).
  Names Result;
  for (const Expr *Call : callsIn("handler")) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(Call);
    if (!Construct ||
        Construct->getConstructor()->getParent()->getName() != "unique_lock")
      continue;
    std::optional<CallSite> Site = CallSite::from(Call);
    ASSERT_TRUE(Site);
    const BlockingEntry *Entry = DB.match(*Site, AST->getASTContext(), {"*"});
    Result.push_back(Entry ? Entry->Name : "-");
  }
  EXPECT_EQ(Result,
            (Names{"std::unique_lock::unique_lock", "-", "-", "-", "-", "-"}));
}

TEST_F(MatchTest, ReceiverOfMethodsAndFreeFunctions) {
  load(R"yaml(
version: 1
entries:
  - name: "io::Stream::read"
    category: file-io
    receiver: ["io::FileStream"]
  - name: "io::getline"
    category: file-io
    receiver: ["io::FileStream"]
)yaml");
  parse(R"cpp(
    namespace io {
    struct Stream { int read(char *, int); };
    struct FileStream : Stream {};
    struct LoggingFileStream : FileStream {};
    struct StringStream : Stream {};
    Stream &getline(Stream &, char *);
    }
    void handler(io::FileStream &file, io::LoggingFileStream *logged,
                 io::StringStream &text, char *buffer) {
      file.read(buffer, 4);
      logged->read(buffer, 4);
      text.read(buffer, 4);
      io::getline(file, buffer);
      io::getline(text, buffer);
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler"), (Names{"io::Stream::read", "io::Stream::read",
                                         "-", "io::getline", "-"}));
}

TEST_F(MatchTest, MethodInheritedFromABaseMatchesTheNamedClass) {
  load(R"yaml(
version: 1
entries:
  - {name: "std::future::wait", category: wait}
)yaml");
  parse(R"cpp(
    namespace std {
    struct __basic_future { void wait() const; };
    template <class T> struct future : __basic_future {};
    template <class T> struct shared_future : __basic_future {};
    }
    void handler(std::future<int> &f, std::shared_future<int> &s) {
      f.wait();
      s.wait();
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler"), (Names{"std::future::wait", "-"}));
}

TEST_F(MatchTest, OperatorsWithAReceiver) {
  load(R"yaml(
version: 1
entries:
  - name: "io::operator<<"
    category: file-io
    receiver: ["io::FileStream"]
)yaml");
  parse(R"cpp(
    namespace io {
    struct Stream {};
    struct FileStream : Stream {};
    struct StringStream : Stream {};
    Stream &operator<<(Stream &, const char *);
    }
    namespace other { struct Stream {}; Stream &operator<<(Stream &, const char *); }
    void handler(io::FileStream &file, io::StringStream &text, other::Stream &o) {
      file << "x";
      text << "x";
      o << "x";
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler"), (Names{"io::operator<<", "-", "-"}));
}

TEST_F(MatchTest, FunctionObjectVariables) {
  load(R"yaml(
version: 1
entries:
  - {name: "::exec::sync_wait", category: sync-wait}
)yaml");
  parse(R"cpp(
    namespace exec {
    struct sync_wait_t { template <class S> int operator()(S) const; };
    inline constexpr sync_wait_t sync_wait{};
    inline constexpr sync_wait_t start_detached{};
    }
    struct Sender {};
    void handler() {
      exec::sync_wait(Sender{});
      exec::start_detached(Sender{});
    }
  )cpp");
  Names Result;
  for (const Expr *Call : callsIn("handler")) {
    if (!isa<CXXOperatorCallExpr>(Call))
      continue;
    std::optional<CallSite> Site = CallSite::from(Call);
    ASSERT_TRUE(Site);
    const BlockingEntry *Entry = DB.match(*Site, AST->getASTContext(), {"*"});
    Result.push_back(Entry ? Entry->Name : "-");
  }
  EXPECT_EQ(Result, (Names{"::exec::sync_wait", "-"}));
}

TEST_F(MatchTest, DisabledCategoriesDoNotMatch) {
  load(R"yaml(
version: 1
entries:
  - {name: "::printf", category: console}
  - {name: "::usleep", category: sleep}
)yaml");
  parse(R"cpp(
    extern "C" int printf(const char *, ...);
    extern "C" int usleep(unsigned);
    void handler() {
      printf("x");
      usleep(1);
    }
  )cpp");
  EXPECT_EQ(matchesIn("handler", {"*", "-console"}), (Names{"-", "::usleep"}));
  EXPECT_EQ(matchesIn("handler", {"console"}), (Names{"::printf", "-"}));
  EXPECT_EQ(matchesIn("handler", {}), (Names{"-", "-"}));
}

// ---- overlapping entries

TEST_F(MatchTest, LaterEntriesShadowEarlierOnes) {
  // As a user file loaded after the built-in entries does.
  load(R"yaml(
version: 1
entries:
  - name: "::net::fetch"
    library: net
    category: network-io
    alternative: "co_await net::fetch_async(url)"
)yaml");
  std::string Error;
  ASSERT_TRUE(DB.addYAML(R"yaml(
version: 1
entries:
  - name: "net::fetch"
    library: project
    category: http
    alternative: "co_await http_client.get(url)"
)yaml",
                         "project.yaml", Error))
      << Error;
  parse(R"cpp(
    namespace net { int fetch(const char *url); }
    void handler() { net::fetch("https://example.org"); }
  )cpp");
  const Expr *Call = callsIn("handler").front();
  std::optional<CallSite> Site = CallSite::from(Call);
  ASSERT_TRUE(Site);
  const BlockingEntry *Entry = DB.match(*Site, AST->getASTContext(), {"*"});
  ASSERT_TRUE(Entry);
  EXPECT_EQ(Entry->Origin, "project.yaml");
  EXPECT_EQ(Entry->Category, "http");
  EXPECT_EQ(Entry->Alternative, "co_await http_client.get(url)");

  // With the shadowing entry's category off, the earlier entry applies.
  Entry = DB.match(*Site, AST->getASTContext(), {"*", "-http"});
  ASSERT_TRUE(Entry);
  EXPECT_EQ(Entry->Origin, "test.yaml");
  EXPECT_EQ(Entry->Category, "network-io");
}

TEST_F(MatchTest, AShadowingEntryWhoseConditionFailsFallsBack) {
  load(R"yaml(
version: 1
entries:
  - {name: "::net::fetch", category: network-io}
  - {name: "::net::fetch", category: http, min-args: 2}
)yaml");
  parse(R"cpp(
    namespace net { int fetch(const char *url, int timeout = 0); }
    void handler() {
      net::fetch("https://example.org");
      net::fetch("https://example.org", 5);
    }
  )cpp");
  std::vector<std::string> Categories;
  for (const Expr *Call : callsIn("handler")) {
    std::optional<CallSite> Site = CallSite::from(Call);
    ASSERT_TRUE(Site);
    const BlockingEntry *Entry = DB.match(*Site, AST->getASTContext(), {"*"});
    ASSERT_TRUE(Entry);
    Categories.push_back(Entry->Category);
  }
  EXPECT_EQ(Categories, (std::vector<std::string>{"network-io", "http"}));
}

TEST_F(MatchTest, BuiltinDatabaseKnowsCommonCalls) {
  parse(R"cpp(
    extern "C" unsigned sleep(unsigned);
    extern "C" int poll(void *, unsigned long, int);
    void handler(void *fds) {
      sleep(1);
      poll(fds, 1, 0);
      poll(fds, 1, 100);
    }
  )cpp");
  Names Result;
  for (const Expr *Call : callsIn("handler")) {
    std::optional<CallSite> Site = CallSite::from(Call);
    ASSERT_TRUE(Site);
    const BlockingEntry *Entry = BlockingCallDatabase::builtin().match(
        *Site, AST->getASTContext(), {"*", "-console"});
    Result.push_back(Entry ? Entry->Category : "-");
  }
  EXPECT_EQ(Result, (Names{"sleep", "-", "network-io"}));
}

} // namespace
