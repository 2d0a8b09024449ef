// stdexec's sender shapes, as far as tests need them: just() and the blocking
// sync_wait, which (as in stdexec) is a customization-point object, i.e. an
// inline constexpr variable whose call operator blocks.
#pragma once
#include <optional>
#include <tuple>
#include <utility>

namespace stdexec {
template <class... Values> struct just_sender {
  std::tuple<Values...> values;
};
template <class... Values> just_sender<std::decay_t<Values>...> just(Values &&...v) {
  return {{std::forward<Values>(v)...}};
}

namespace __sync_wait {
struct sync_wait_t {
  template <class... Values>
  std::optional<std::tuple<Values...>> operator()(just_sender<Values...> sndr) const;
};
} // namespace __sync_wait
using __sync_wait::sync_wait_t;
inline constexpr sync_wait_t sync_wait{};
} // namespace stdexec
