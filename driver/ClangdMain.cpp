//===--- ClangdMain.cpp - async-lint-clangd -------------------------------===//
//
// clangd with the async-* checks built in: its clang-tidy integration runs
// them as the user types, once a .clangd or .clang-tidy file enables them.
//
//===----------------------------------------------------------------------===//

#include "utils/ProjectSummary.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>
#include <optional>

namespace clang::clangd {
// Defined in Debian's libclangdMain.a, which installs no header for it.
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Defined next to the module registration; referencing it keeps the module.
extern volatile int AsyncLintModuleAnchorSource;
[[maybe_unused]] static int AsyncLintModuleAnchorDestination =
    AsyncLintModuleAnchorSource;
} // namespace clang::tidy

// clangd runs a clang-tidy check under its default FastCheckFilter (Strict)
// only when its table of measured checks says it is fast; ours are not in
// that table, so `Add: [async-*]` alone would give nothing, silently. They
// restrict themselves to the main file and cost a small fraction of the
// parse, so this build counts them as fast. The link wraps clangd's
// isFastTidyCheck (--wrap, see clangd.cmake) with this function.
namespace asynclint {
// The symbol names the linker's --wrap gives, declared under our own names.
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> isFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

std::optional<bool> isFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("async-"))
    return true;
  return realIsFastTidyCheck(Check);
}
} // namespace asynclint

namespace asynclint {
namespace utils = clang::tidy::async::utils;

/// The project's latest summaries, as the driver leaves them in its default
/// cache directory (see docs/editors.md): read again when they change.
class LatestSummaries : public utils::SummarySource {
public:
  std::shared_ptr<const utils::ProjectLink>
  forFile(llvm::StringRef File) override {
    std::string Database = utils::findDatabaseDirectory(File);
    std::string Cache = cacheDirectory();
    if (Database.empty() || Cache.empty())
      return nullptr;
    std::string Path = utils::latestSummariesPath(Cache, Database);
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(Path, Status) ||
        !llvm::sys::fs::is_regular_file(Status))
      return nullptr;
    std::lock_guard<std::mutex> Lock(Mutex);
    Loaded &Entry = Projects[Path];
    if (Entry.Time == Status.getLastModificationTime() &&
        Entry.Size == Status.getSize())
      return Entry.Link;
    Entry.Time = Status.getLastModificationTime();
    Entry.Size = Status.getSize();
    Entry.Link.reset();
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    std::vector<utils::TUSummary> Summaries;
    std::string Error;
    if (!Buffer)
      Error = Buffer.getError().message();
    else
      utils::readSummaries((*Buffer)->getBuffer(),
                           {ASYNC_LINT_VERSION, Database, ""}, Summaries,
                           Error);
    if (!Error.empty()) {
      llvm::errs() << "async-lint-clangd: ignoring summary file '" << Path
                   << "': " << Error << "\n";
      return nullptr;
    }
    Entry.Link = std::make_shared<utils::ProjectLink>(std::move(Summaries));
    // New summaries: the files they point into may have changed too.
    Files.clear();
    return Entry.Link;
  }

  std::string describe(const utils::SummaryLocation &Where) override {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto [It, Inserted] = Files.try_emplace(Where.File);
    if (Inserted)
      if (auto Buffer = llvm::MemoryBuffer::getFile(Where.File))
        It->second = std::move(*Buffer);
    llvm::StringRef Text = It->second ? It->second->getBuffer() : "";
    unsigned Line = 1, Column = 1;
    for (size_t I = 0; I < Where.Offset && I < Text.size(); ++I) {
      if (Text[I] == '\n') {
        ++Line;
        Column = 1;
      } else {
        ++Column;
      }
    }
    return Where.File + ":" + std::to_string(Line) + ":" +
           std::to_string(Column);
  }

private:
  /// The driver's default cache directory: $XDG_CACHE_HOME/async-lint or
  /// ~/.cache/async-lint.
  static std::string cacheDirectory() {
    llvm::SmallString<256> Dir;
    if (std::optional<std::string> XDG =
            llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
        XDG && !XDG->empty())
      Dir = *XDG;
    else if (llvm::sys::path::home_directory(Dir))
      llvm::sys::path::append(Dir, ".cache");
    else
      return "";
    llvm::sys::path::append(Dir, "async-lint");
    return std::string(Dir);
  }

  struct Loaded {
    llvm::sys::TimePoint<> Time;
    uint64_t Size = 0;
    std::shared_ptr<const utils::ProjectLink> Link;
  };
  std::mutex Mutex;
  llvm::StringMap<Loaded> Projects;
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Files;
};
} // namespace asynclint

int main(int Argc, char *Argv[]) {
  // Calls to helpers of other files are judged by the project's summaries.
  static asynclint::LatestSummaries Summaries;
  clang::tidy::async::utils::setSummarySource(&Summaries);
  // Bug reports need both versions: ours first, then clangd's own lines
  // (version, features, platform), which clangdMain prints for --version.
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--version" || Arg == "-version") {
      llvm::outs() << "async-lint-clangd " << ASYNC_LINT_VERSION
                   << " (async-lint's build of clangd, with the async-* "
                      "checks)\n";
      llvm::outs().flush();
      break;
    }
  }
  return clang::clangd::clangdMain(Argc, Argv);
}
