#!/usr/bin/env bash
# Builds the fuzz targets and runs each for a given number of executions.
#
#   fuzz/run.sh [EXECUTIONS] [TARGET...]
#
# EXECUTIONS defaults to 10000 (a smoke run of seconds); the targets default
# to all of them. Environment:
#   BUILD_DIR      build directory (default: <repo>/build-fuzz)
#   FUZZ_PARALLEL  how many targets run at once (default: 1)
#   FUZZ_TIMEOUT   seconds one input may take before it counts as a hang
#                  (default: 10)
#   FUZZ_MAX_TIME  stop each target after this many seconds even if it has
#                  not done EXECUTIONS yet (default: no limit)
#   FUZZ_RESULTS   a directory to leave one file per target in, <target>.pass
#                  or <target>.fail (.ci/test counts them)
#   FUZZ_JOBS      parallel compile jobs (default: nproc)
# Seeds come from fuzz/corpus/<target>/ (read only); inputs libFuzzer finds
# are kept in $BUILD_DIR/fuzz/corpus/<target>/, crashes, leaks and timeouts
# in $BUILD_DIR/fuzz/artifacts/<target>/, logs in $BUILD_DIR/fuzz/logs/.
# Exit status: 0 when every target finished its executions cleanly.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build-fuzz}
runs=${1:-10000}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(BlockingDatabaseFuzzer ConfigFuzzer BaselineFuzzer
           DependencyFileFuzzer CompileDatabaseFuzzer AwaitableRulesFuzzer
           TaskHandoffFuzzer SummaryReaderFuzzer)
fi
parallel=${FUZZ_PARALLEL:-1}
timeout=${FUZZ_TIMEOUT:-10}
max_time=${FUZZ_MAX_TIME:-0}
results=${FUZZ_RESULTS:-}
compile_jobs=${FUZZ_JOBS:-$(nproc)}

# A build that fails fails every target.
build_failed() {
  echo "fuzz: $1 failed:"
  cat "$build/fuzz-build.log"
  if [ -n "$results" ]; then
    mkdir -p "$results"
    for target in "${targets[@]}"; do
      touch "$results/$target.fail"
    done
  fi
  exit 2
}
start=$(date +%s)
mkdir -p "$build"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DASYNC_LINT_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/fuzz-build.log" 2>&1 ||
    build_failed configure
fi
ninja -C "$build" -j "$compile_jobs" "${targets[@]}" >"$build/fuzz-build.log" 2>&1 ||
  build_failed build
echo "fuzz: build $(( $(date +%s) - start ))s"

mkdir -p "$build/fuzz/logs"
run_one() {
  local target=$1
  local corpus=$build/fuzz/corpus/$target
  local artifacts=$build/fuzz/artifacts/$target/
  mkdir -p "$corpus" "$artifacts"
  # Leaks are reported (ASan's leak checker is on); UBSan stops at the first
  # report, so any report fails the run.
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    "$build/fuzz/$target" -runs="$runs" -max_total_time="$max_time" \
      -timeout="$timeout" -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
      -artifact_prefix="$artifacts" "$corpus" "$here/corpus/$target" \
      >"$build/fuzz/logs/$target.log" 2>&1
}

declare -A status
pids=()
names=()
for target in "${targets[@]}"; do
  run_one "$target" &
  pids+=($!)
  names+=("$target")
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
    wait -n || true
  done
done
failed=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    status[${names[$i]}]=ok
  else
    status[${names[$i]}]=FAILED
    failed=1
  fi
  if [ -n "$results" ]; then
    mkdir -p "$results"
    if [ "${status[${names[$i]}]}" = ok ]; then
      touch "$results/${names[$i]}.pass"
    else
      touch "$results/${names[$i]}.fail"
    fi
  fi
done

printf '%-24s %-7s %12s %10s %8s\n' target result executions exec/s seconds
for target in "${targets[@]}"; do
  log=$build/fuzz/logs/$target.log
  done_line=$(grep -aE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  execs=$(grep -aE '^stat::number_of_executed_units:' "$log" | awk '{print $2}' | tail -1 || true)
  speed=$(grep -aE '^stat::average_exec_per_sec:' "$log" | awk '{print $2}' | tail -1 || true)
  secs=$(echo "$done_line" | awk '{print $5}')
  # libFuzzer reports whole seconds: a run shorter than one has no rate.
  if [ "$secs" = 0 ]; then
    secs='<1'
    speed='>'${execs:-0}
  fi
  printf '%-24s %-7s %12s %10s %8s\n' "$target" "${status[$target]}" \
    "${execs:-?}" "${speed:-?}" "${secs:-?}"
  if [ "${status[$target]}" != ok ]; then
    grep -aE 'ERROR: |runtime error|SUMMARY|^ +#[0-9]+ ' "$log" | head -20 | sed 's/^/    /' || true
  fi
done
exit $failed
