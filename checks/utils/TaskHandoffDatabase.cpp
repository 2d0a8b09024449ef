//===--- TaskHandoffDatabase.cpp - async-lint -----------------------------===//

#include "utils/TaskHandoffDatabase.h"
#include "utils/AwaitableUtils.h"
#include "utils/DataFiles.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/YAMLTraits.h"

namespace {
struct HandoffEntry {
  std::string Name;
  std::string Library;
};

/// The layout of a handoff file.
struct HandoffFile {
  unsigned Version = 0;
  std::vector<HandoffEntry> Spawners;
  std::vector<HandoffEntry> Awaiters;
};

// The database compiled into the binaries (generated from
// checks/data/task-handoffs.yaml).
constexpr const char BuiltinHandoffs[] =
#include "TaskHandoffsData.inc"
    ;
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(HandoffEntry)

namespace llvm::yaml {
template <> struct MappingTraits<HandoffEntry> {
  static void mapping(IO &IO, HandoffEntry &Entry) {
    IO.mapRequired("name", Entry.Name);
    IO.mapOptional("library", Entry.Library);
  }
  static std::string validate(IO &, HandoffEntry &Entry) {
    if (StringRef(Entry.Name).trim().empty())
      return "'name' must not be empty";
    return "";
  }
};
template <> struct MappingTraits<HandoffFile> {
  static void mapping(IO &IO, HandoffFile &File) {
    IO.mapRequired("version", File.Version);
    IO.mapOptional("spawners", File.Spawners);
    IO.mapOptional("awaiters", File.Awaiters);
  }
  static std::string validate(IO &, HandoffFile &File) {
    if (File.Version != 1)
      return "unsupported handoff file version " +
             std::to_string(File.Version) + "; this async-lint reads version 1";
    return "";
  }
};
} // namespace llvm::yaml

namespace clang::tidy::async::utils {

namespace {

StringRef lastComponent(StringRef Name) {
  size_t Pos = Name.rfind("::");
  return Pos == StringRef::npos ? Name : Name.substr(Pos + 2);
}

/// Whether FD's qualified name matches Pattern; operators (which have no
/// identifier) compare their name, then their enclosing scope.
bool nameMatches(const FunctionDecl *FD, StringRef Pattern) {
  if (FD->getIdentifier())
    return matchesQualifiedName(FD, Pattern);
  StringRef Last = lastComponent(Pattern);
  if (Last != FD->getDeclName().getAsString())
    return false;
  StringRef Scope = Pattern.drop_back(Last.size());
  if (!Scope.consume_back("::"))
    return Scope.empty();
  const DeclContext *DC = FD->getDeclContext();
  while (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
    if (!NS->isInline())
      break;
    DC = NS->getDeclContext();
  }
  const auto *Parent = dyn_cast<NamedDecl>(DC);
  return Parent && matchesQualifiedName(Parent, Scope);
}

} // namespace

bool TaskHandoffDatabase::addYAML(StringRef Contents, StringRef FileName,
                                  std::string &Error) {
  HandoffFile File;
  if (!readDataFileYAML(Contents, FileName,
                        "'version', 'spawners' and 'awaiters'", File, Error))
    return false;
  for (const HandoffEntry &E : File.Spawners)
    addName(E.Name, HandoffKind::Spawner);
  for (const HandoffEntry &E : File.Awaiters)
    addName(E.Name, HandoffKind::Awaiter);
  return true;
}

void TaskHandoffDatabase::addName(StringRef Name, HandoffKind Kind) {
  Name = Name.trim();
  if (Name.empty())
    return;
  ByLastName[lastComponent(Name)].push_back(Entries.size());
  Entries.push_back({Name.str(), Kind});
}

std::optional<HandoffKind>
TaskHandoffDatabase::lookup(const FunctionDecl *FD) const {
  if (!FD)
    return std::nullopt;
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    FD = Pattern;
  auto It = ByLastName.find(FD->getDeclName().getAsString());
  if (It == ByLastName.end())
    return std::nullopt;
  for (unsigned Index : It->second)
    if (nameMatches(FD, Entries[Index].Name))
      return Entries[Index].Kind;
  return std::nullopt;
}

const TaskHandoffDatabase &TaskHandoffDatabase::builtin() {
  static const TaskHandoffDatabase Database = [] {
    TaskHandoffDatabase DB;
    std::string Error;
    if (!DB.addYAML(BuiltinHandoffs, "task-handoffs.yaml", Error))
      llvm::report_fatal_error(
          llvm::Twine("the built-in task handoff database is invalid: ") +
          Error);
    return DB;
  }();
  return Database;
}

} // namespace clang::tidy::async::utils
