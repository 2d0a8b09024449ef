//===--- Fixes.cpp - async-lint driver ------------------------------------===//

#include "Fixes.h"
#include "Findings.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace asynclint {

void applyFixesSafely(ArrayRef<ClangTidyError> Errors,
                      ClangTidyContext &Context,
                      IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS,
                      function_ref<std::optional<unsigned>()> CountErrorsAfter,
                      function_ref<void(const Twine &)> Fail) {
  StringMap<std::string> Originals;
  unsigned ErrorsBefore = 0;
  for (const ClangTidyError &E : Errors) {
    if (E.DiagLevel == ClangTidyError::Error)
      ++ErrorsBefore;
    if (const StringMap<tooling::Replacements> *Fixes =
            tooling::selectFirstFix(E))
      for (const auto &Entry : *Fixes)
        if (!Originals.count(Entry.first()))
          if (auto Text = MemoryBuffer::getFile(Entry.first()))
            Originals[Entry.first()] = (*Text)->getBuffer().str();
  }
  unsigned WarningsAsErrors = 0;
  handleErrors(Errors, Context, FB_Fix, WarningsAsErrors, std::move(BaseFS));
  if (Originals.empty())
    return;

  std::optional<unsigned> ErrorsAfter = CountErrorsAfter();
  if (ErrorsAfter && *ErrorsAfter <= ErrorsBefore)
    return;
  for (const auto &Entry : Originals)
    if (Error E = writeFileAtomically(Entry.first(), Entry.second))
      Fail(toString(std::move(E)));
  if (ErrorsAfter)
    Fail("the fixes broke the build (" + Twine(*ErrorsAfter) +
         " compiler errors after fixing, " + Twine(ErrorsBefore) +
         " before); every fixed file was restored");
  else
    Fail("the fixed files could not be analysed again; every fixed file was "
         "restored");
}

} // namespace asynclint
