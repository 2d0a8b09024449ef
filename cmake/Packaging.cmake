# Installation layout and the Debian package (cpack -G DEB).
#
#   bin/async-lint                           the driver
#   bin/async-lint-clangd                    clangd with the checks (driver/clangd.cmake
#                                            installs it when it is built)
#   lib/async-lint/AsyncLintTidyModule.so    the clang-tidy-19 plugin (-load=...)
#   share/doc/async-lint/                    README.md and docs/
#
# The binaries link Debian's shared libclang-cpp and libLLVM, found in the
# system's library directory, so no RPATH is installed.

install(TARGETS async-lint RUNTIME DESTINATION bin)
install(TARGETS AsyncLintTidyModule LIBRARY DESTINATION lib/async-lint)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/async-lint OPTIONAL)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION share/doc/async-lint/docs)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME async-lint)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(ASYNC_LINT_PACKAGE_MAINTAINER "async-lint maintainers <async-lint@example.org>"
  CACHE STRING "Maintainer field of the Debian package (Name <email>)")
set(CPACK_PACKAGE_CONTACT ${ASYNC_LINT_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${ASYNC_LINT_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "static analyzer for C++20 coroutine misuse, built on clang-tidy")
# The synopsis line comes from the summary above.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "async-lint finds coroutine tasks that are created and never awaited, and
calls that block the thread inside coroutines (file and socket I/O, sleeps,
locks, sync_wait), in code using Asio, Boost.Asio, cppcoro, folly::coro and
similar libraries. It ships as a command-line driver for pre-commit hooks and
CI (text, JSON and SARIF output), a plugin for clang-tidy-19, and a build of
clangd 19 with the checks for editors.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)

# Debian 12's runtime packages, as dpkg-shlibdeps computes them from the
# binaries (.ci/package checks that this list still covers them).
# libclang-common-19-dev holds Clang's own headers (stddef.h, ...), which the
# driver and clangd need to parse any code, as Debian's clang-tidy-19 does.
set(ASYNC_LINT_DEB_DEPENDS
  "libc6 (>= 2.34)"
  "libgcc-s1 (>= 3.0)"
  "libstdc++6 (>= 12)"
  "libllvm19"
  "libclang-cpp19 (>= 1:19.1.7)"
  "libclang-common-19-dev")
if(TARGET async-lint-clangd)
  # Debian's clangd libraries link the remote index: gRPC and protobuf.
  list(APPEND ASYNC_LINT_DEB_DEPENDS
    "libabsl20220623 (>= 0~20220623.0-1)"
    "libgrpc++1.51 (>= 1.51.1)"
    "libgrpc29 (>= 1.51.1)"
    "libprotobuf32 (>= 3.21.12)")
endif()
list(JOIN ASYNC_LINT_DEB_DEPENDS ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
# The plugin is only useful with Debian's clang-tidy-19 (which also provides
# run-clang-tidy-19).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-19")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pre-commit")

include(CPack)
