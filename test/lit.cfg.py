# -*- Python -*-
import os

import lit.formats

config.name = "async-lint"
# An external bash, so that tests can check exit statuses with $?.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "unit"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.async_lint_build_dir, "test")

config.environment["ASYNC_LINT_PLUGIN"] = config.async_lint_plugin
config.environment["ASYNC_LINT_DRIVER"] = config.async_lint_driver
config.environment["ASYNC_LINT_CLANG_TIDY"] = config.clang_tidy
config.environment["ASYNC_LINT_CLANGXX"] = config.clangxx
config.environment["ASYNC_LINT_FILECHECK"] = os.path.join(config.llvm_tools_dir, "FileCheck")
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Keep the user's cache and settings out of the tests.
config.environment["HOME"] = os.path.join(config.test_exec_root, "home")
config.environment["XDG_CACHE_HOME"] = os.path.join(config.test_exec_root, "cache")

runner = os.path.join(config.test_source_root, "check_async_lint.py")
config.substitutions.append(
    ("%check_async_lint", "%s %s" % (config.python_executable, runner)))
config.substitutions.append(("%async-lint", config.async_lint_driver))
config.substitutions.append(
    ("%clang-tidy-plugin", "%s -load=%s" % (config.clang_tidy, config.async_lint_plugin)))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%examples", os.path.join(os.path.dirname(config.test_source_root), "examples")))
config.substitutions.append(("%cxx20", "-std=c++20 -isystem %s" % os.path.join(config.test_source_root, "Inputs")))

# async-lint-clangd is optional (ASYNC_LINT_BUILD_CLANGD, gRPC and protobuf):
# test/clangd is unsupported without it. Inserted first, as lit substitutes in
# order and '%async-lint' would otherwise rewrite the start of this name.
config.async_lint_clangd = os.path.join(config.async_lint_build_dir, "bin", "async-lint-clangd")
if os.path.exists(config.async_lint_clangd):
    config.available_features.add("async-lint-clangd")
config.substitutions.insert(0, ("%async-lint-clangd", config.async_lint_clangd))
config.substitutions.append(
    ("%lsp-client", "%s %s" % (config.python_executable,
                               os.path.join(config.test_source_root, "clangd", "lsp_client.py"))))

# The clang-tidy plugin's path alone, for tests that hand it to CMake or
# run-clang-tidy themselves.
config.substitutions.append(("%plugin", config.async_lint_plugin))

# A sanitized build (.ci/sanitize) is slower and uses several times the
# memory: memory bounds are asserted on plain builds only.
if "-fsanitize" in getattr(config, "async_lint_cxx_flags", ""):
    config.available_features.add("sanitizer")
