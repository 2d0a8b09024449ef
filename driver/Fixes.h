//===--- Fixes.h - async-lint driver --------------------------------------===//
//
// --fix: the suggested fixes applied to the user's files, undone when the
// fixed code no longer compiles.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_FIXES_H
#define ASYNC_LINT_DRIVER_FIXES_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <optional>

namespace asynclint {

/// Prints the diagnostics and applies their fixes, then calls
/// CountErrorsAfter (which analyses the TUs again and returns their compiler
/// errors, or nothing when that failed): if the fixed code has compiler
/// errors the original had not, every fixed file is restored.
void applyFixesSafely(
    llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
    clang::tidy::ClangTidyContext &Context,
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
    llvm::function_ref<std::optional<unsigned>()> CountErrorsAfter,
    llvm::function_ref<void(const llvm::Twine &)> Fail);

} // namespace asynclint

#endif // ASYNC_LINT_DRIVER_FIXES_H
