//===--- FindingsTest.cpp - async-lint unit tests -------------------------===//

#include "Findings.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace asynclint;
using namespace llvm;

namespace {

// ---- code point columns

TEST(CodePointColumn, ASCIIIsBytes) {
  EXPECT_EQ(codePointColumn("  work();", 1), 1u);
  EXPECT_EQ(codePointColumn("  work();", 3), 3u);
  EXPECT_EQ(codePointColumn("  work();", 10), 10u);
}

TEST(CodePointColumn, CountsMultiByteCharactersOnce) {
  // "é" is 2 bytes, "€" 3, "😀" 4: 'w' is byte column 22, code point
  // column 16.
  StringRef Line = "f(\"h\xC3\xA9llo \xE2\x82\xAC\xF0\x9F\x98\x80\"); work();";
  ASSERT_EQ(Line.find('w'), 21u);
  EXPECT_EQ(codePointColumn(Line, 22), 16u);
  // Just after each character.
  EXPECT_EQ(codePointColumn(Line, 7), 6u);
  EXPECT_EQ(codePointColumn(Line, 14), 11u);
  EXPECT_EQ(codePointColumn(Line, 18), 12u);
}

TEST(CodePointColumn, InvalidUTF8CountsEachByte) {
  // A stray continuation byte, a truncated sequence, an overlong encoding
  // and a byte that is never valid: one code point each.
  EXPECT_EQ(codePointColumn("\x80x", 2), 2u);
  EXPECT_EQ(codePointColumn("\xE2\x82x", 3), 3u);
  EXPECT_EQ(codePointColumn("\xC0\xAFx", 3), 3u);
  EXPECT_EQ(codePointColumn("\xFFx", 2), 2u);
  // A sequence cut off by the end of the line.
  EXPECT_EQ(codePointColumn("\xF0\x9F", 3), 3u);
}

TEST(CodePointColumn, PastTheEndOfTheLine) {
  EXPECT_EQ(codePointColumn("\xC3\xA9", 3), 2u);
  EXPECT_EQ(codePointColumn("\xC3\xA9", 5), 4u);
  EXPECT_EQ(codePointColumn("", 1), 1u);
  EXPECT_EQ(codePointColumn("abc", 0), 0u);
}

// ---- URIs

TEST(PercentEncodePath, KeepsUnreservedAndSlash) {
  EXPECT_EQ(percentEncodePath("src/a-b_c.d~e/F9.cpp"), "src/a-b_c.d~e/F9.cpp");
}

TEST(PercentEncodePath, EncodesEverythingElse) {
  EXPECT_EQ(percentEncodePath("sp ace/\xC3\xBCn\xC3\xAF/f\xC3\xAFle 1.cpp"),
            "sp%20ace/%C3%BCn%C3%AF/f%C3%AFle%201.cpp");
  EXPECT_EQ(percentEncodePath("a%b#c?d:e@f+g&h=i;j[k]l\\m'n\"o"),
            "a%25b%23c%3Fd%3Ae%40f%2Bg%26h%3Di%3Bj%5Bk%5Dl%5Cm%27n%22o");
}

TEST(FileURI, AbsolutePaths) {
  EXPECT_EQ(fileURI("/work/sp ace/\xC3\xBC.cpp"),
            "file:///work/sp%20ace/%C3%BC.cpp");
  EXPECT_EQ(fileURI("/"), "file:///");
  EXPECT_EQ(fileURI(""), "file:///");
}

// ---- locate and SARIF

class FindingsFile : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(sys::fs::createTemporaryFile("findings-test", "cpp", Path));
  }
  void TearDown() override { (void)sys::fs::remove(Path); }
  void write(StringRef Text) {
    std::error_code EC;
    raw_fd_ostream OS(Path, EC);
    ASSERT_FALSE(EC);
    OS << Text;
  }
  SmallString<128> Path;
};

TEST_F(FindingsFile, LocateCountsBytesAndCodePoints) {
  write("int x;\n/* h\xC3\xA9llo */ work();\n");
  SourceFiles Sources;
  // "work" starts at byte 14 of line 2, offset 7 + 13 = 20.
  Location Loc = Sources.locate(Path, 20, 4);
  EXPECT_EQ(Loc.Line, 2u);
  EXPECT_EQ(Loc.Column, 14u);
  EXPECT_EQ(Loc.CodePointColumn, 13u);
  EXPECT_EQ(Loc.EndLine, 2u);
  EXPECT_EQ(Loc.EndColumn, 18u);
  EXPECT_EQ(Loc.EndCodePointColumn, 17u);
}

TEST_F(FindingsFile, LocateLeavesOutTheBOMOfLineOne) {
  write("\xEF\xBB\xBFwork();\r\n\xEF\xBB\xBFwork();\r\n");
  SourceFiles Sources;
  Location First = Sources.locate(Path, 3, 4);
  EXPECT_EQ(First.Line, 1u);
  EXPECT_EQ(First.Column, 4u);
  EXPECT_EQ(First.CodePointColumn, 1u);
  EXPECT_EQ(First.EndCodePointColumn, 5u);
  // The BOM itself: column 1.
  EXPECT_EQ(Sources.locate(Path, 1).CodePointColumn, 1u);
  // U+FEFF anywhere else is an ordinary (zero width) character.
  Location Second = Sources.locate(Path, 15);
  EXPECT_EQ(Second.Line, 2u);
  EXPECT_EQ(Second.Column, 4u);
  EXPECT_EQ(Second.CodePointColumn, 2u);
}

TEST_F(FindingsFile, SARIFUsesCodePointsAndEncodedURIs) {
  write("int x;\n/* h\xC3\xA9llo */ work();\n");
  SourceFiles Sources;
  Finding F;
  F.Check = "async-unawaited-coroutine";
  F.Level = "warning";
  F.Message = "m";
  F.Fingerprint = "0";
  F.Where = Sources.locate(Path, 20, 4);
  F.Notes.push_back(Note{"n", Sources.locate(Path, 20)});
  std::string Text;
  raw_string_ostream OS(Text);
  // The file outside the root: an absolute file:// URI.
  writeSARIF(OS, {F}, {}, "/nonexistent root/\xC3\xBC");
  Expected<json::Value> Log = json::parse(Text);
  ASSERT_TRUE(bool(Log)) << toString(Log.takeError());
  const json::Object &Run =
      *(*Log->getAsObject()->getArray("runs"))[0].getAsObject();
  EXPECT_EQ(Run.getObject("originalUriBaseIds")
                ->getObject("SRCROOT")
                ->getString("uri"),
            "file:///nonexistent%20root/%C3%BC/");
  const json::Object &Result = *(*Run.getArray("results"))[0].getAsObject();
  const json::Object *Physical =
      (*Result.getArray("locations"))[0].getAsObject()->getObject(
          "physicalLocation");
  EXPECT_EQ(Physical->getObject("artifactLocation")->getString("uri"),
            fileURI(Path));
  EXPECT_EQ(Physical->getObject("artifactLocation")->get("uriBaseId"), nullptr);
  const json::Object *Region = Physical->getObject("region");
  EXPECT_EQ(Region->getInteger("startColumn"), 13);
  EXPECT_EQ(Region->getInteger("endColumn"), 17);
  const json::Object *Related =
      (*Result.getArray("relatedLocations"))[0].getAsObject()->getObject(
          "physicalLocation");
  EXPECT_EQ(Related->getObject("region")->getInteger("startColumn"), 13);
}

} // namespace
