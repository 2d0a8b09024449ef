//===--- AwaitableRules.h - async-lint ------------------------------------===//
//
// Library knowledge about co_await operands that the AST cannot supply:
// which classes a library's trait holds for when the translation unit never
// instantiated it, how to word a finding admitted by a given constraint, and
// member protocols that a promise's generic await_transform turns into
// awaiters. Loaded from YAML (the built-in checks/data/awaitable-rules.yaml
// plus user files).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_AWAITABLERULES_H
#define ASYNC_LINT_CHECKS_UTILS_AWAITABLERULES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// A trait (class template with a boolean `value`) and the classes it holds
/// for.
struct TraitRule {
  std::string Name;
  std::vector<std::string> HoldsFor;
};

/// How a finding is worded when this trait or concept admits the value.
struct ConstraintWording {
  std::string Name;
  std::string What;
  std::string Consequence;
};

/// Inside a coroutine whose promise is (or derives from) Promise, a class
/// with a member named Member is a valid co_await operand.
struct ProtocolRule {
  std::string Promise;
  std::string Member;
};

class AwaitableRules {
public:
  /// The built-in rules.
  AwaitableRules();

  /// Adds the rules in Contents. On a syntax error, returns false and sets
  /// Error to a message naming FileName.
  bool addYAML(llvm::StringRef Contents, llvm::StringRef FileName,
               std::string &Error);

  /// Whether a rule says trait Trait holds for class Class. False means
  /// only that no rule says so.
  bool traitHoldsFor(const NamedDecl *Trait, const NamedDecl *Class) const;
  const ConstraintWording *wordingFor(const NamedDecl *Constraint) const;
  /// The protocol members that a promise accepts values through.
  std::vector<llvm::StringRef>
  protocolMembersFor(const CXXRecordDecl *Promise) const;

private:
  std::vector<TraitRule> Traits;
  std::vector<ConstraintWording> Wordings;
  std::vector<ProtocolRule> Protocols;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_AWAITABLERULES_H
