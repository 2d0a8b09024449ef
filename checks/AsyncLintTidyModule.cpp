//===--- AsyncLintTidyModule.cpp - async-lint -----------------------------===//
//
// Registers the async-* checks with clang-tidy. This file holds no logic.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "DanglingReferenceCheck.h"
#include "LockAcrossSuspendCheck.h"
#include "UnawaitedCoroutineCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::async {

class AsyncLintModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<BlockingCallCheck>("async-blocking-call");
    CheckFactories.registerCheck<UnawaitedCoroutineCheck>(
        "async-unawaited-coroutine");
    CheckFactories.registerCheck<LockAcrossSuspendCheck>(
        "async-lock-across-suspend");
    CheckFactories.registerCheck<DanglingReferenceCheck>(
        "async-dangling-reference");
  }
};

} // namespace clang::tidy::async

namespace clang::tidy {

// Registers the module under its name.
static ClangTidyModuleRegistry::Add<async::AsyncLintModule>
    X("async-lint-module", "Adds the async-* checks for C++20 coroutines.");

// Referenced by the driver and the clangd build so that the linker keeps this
// translation unit, and with it the registration above.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int AsyncLintModuleAnchorSource = 0;

} // namespace clang::tidy
