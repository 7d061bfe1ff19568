#!/usr/bin/env bash
# The peer comparison of issue 7, item 7: the same four-agent pipeline
# (search -> summarize x4 -> analyze -> refine, fake model with a fixed
# latency) in Troupe and in LangGraph.js, at 1,000 and 10,000 concurrent runs
# with 0 and 200 ms latency, REPS fresh processes per runtime and point.
# Prints Markdown tables and writes every raw line with the summary to
# $OUT/peers.json. See bench/peers/README.md.
#
#   bench/peers/run-peers.sh            # the full comparison (make bench-peers)
#   bench/peers/run-peers.sh --quick    # 100 and 1,000 runs, one repetition
#   bench/peers/run-peers.sh --only langgraph.js   # one side alone (also: troupe);
#                                       # then no target can be met
#
# Environment:
#   BENCH_BUILD   build folder of `make bench` (default build-bench)
#   SCALE_BENCH   the Troupe binary (default $BENCH_BUILD/bench/scale_bench)
#   OUT           where peers.json goes (default $BENCH_BUILD/results)
#   REPS          repetitions per runtime and point (default 3; 1 with --quick)
#   NODE_HEAP_MB  V8 old-space limit for the LangGraph.js side, in MB (default:
#                 Node's own, which 10,000 runs fit in and which keeps V8's
#                 heap smallest; a larger one lets the heap grow further)
#
# Exit status 1 when a run failed (or a process printed no result), 2 on a
# usage or setup error.
set -euo pipefail

# The whole script is one block, so that bash has read all of it before it
# runs any of it: editing the file during a 20-minute run cannot derail it.
{

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

quick=0
only=""
while (( $# > 0 )); do
  case "$1" in
    --quick) quick=1 ;;
    --only)
      if (( $# < 2 )) || [[ $2 != troupe && $2 != troupe.memory && $2 != langgraph.js ]]; then
        echo "run-peers.sh: --only takes troupe, troupe.memory or langgraph.js" >&2
        exit 2
      fi
      only="$2"
      shift ;;
    -h|--help) sed -n '2,24p' "$here/$(basename "${BASH_SOURCE[0]}")" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-peers.sh: unknown option $1 (use --quick, --only RUNTIME or --help)" >&2; exit 2 ;;
  esac
  shift
done
runtimes=(troupe troupe.memory langgraph.js)
if [[ -n $only ]]; then
  runtimes=("$only")
fi

BENCH_BUILD="${BENCH_BUILD:-build-bench}"
SCALE_BENCH="${SCALE_BENCH:-$BENCH_BUILD/bench/scale_bench}"
OUT="${OUT:-$BENCH_BUILD/results}"
NODE_HEAP_MB="${NODE_HEAP_MB:-}"
node_flags=()
if [[ -n $NODE_HEAP_MB ]]; then
  node_flags=("--max-old-space-size=$NODE_HEAP_MB")
fi
if [[ $quick == 1 ]]; then
  REPS="${REPS:-1}"
  run_counts=(100 1000)
else
  REPS="${REPS:-3}"
  run_counts=(1000 10000)
fi
latencies=(0 200)

if ! [[ "$REPS" =~ ^[1-9][0-9]*$ ]]; then
  echo "run-peers.sh: REPS must be a positive whole number, not '$REPS'" >&2
  exit 2
fi

# ---- what is needed -------------------------------------------------------

if [[ $only != langgraph.js && ! -x "$SCALE_BENCH" ]]; then
  echo "run-peers.sh: the Troupe side, $SCALE_BENCH, is missing: run \`make bench\` first" >&2
  echo "  (or use \`make bench-peers\`, which builds it)" >&2
  exit 2
fi
if ! command -v node >/dev/null 2>&1; then
  echo "run-peers.sh: node is not installed; the LangGraph.js side needs Node.js 20 or later" >&2
  exit 2
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if (( node_major < 20 )); then
  echo "run-peers.sh: Node.js $(node --version) is too old; @langchain/core needs 20 or later" >&2
  exit 2
fi
if [[ $only != troupe && $only != troupe.memory && ! -d "$here/langgraph/node_modules" ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "run-peers.sh: npm is not installed; it is needed once, to install the LangGraph.js side" >&2
    exit 2
  fi
  echo "run-peers.sh: installing the LangGraph.js side (npm ci in bench/peers/langgraph)" >&2
  (cd "$here/langgraph" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

# ---- the runs -------------------------------------------------------------

mkdir -p "$OUT"
raw="$(mktemp "${TMPDIR:-/tmp}/peers.XXXXXX.jsonl")"
trap 'rm -f "$raw"' EXIT
load_average="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo null)"

total=$(( ${#run_counts[@]} * ${#latencies[@]} * REPS * ${#runtimes[@]} ))
done_count=0

# run_one RUNTIME RUNS LATENCY REP: one fresh process, its JSON line appended
# to $raw, or an error record when it printed none.
run_one() {
  local runtime="$1" runs="$2" latency="$3" rep="$4"
  local -a command
  if [[ $runtime == troupe ]]; then
    command=("$SCALE_BENCH" --peer --runs "$runs" --latency-ms "$latency")
  elif [[ $runtime == troupe.memory ]]; then
    command=("$SCALE_BENCH" --peer --files off --runs "$runs" --latency-ms "$latency")
  else
    command=(node "${node_flags[@]}" "$here/langgraph/pipeline.mjs"
             --runs "$runs" --latency-ms "$latency")
  fi
  done_count=$(( done_count + 1 ))
  printf '[%d/%d] %-12s runs %-6s latency %3s ms  rep %d/%d ... ' \
    "$done_count" "$total" "$runtime" "$runs" "$latency" "$rep" "$REPS" >&2
  local output status=0
  output="$(LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false "${command[@]}")" || status=$?
  # The result is the last line that looks like a JSON object.
  local line
  line="$(printf '%s\n' "$output" | grep -E '^\{.*\}$' | tail -n 1 || true)"
  if [[ -n "$line" && $status != 0 ]]; then
    # A result, but the process failed: keep both, the summary counts it failed.
    line="$(printf '%s\n' "$line" | node -e '
      const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
      r.exit_status = Number(process.argv[1]);
      process.stdout.write(JSON.stringify(r));' "$status")"
  fi
  if [[ -n "$line" ]]; then
    printf '%s\n' "$line" >>"$raw"
    # shellcheck disable=SC2016  # JavaScript, not shell, in single quotes
    printf '%s\n' "$line" | node -e '
      const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const f = (v, d) => (typeof v === "number" ? v.toFixed(d) : String(v));
      process.stderr.write(`${f(r.runs_per_s, 1)} runs/s, wall ${f(r.wall_s, 3)} s, ` +
                           `peak RSS ${f(r.peak_rss_mb, 1)} MB, failed ${r.failed}\n`);'
    if (( status != 0 )); then
      echo "  (exit status $status)" >&2
    fi
  else
    printf '{"runtime":"%s","runs":%s,"latency_ms":%s,"error":"exit status %s, no result line"}\n' \
      "$runtime" "$runs" "$latency" "$status" >>"$raw"
    echo "no result (exit status $status)" >&2
  fi
}

# Repetitions outermost and the two runtimes back to back at each point, so
# that a burst of other work on the machine falls on both sides alike.
for rep in $(seq 1 "$REPS"); do
  for runs in "${run_counts[@]}"; do
    for latency in "${latencies[@]}"; do
      for runtime in "${runtimes[@]}"; do
        run_one "$runtime" "$runs" "$latency" "$rep"
      done
    done
  done
done

summary_args=(--raw "$raw" --out "$OUT/peers.json" --reps "$REPS"
              --load-average "$load_average")
if [[ $quick == 1 ]]; then
  summary_args+=(--quick)
fi
if [[ -n $only ]]; then
  summary_args+=(--only "$only")
fi
if [[ -n $NODE_HEAP_MB ]]; then
  summary_args+=(--node-heap-mb "$NODE_HEAP_MB")
fi
node "$here/summarise.mjs" "${summary_args[@]}"
exit
}
