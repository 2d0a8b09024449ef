//===--- AwaitableRules.cpp - async-lint ----------------------------------===//

#include "utils/AwaitableRules.h"
#include "utils/AwaitableUtils.h"
#include "utils/DataFiles.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/Support/YAMLTraits.h"

using namespace clang::tidy::async::utils;

namespace {
struct RulesFile {
  std::vector<TraitRule> Traits;
  std::vector<ConstraintWording> Constraints;
  std::vector<ProtocolRule> Protocols;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(TraitRule)
LLVM_YAML_IS_SEQUENCE_VECTOR(ConstraintWording)
LLVM_YAML_IS_SEQUENCE_VECTOR(ProtocolRule)

namespace llvm::yaml {
template <> struct MappingTraits<TraitRule> {
  static void mapping(IO &IO, TraitRule &Rule) {
    IO.mapRequired("name", Rule.Name);
    IO.mapRequired("holds-for", Rule.HoldsFor);
  }
  static std::string validate(IO &, TraitRule &Rule) {
    return StringRef(Rule.Name).trim().empty() ? "'name' must not be empty"
                                               : "";
  }
};
template <> struct MappingTraits<ConstraintWording> {
  static void mapping(IO &IO, ConstraintWording &Rule) {
    IO.mapRequired("name", Rule.Name);
    IO.mapRequired("what", Rule.What);
    IO.mapRequired("consequence", Rule.Consequence);
  }
  static std::string validate(IO &, ConstraintWording &Rule) {
    if (StringRef(Rule.Name).trim().empty())
      return "'name' must not be empty";
    if (StringRef(Rule.What).trim().empty() ||
        StringRef(Rule.Consequence).trim().empty())
      return "'what' and 'consequence' must not be empty";
    return "";
  }
};
template <> struct MappingTraits<ProtocolRule> {
  static void mapping(IO &IO, ProtocolRule &Rule) {
    IO.mapRequired("promise", Rule.Promise);
    IO.mapRequired("member", Rule.Member);
  }
  static std::string validate(IO &, ProtocolRule &Rule) {
    if (StringRef(Rule.Promise).trim().empty() ||
        StringRef(Rule.Member).trim().empty())
      return "'promise' and 'member' must not be empty";
    return "";
  }
};
template <> struct MappingTraits<RulesFile> {
  static void mapping(IO &IO, RulesFile &File) {
    IO.mapOptional("traits", File.Traits);
    IO.mapOptional("constraints", File.Constraints);
    IO.mapOptional("protocols", File.Protocols);
  }
};
} // namespace llvm::yaml

namespace clang::tidy::async::utils {

namespace {
// The rules compiled into the binaries (generated from
// checks/data/awaitable-rules.yaml).
constexpr const char BuiltinRules[] =
#include "AwaitableRulesData.inc"
    ;

/// Whether D, or a class it derives from, matches Pattern.
bool classOrBaseMatches(const CXXRecordDecl *RD, StringRef Pattern,
                        unsigned Depth = 0) {
  if (!RD || Depth > 16)
    return false;
  if (matchesQualifiedName(RD, Pattern))
    return true;
  const CXXRecordDecl *Def = getDefinitionOrPattern(RD);
  if (!Def)
    return false;
  for (const CXXBaseSpecifier &Base : Def->bases()) {
    QualType T = Base.getType();
    const CXXRecordDecl *B = T->getAsCXXRecordDecl();
    if (!B)
      if (const auto *TST = T->getAs<TemplateSpecializationType>())
        if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
          B = dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl());
    if (classOrBaseMatches(B, Pattern, Depth + 1))
      return true;
  }
  return false;
}
} // namespace

AwaitableRules::AwaitableRules() {
  std::string Error;
  [[maybe_unused]] bool Parsed =
      addYAML(BuiltinRules, "checks/data/awaitable-rules.yaml", Error);
  assert(Parsed && "the built-in awaitable rules do not parse");
}

bool AwaitableRules::addYAML(StringRef Contents, StringRef FileName,
                             std::string &Error) {
  RulesFile File;
  if (!readDataFileYAML(Contents, FileName,
                        "'traits', 'constraints' or 'protocols'", File, Error))
    return false;
  llvm::append_range(Traits, File.Traits);
  llvm::append_range(Wordings, File.Constraints);
  llvm::append_range(Protocols, File.Protocols);
  return true;
}

bool AwaitableRules::traitHoldsFor(const NamedDecl *Trait,
                                   const NamedDecl *Class) const {
  for (const TraitRule &Rule : Traits)
    if (matchesQualifiedName(Trait, Rule.Name))
      for (const std::string &Holder : Rule.HoldsFor)
        if (matchesQualifiedName(Class, Holder))
          return true;
  return false;
}

const ConstraintWording *
AwaitableRules::wordingFor(const NamedDecl *Constraint) const {
  for (const ConstraintWording &Rule : Wordings)
    if (matchesQualifiedName(Constraint, Rule.Name))
      return &Rule;
  return nullptr;
}

std::vector<StringRef>
AwaitableRules::protocolMembersFor(const CXXRecordDecl *Promise) const {
  std::vector<StringRef> Members;
  for (const ProtocolRule &Rule : Protocols)
    if (classOrBaseMatches(Promise, Rule.Promise))
      Members.push_back(Rule.Member);
  return Members;
}

} // namespace clang::tidy::async::utils
