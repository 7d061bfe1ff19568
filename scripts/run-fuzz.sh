#!/usr/bin/env bash
# Runs the fuzz targets `make fuzz` built: run-fuzz.sh BUILD SECONDS TARGET...
# Each target runs SECONDS on a fresh copy of its seed corpus (fuzz/corpus/
# TARGET, which stays as committed) with its dictionary, then one line says
# what libFuzzer reported: executions, executions per second, corpus size
# and coverage. A crash, hang (10 s on one input), leak, sanitizer report or
# violated property fails the run after every target had its turn; the input
# that caused it is kept in BUILD/findings and the log in BUILD/fuzz-logs.
set -euo pipefail
cd "$(dirname "$0")/.."

build=$1 seconds=$2
shift 2
runs=$build/fuzz-corpus logs=$build/fuzz-logs findings=$build/findings
mkdir -p "$runs" "$logs" "$findings"
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}

failed=()
summary=()
for target in "$@"; do
  case "$target" in
    trace_*) dict=fuzz/trace.dict ;;
    *) dict=fuzz/scenario.dict ;;
  esac
  rm -rf "${runs:?}/$target"
  cp -r "fuzz/corpus/$target" "$runs/$target"
  seeds=$(find "$runs/$target" -type f | wc -l)
  log=$logs/$target.log
  echo "fuzz: $target for ${seconds} s on $seeds seeds (log: $log)"
  status=0
  "$build/fuzz/$target" "$runs/$target" -dict="$dict" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings/$target-" >"$log" 2>&1 || status=$?
  # The last status line: "#N DONE cov: C ft: F corp: K/SIZE lim: ... exec/s: R ..."
  last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  inputs=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
  bytes=$(sed -n 's/.* corp: [0-9]*\/\([0-9A-Za-z]*\).*/\1/p' <<<"$last")
  line="$target: ${execs:-?} executions in ${seconds} s (${rate:-?}/s), corpus"
  line+=" $seeds -> ${inputs:-?} inputs (${bytes:-?}), coverage ${cov:-?} edges,"
  line+=" ${ft:-?} features"
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    line+=" -- FAILED (exit $status)"
    echo "fuzz: $target failed; the end of its log:" >&2
    grep -vE '^#[0-9]+[[:space:]]' "$log" | tail -40 >&2
  fi
  summary+=("$line")
done

echo "fuzz: results"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}; inputs kept in $findings" >&2
  exit 1
fi
