//===--- BlockingCallDatabase.cpp - async-lint ----------------------------===//

#include "utils/BlockingCallDatabase.h"
#include "utils/AwaitableUtils.h"
#include "utils/DataFiles.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/YAMLTraits.h"

using clang::tidy::async::utils::BlockingEntry;

namespace {
/// The layout of a database file.
/// A library-level description: 'complete-namespaces' lists namespaces
/// whose blocking functions are all entries.
struct LibraryDescription {
  std::string Name;
  std::vector<std::string> CompleteNamespaces;
};
struct DatabaseFile {
  unsigned Version = 0;
  std::vector<LibraryDescription> Libraries;
  std::vector<BlockingEntry> Entries;
};

// The database compiled into the binaries (generated from
// checks/data/blocking-calls.yaml).
constexpr const char BuiltinDatabase[] =
#include "BlockingCallsData.inc"
    ;
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(BlockingEntry)
LLVM_YAML_IS_SEQUENCE_VECTOR(LibraryDescription)

namespace llvm::yaml {
template <> struct MappingTraits<BlockingEntry> {
  static void mapping(IO &IO, BlockingEntry &Entry) {
    IO.mapRequired("name", Entry.Name);
    IO.mapRequired("category", Entry.Category);
    IO.mapOptional("library", Entry.Library);
    IO.mapOptional("alternative", Entry.Alternative);
    IO.mapOptional("min-args", Entry.MinArgs);
    IO.mapOptional("max-args", Entry.MaxArgs);
    IO.mapOptional("unless-arg-zero", Entry.UnlessArgZero);
    IO.mapOptional("unless-arg-type", Entry.UnlessArgType);
    IO.mapOptional("receiver", Entry.Receiver);
    IO.mapOptional("waits-in-result-destructor", Entry.WaitsInResultDestructor);
    IO.mapOptional("if-arg-zero", Entry.IfArgZero);
    IO.mapOptional("if-arg-null", Entry.IfArgNull);
    IO.mapOptional("unless-arg-flag", Entry.UnlessArgFlag);
    IO.mapOptional("unless-caller-calls", Entry.UnlessCallerCalls);
    IO.mapOptional("receiver-arg", Entry.ReceiverArg);
    IO.mapOptional("receiver-object", Entry.ReceiverObject);
    IO.mapOptional("unless-receiver-object", Entry.UnlessReceiverObject);
    IO.mapOptional("returns", Entry.Returns);
    IO.mapOptional("param-types", Entry.ParamTypes);
  }
  static std::string validate(IO &, BlockingEntry &Entry) {
    if (StringRef(Entry.Name).trim().empty())
      return "'name' must not be empty";
    if (!is_contained(clang::tidy::async::utils::blockingCategories(),
                      Entry.Category)) {
      std::string Message =
          "unknown category '" + Entry.Category + "'; expected one of:";
      for (StringRef Category : clang::tidy::async::utils::blockingCategories())
        Message += " " + Category.str();
      return Message;
    }
    if (Entry.MinArgs && Entry.MaxArgs && *Entry.MinArgs > *Entry.MaxArgs)
      return "'min-args' is greater than 'max-args'";
    if (!Entry.UnlessArgFlag.empty() && Entry.UnlessArgFlag.size() != 2)
      return "'unless-arg-flag' must be [argument index, mask]";
    StringRef Name = StringRef(Entry.Name).trim();
    if ((Name == "*" || Name.ends_with("::*")) && Entry.Returns.empty() &&
        Entry.ParamTypes.empty())
      return "a name ending in '*' matches every function in its scope; it "
             "needs 'returns' or 'param-types'";
    return "";
  }
};
template <> struct MappingTraits<LibraryDescription> {
  static void mapping(IO &IO, LibraryDescription &Library) {
    IO.mapRequired("name", Library.Name);
    IO.mapOptional("complete-namespaces", Library.CompleteNamespaces);
  }
  static std::string validate(IO &, LibraryDescription &Library) {
    for (const std::string &NS : Library.CompleteNamespaces)
      if (!StringRef(NS).starts_with("::") || StringRef(NS).trim(':').empty())
        return "complete namespace '" + NS +
               "' must be fully qualified, starting with '::'";
    return "";
  }
};
template <> struct MappingTraits<DatabaseFile> {
  static void mapping(IO &IO, DatabaseFile &File) {
    IO.mapRequired("version", File.Version);
    IO.mapOptional("libraries", File.Libraries);
    IO.mapRequired("entries", File.Entries);
  }
  static std::string validate(IO &, DatabaseFile &File) {
    if (File.Version != 1)
      return "unsupported database version " + std::to_string(File.Version) +
             "; this async-lint reads version 1";
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

/// The key a function is indexed by: its name, or for a constructor, its
/// class's name.
std::string keyOf(const NamedDecl *D) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(D))
    return Ctor->getParent()->getName().str();
  return D->getDeclName().getAsString();
}

bool nameMatches(const NamedDecl *D, StringRef Pattern) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(D)) {
    // Class::Class.
    StringRef Last = lastComponent(Pattern);
    StringRef Class = Pattern.drop_back(Last.size());
    if (!Class.consume_back("::") || Last != Ctor->getParent()->getName())
      return false;
    return matchesQualifiedName(Ctor->getParent(), Class);
  }
  if (D->getIdentifier())
    return matchesQualifiedName(D, Pattern);
  // Operators: compare the operator's name, then its enclosing scope.
  StringRef Last = lastComponent(Pattern);
  if (Last != D->getDeclName().getAsString())
    return false;
  StringRef Scope = Pattern.drop_back(Last.size());
  if (Scope.empty())
    return true;
  if (!Scope.consume_back("::"))
    return false;
  if (Scope.empty())
    return D->getDeclContext()->getRedeclContext()->isTranslationUnit();
  const auto *Parent = dyn_cast<NamedDecl>(D->getDeclContext());
  while (const auto *NS = dyn_cast_or_null<NamespaceDecl>(Parent)) {
    if (!NS->isInline())
      break;
    Parent = dyn_cast<NamedDecl>(NS->getDeclContext());
  }
  return Parent && matchesQualifiedName(Parent, Scope);
}

/// The class of an object as written, before conversions to a base class.
const CXXRecordDecl *recordOf(const Expr *E) {
  if (!E)
    return nullptr;
  QualType T = E->IgnoreParenImpCasts()->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

bool isOrDerivesFrom(const CXXRecordDecl *RD, ArrayRef<std::string> Names,
                     unsigned Depth = 0) {
  if (!RD || Depth > 32)
    return false;
  if (llvm::any_of(Names, [&](const std::string &Name) {
        return matchesQualifiedName(RD, Name);
      }))
    return true;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return false;
  return llvm::any_of(Def->bases(), [&](const CXXBaseSpecifier &Base) {
    return isOrDerivesFrom(Base.getType()->getAsCXXRecordDecl(), Names,
                           Depth + 1);
  });
}

/// Whether a type, through references, pointers and qualifiers, is a class
/// with one of these names.
bool typeNames(QualType T, StringRef Name) {
  if (Name == "*")
    return true;
  T = T.getNonReferenceType();
  while (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && matchesQualifiedName(RD, Name);
}

/// Whether an expression names one of these variables (`std::cout`,
/// `::stdout`), through parentheses and implicit conversions.
bool namesVariable(const Expr *E, ArrayRef<std::string> Names) {
  if (!E)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!Ref || !isa<VarDecl>(Ref->getDecl()))
    return false;
  return llvm::any_of(Names, [&](const std::string &Name) {
    return matchesQualifiedName(Ref->getDecl(), Name);
  });
}

/// Whether the function that contains the call also calls one of Names.
bool callerCalls(const Expr *Call, ArrayRef<std::string> Names,
                 const ASTContext &Ctx) {
  if (!Call)
    return false;
  auto &Mutable = const_cast<ASTContext &>(Ctx);
  const Stmt *Body = nullptr;
  DynTypedNodeList Parents = Mutable.getParents(*Call);
  for (unsigned Depth = 0; !Parents.empty() && Depth < 256; ++Depth) {
    const DynTypedNode &Parent = Parents[0];
    if (const auto *FD = Parent.get<FunctionDecl>()) {
      Body = FD->getBody();
      break;
    }
    if (const auto *Lambda = Parent.get<LambdaExpr>()) {
      Body = Lambda->getBody();
      break;
    }
    Parents = Mutable.getParents(Parent);
  }
  if (!Body)
    return false;
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = CE->getDirectCallee())
        if (llvm::any_of(Names, [&](const std::string &Name) {
              return matchesQualifiedName(Callee, Name);
            }))
          return true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

/// The argument at Index as written, or its default argument.
const Expr *argumentOrDefault(const CallSite &Call, unsigned Index) {
  if (Index < Call.Args.size())
    return Call.Args[Index];
  if (Call.Callee && Index < Call.Callee->getNumParams())
    if (const ParmVarDecl *Param = Call.Callee->getParamDecl(Index);
        Param->hasDefaultArg() && !Param->hasUnparsedDefaultArg() &&
        !Param->hasUninstantiatedDefaultArg())
      return Param->getDefaultArg();
  return nullptr;
}

/// The constant 0, also as a duration: `0`, `0ms`, `seconds(0)`,
/// `duration::zero()`.
bool isZero(const Expr *E, const ASTContext &Ctx, unsigned Depth = 0) {
  if (!E || E->isValueDependent() || Depth > 8)
    return false;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Literal = dyn_cast<UserDefinedLiteral>(E)) {
    switch (Literal->getLiteralOperatorKind()) {
    case UserDefinedLiteral::LOK_Integer:
    case UserDefinedLiteral::LOK_Floating:
      return isZero(Literal->getCookedLiteral(), Ctx, Depth + 1);
    case UserDefinedLiteral::LOK_Raw:
    case UserDefinedLiteral::LOK_Template: {
      // std::chrono's `0ms` is a literal operator template: read the digits.
      StringRef Spelling = Lexer::getSourceText(
          CharSourceRange::getTokenRange(Literal->getSourceRange()),
          Ctx.getSourceManager(), Ctx.getLangOpts());
      StringRef Number = Spelling.take_while(
          [](char C) { return isDigit(C) || C == '.' || C == '\''; });
      return !Number.empty() &&
             Number.find_first_not_of("0.'") == StringRef::npos;
    }
    default:
      return false;
    }
  }
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    return isZero(Cast->getSubExpr(), Ctx, Depth + 1);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 1 &&
           isZero(Construct->getArg(0), Ctx, Depth + 1);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getIdentifier() && Callee->getName() == "zero" &&
        Call->getNumArgs() == 0)
      return true;
  if (!E->getType()->isIntegralOrEnumerationType())
    return false;
  Expr::EvalResult Result;
  return E->EvaluateAsInt(Result, Ctx) && Result.Val.getInt().isZero();
}

bool conditionsHold(const BlockingEntry &Entry, const CallSite &Call,
                    const ASTContext &Ctx) {
  unsigned NumArgs = Call.Args.size();
  if (Entry.MinArgs && NumArgs < *Entry.MinArgs)
    return false;
  if (Entry.MaxArgs && NumArgs > *Entry.MaxArgs)
    return false;
  if (Entry.UnlessArgZero && *Entry.UnlessArgZero < NumArgs &&
      isZero(Call.Args[*Entry.UnlessArgZero], Ctx))
    return false;
  if (!Entry.UnlessArgType.empty())
    for (const Expr *Arg : Call.Args) {
      QualType T = Arg->getType().getNonReferenceType();
      if (const TagDecl *Tag = T->getAsTagDecl())
        if (llvm::any_of(Entry.UnlessArgType, [&](const std::string &Name) {
              return matchesQualifiedName(Tag, Name);
            }))
          return false;
    }
  if (Entry.UnlessArgFlag.size() == 2 && Entry.UnlessArgFlag[0] < NumArgs) {
    const Expr *Arg = Call.Args[Entry.UnlessArgFlag[0]]->IgnoreImpCasts();
    Expr::EvalResult Result;
    if (!Arg->isValueDependent() &&
        Arg->getType()->isIntegralOrEnumerationType() &&
        Arg->EvaluateAsInt(Result, Ctx) &&
        (Result.Val.getInt().getZExtValue() & Entry.UnlessArgFlag[1]) != 0)
      return false;
  }
  if (!Entry.UnlessCallerCalls.empty() &&
      callerCalls(Call.E, Entry.UnlessCallerCalls, Ctx))
    return false;
  if (Entry.IfArgZero &&
      !isZero(argumentOrDefault(Call, *Entry.IfArgZero), Ctx))
    return false;
  if (Entry.IfArgNull) {
    const Expr *Arg = argumentOrDefault(Call, *Entry.IfArgNull);
    if (!Arg || Arg->isValueDependent() ||
        !Arg->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                    Expr::NPC_ValueDependentIsNotNull))
      return false;
  }
  if (!Entry.Receiver.empty() || !Entry.ReceiverObject.empty() ||
      !Entry.UnlessReceiverObject.empty()) {
    unsigned Index = Entry.ReceiverArg.value_or(0);
    const Expr *Receiver =
        Call.Object && !Entry.ReceiverArg
            ? Call.Object
            : (Index < Call.Args.size() ? Call.Args[Index] : nullptr);
    if (!Entry.Receiver.empty() &&
        !isOrDerivesFrom(recordOf(Receiver), Entry.Receiver))
      return false;
    if (!Entry.ReceiverObject.empty() &&
        !namesVariable(Receiver, Entry.ReceiverObject))
      return false;
    if (namesVariable(Receiver, Entry.UnlessReceiverObject))
      return false;
  }
  if (!Entry.Returns.empty() &&
      (!Call.Callee || !typeNames(Call.Callee->getReturnType(), Entry.Returns)))
    return false;
  if (!Entry.ParamTypes.empty()) {
    if (!Call.Callee || Call.Callee->getNumParams() != Entry.ParamTypes.size())
      return false;
    for (unsigned I = 0; I < Entry.ParamTypes.size(); ++I)
      if (!typeNames(Call.Callee->getParamDecl(I)->getType(),
                     Entry.ParamTypes[I]))
        return false;
  }
  return true;
}

bool nameMatchesCall(StringRef EntryName, const CallSite &Call);

/// A name ending in '*' (`*`, `grpc::*`): any function in that scope.
bool wildcardMatches(StringRef EntryName, const CallSite &Call) {
  if (!Call.Callee || !Call.Callee->getIdentifier())
    return false;
  StringRef Scope = EntryName.drop_back(1);
  if (Scope.empty())
    return true;
  if (!Scope.consume_back("::"))
    return false;
  if (Scope.empty())
    return Call.Callee->getDeclContext()
        ->getRedeclContext()
        ->isTranslationUnit();
  const auto *Parent = dyn_cast<NamedDecl>(Call.Callee->getDeclContext());
  return Parent && matchesQualifiedName(Parent, Scope);
}

bool entryMatches(const BlockingEntry &Entry, const CallSite &Call) {
  if (lastComponent(Entry.Name) == "*")
    return wildcardMatches(Entry.Name, Call);
  return nameMatchesCall(Entry.Name, Call);
}

bool nameMatchesCall(StringRef EntryName, const CallSite &Call) {
  if (Call.CalleeVariable &&
      matchesQualifiedName(Call.CalleeVariable, EntryName))
    return true;
  if (!Call.Callee)
    return false;
  if (nameMatches(Call.Callee, EntryName))
    return true;
  // A method declared in a base class, called on an object of the class the
  // entry names (std::future<T>::wait is declared in a base of std::future).
  const auto *Method = dyn_cast<CXXMethodDecl>(Call.Callee);
  if (!Method || isa<CXXConstructorDecl>(Method))
    return false;
  StringRef Last = lastComponent(EntryName);
  StringRef Class = EntryName.drop_back(Last.size());
  if (!Class.consume_back("::") || Class.empty() ||
      Method->getDeclName().getAsString() != Last)
    return false;
  const CXXRecordDecl *Object = recordOf(Call.Object);
  return Object && isOrDerivesFrom(Object, {Class.str()});
}

} // namespace

bool CallSite::callsName(StringRef Name) const {
  return nameMatchesCall(Name, *this);
}

ArrayRef<StringRef> blockingCategories() {
  static constexpr StringRef Categories[] = {
      "sleep",   "file-io", "network-io", "dns",      "process",
      "lock",    "wait",    "sync-wait",  "database", "http",
      "console", "other",   "sync-api"};
  return Categories;
}

std::optional<CallSite> CallSite::from(const Expr *E) {
  CallSite Site;
  Site.E = E;
  auto AddArgs = [&](auto Range) {
    for (const Expr *Arg : Range)
      if (!isa<CXXDefaultArgExpr>(Arg))
        Site.Args.push_back(Arg);
  };
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    Site.Callee = Construct->getConstructor();
    AddArgs(Construct->arguments());
    return Site;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    Site.Callee = Member->getMethodDecl();
    Site.Object = Member->getImplicitObjectArgument();
    AddArgs(Member->arguments());
    return Site;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    Site.Callee = Op->getDirectCallee();
    if (isa_and_nonnull<CXXMethodDecl>(Site.Callee) && Op->getNumArgs() > 0) {
      Site.Object = Op->getArg(0);
      AddArgs(llvm::drop_begin(Op->arguments()));
      if (Op->getOperator() == OO_Call)
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(Site.Object->IgnoreParenImpCasts()))
          Site.CalleeVariable = Ref->getDecl();
    } else {
      AddArgs(Op->arguments());
    }
    return Site;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    Site.Callee = Call->getDirectCallee();
    AddArgs(Call->arguments());
    return Site;
  }
  return std::nullopt;
}

bool BlockingCallDatabase::addYAML(StringRef Contents, StringRef FileName,
                                   std::string &Error) {
  DatabaseFile File;
  if (!readDataFileYAML(Contents, FileName, "'version' and 'entries'", File,
                        Error))
    return false;
  for (BlockingEntry &Entry : File.Entries) {
    Entry.Name = StringRef(Entry.Name).trim().str();
    Entry.Origin = FileName.str();
    index(std::make_unique<BlockingEntry>(std::move(Entry)));
  }
  for (LibraryDescription &Library : File.Libraries)
    for (std::string &NS : Library.CompleteNamespaces)
      CompleteNamespaces.push_back(std::move(NS));
  return true;
}

void BlockingCallDatabase::addName(StringRef Name, StringRef Category,
                                   StringRef Alternative, StringRef Origin) {
  auto Entry = std::make_unique<BlockingEntry>();
  Entry->Name = Name.trim().str();
  Entry->Category = Category.str();
  Entry->Alternative = Alternative.str();
  Entry->Origin = Origin.str();
  index(std::move(Entry));
}

void BlockingCallDatabase::index(std::unique_ptr<BlockingEntry> Entry) {
  if (lastComponent(Entry->Name) == "*")
    HasWildcards = true;
  ByLastName[lastComponent(Entry->Name)].push_back(Entry.get());
  Entries.push_back(std::move(Entry));
}

const BlockingEntry *
BlockingCallDatabase::match(const CallSite &Call, const ASTContext &Ctx,
                            ArrayRef<std::string> Categories) const {
  auto Check = [&](StringRef Key) -> const BlockingEntry * {
    auto It = ByLastName.find(Key);
    if (It == ByLastName.end())
      return nullptr;
    // Later entries (user files) come first.
    for (const BlockingEntry *Entry : llvm::reverse(It->second))
      if (isCategoryEnabled(Entry->Category, Categories) &&
          entryMatches(*Entry, Call) && conditionsHold(*Entry, Call, Ctx))
        return Entry;
    return nullptr;
  };
  if (Call.Callee)
    if (const BlockingEntry *Entry = Check(keyOf(Call.Callee)))
      return Entry;
  if (Call.CalleeVariable && Call.CalleeVariable->getIdentifier())
    if (const BlockingEntry *Entry = Check(Call.CalleeVariable->getName()))
      return Entry;
  // Entries by signature shape (gRPC's generated synchronous stub methods).
  if (Call.Callee && HasWildcards)
    return Check("*");
  return nullptr;
}

bool BlockingCallDatabase::names(const CallSite &Call) const {
  if (!Call.Callee)
    return false;
  auto It = ByLastName.find(keyOf(Call.Callee));
  return It != ByLastName.end() &&
         llvm::any_of(It->second, [&](const BlockingEntry *Entry) {
           return entryMatches(*Entry, Call);
         });
}

const BlockingCallDatabase &BlockingCallDatabase::builtin() {
  static const BlockingCallDatabase Database = [] {
    BlockingCallDatabase DB;
    std::string Error;
    if (!DB.addYAML(BuiltinDatabase, "blocking-calls.yaml", Error))
      llvm::report_fatal_error(
          llvm::Twine("the built-in blocking-call database is invalid: ") +
          Error);
    return DB;
  }();
  return Database;
}

bool isCategoryEnabled(StringRef Category, ArrayRef<std::string> Enabled) {
  bool Result = false;
  for (StringRef Item : Enabled) {
    Item = Item.trim();
    bool Negative = Item.consume_front("-");
    if (Item == "*" || Item == Category)
      Result = !Negative;
  }
  return Result;
}

} // namespace clang::tidy::async::utils
