# async-lint-clangd: Debian's clangd (libclangdMain.a) with the async-* checks
# linked in, for editors.
option(ASYNC_LINT_BUILD_CLANGD
  "Build async-lint-clangd, clangd with the async-* checks built in" ON)
if(NOT ASYNC_LINT_BUILD_CLANGD)
  return()
endif()

# Debian builds its clangd libraries with the remote index, so linking them
# needs the gRPC and protobuf libraries that clangdRemoteIndex names by plain
# library name.
set(ASYNC_LINT_CLANGD_MISSING "")
if(NOT TARGET clangdMain OR NOT TARGET clangDaemonTweaks)
  list(APPEND ASYNC_LINT_CLANGD_MISSING "clangd libraries (libclang-19-dev)")
endif()
if(CMAKE_VERSION VERSION_LESS 3.24)
  list(APPEND ASYNC_LINT_CLANGD_MISSING "CMake 3.24 (WHOLE_ARCHIVE linking)")
endif()
foreach(lib IN ITEMS protobuf gpr grpc grpc++ absl_synchronization)
  string(MAKE_C_IDENTIFIER "ASYNC_LINT_LIB_${lib}" var)
  find_library(${var} ${lib})
  if(NOT ${var})
    list(APPEND ASYNC_LINT_CLANGD_MISSING "lib${lib}")
  endif()
endforeach()
if(ASYNC_LINT_CLANGD_MISSING)
  list(JOIN ASYNC_LINT_CLANGD_MISSING ", " missing)
  message(STATUS "Not building async-lint-clangd: missing ${missing}; install "
    "libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc, or configure with "
    "-DASYNC_LINT_BUILD_CLANGD=OFF to silence this")
  return()
endif()

add_executable(async-lint-clangd ClangdMain.cpp
  $<TARGET_OBJECTS:asyncLintChecks>)
target_compile_definitions(async-lint-clangd PRIVATE
  ASYNC_LINT_VERSION="${PROJECT_VERSION}")
target_include_directories(async-lint-clangd PRIVATE ${CMAKE_SOURCE_DIR}/checks)
# The tweaks (refactorings offered as code actions) register themselves from
# static initializers that nothing references, as our module does, so the
# whole archive is linked. clangDaemonTweaks also names Clang's static
# archives, but the shared libclang-cpp comes first on the link line and
# defines every symbol they would provide, so no member of them is linked:
# one copy of Clang (libclang-cpp) and of LLVM (libLLVM), as in the driver.
target_link_libraries(async-lint-clangd PRIVATE asyncLintClangHeaders
  clangdMain "$<LINK_LIBRARY:WHOLE_ARCHIVE,clangDaemonTweaks>")

# Our checks count as fast for clangd's FastCheckFilter (ClangdMain.cpp).
target_link_options(async-lint-clangd PRIVATE
  "LINKER:--wrap=_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE")

install(TARGETS async-lint-clangd RUNTIME DESTINATION bin)
