// A value that converts to any parameter type, so that the blocking-call
// database tests can call C APIs with the arity of the real declaration
// without setting up each argument. The tests are only analysed, never
// linked.
#ifndef ASYNC_LINT_TEST_DB_ANY_H
#define ASYNC_LINT_TEST_DB_ANY_H

struct Any {
  template <typename T> operator T() const;
};
inline constexpr Any any{};

#endif
