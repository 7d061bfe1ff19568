// Summarises the runs of run-peers.sh: reads one JSON line per process (as
// printed by `scale_bench --peer` and langgraph/pipeline.mjs), prints the
// Markdown tables of the comparison with the targets of issue 7, item 7, and
// writes every raw line with the summary to one JSON file. Plain Node, no
// packages. Exit status 1 when a run failed or a process gave no result.
//
//   node summarise.mjs --raw runs.jsonl --out build-bench/results/peers.json \
//        --reps 3 [--quick] [--only troupe|troupe.memory|langgraph.js] [--load-average 1.23] \
//        [--node-heap-mb MB]   (only when run-peers.sh set one)

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, release, type } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const TROUPE = "troupe";
// Troupe with no run files (run_options.write_files = false, no trace): the
// same work as the LangGraph.js side, which keeps its state in memory.
const TROUPE_MEMORY = "troupe.memory";
const LANGGRAPH = "langgraph.js";
const ALL_RUNTIMES = [TROUPE, TROUPE_MEMORY, LANGGRAPH];
const TROUPE_ARMS = [TROUPE, TROUPE_MEMORY];
const LABEL = {
  [TROUPE]: "Troupe (run files, trace)",
  [TROUPE_MEMORY]: "Troupe (no files)",
  [LANGGRAPH]: "LangGraph.js",
};

// The targets of the issue.
const SPEEDUP_AT_0MS = 30;
const TARGET_RUNS = 10000;
const TARGET_LATENCY_MS = 200;
const WALL_OVER_IDEAL = 1.5;
const MEMORY_SHARE = 0.5;

function parseArgs(argv) {
  const options = { raw: null, out: null, reps: 0, quick: false, only: null, loadAverage: null,
                    nodeHeapMb: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === "--raw") options.raw = next();
    else if (flag === "--out") options.out = next();
    else if (flag === "--reps") options.reps = Number(next());
    else if (flag === "--quick") options.quick = true;
    else if (flag === "--only") options.only = next();
    else if (flag === "--load-average") options.loadAverage = Number(next());
    else if (flag === "--node-heap-mb") options.nodeHeapMb = Number(next());
    else throw new Error(`unknown option ${flag}`);
  }
  if (!options.raw || !options.out) throw new Error("--raw and --out are required");
  if (options.only !== null && !ALL_RUNTIMES.includes(options.only)) {
    throw new Error(`--only takes ${ALL_RUNTIMES.join(", ")}, not ${options.only}`);
  }
  return options;
}

// ---- statistics ----------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function spread(values) {
  const present = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  if (present.length === 0) return null;
  return { median: median(present), min: Math.min(...present), max: Math.max(...present), values: present };
}

function fmt(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  const magnitude = Math.abs(value);
  if (magnitude === 0) return "0";
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function cell(s) {
  if (!s) return "n/a";
  if (s.values.length === 1) return fmt(s.median);
  return `${fmt(s.median)} (${fmt(s.min)}-${fmt(s.max)})`;
}

// ---- the machine and the versions ----------------------------------------

function machine(loadAverage) {
  const cpuList = cpus();
  let load = loadAverage;
  if (load === null || !Number.isFinite(load)) {
    try {
      load = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
    } catch {
      load = null;
    }
  }
  return {
    cpu_model: cpuList[0]?.model ?? "unknown",
    cores: cpuList.length,
    kernel: `${type()} ${release()}`,
    load_average: load,
  };
}

function pinnedVersions() {
  const here = dirname(fileURLToPath(import.meta.url));
  const versions = { node: process.versions.node };
  try {
    const lock = JSON.parse(readFileSync(join(here, "langgraph", "package-lock.json"), "utf8"));
    for (const name of ["@langchain/langgraph", "@langchain/core", "zod"]) {
      versions[name] = lock.packages?.[`node_modules/${name}`]?.version ?? null;
    }
  } catch {
    // no lock file: versions unknown
  }
  return versions;
}

// ---- reading the runs ----------------------------------------------------

function readRaw(path) {
  const records = [];
  const problems = [];
  const text = readFileSync(path, "utf8");
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      problems.push(`line ${index + 1} of ${path} is not JSON: ${line.slice(0, 120)}`);
    }
  }
  return { records, problems };
}

// A record is either a result line of a process (with "exit_status" added by
// run-peers.sh when the process exited non-zero) or, from run-peers.sh, an
// {"error": ...} record for a process that printed no result line.
function failedRuns(record) {
  if (record.error) return record.runs ?? 1;
  let failed = Number(record.failed ?? 0);
  if (failed === 0 && record.exit_status) failed = record.runs; // a result, then a failing exit
  const expected = record.runs * record.calls_per_run;
  if (failed === 0 && Number.isFinite(expected) && record.model_calls !== expected) {
    failed = record.runs; // calls missing or extra: the pipeline did not do its work
  }
  return failed;
}

function summariseGroup(records) {
  const ok = records.filter((r) => !r.error);
  const pick = (field) => spread(ok.map((r) => r[field]));
  const wallOverIdeal = spread(ok.filter((r) => r.ideal_s > 0).map((r) => r.wall_s / r.ideal_s));
  return {
    repetitions: records.length,
    runs_per_s: pick("runs_per_s"),
    wall_s: pick("wall_s"),
    ideal_s: ok.length ? ok[0].ideal_s : null,
    wall_over_ideal: wallOverIdeal,
    peak_rss_mb: pick("peak_rss_mb"),
    cpu_s: pick("cpu_s"), // optional: only where the process reports it
    failed: records.reduce((sum, r) => sum + failedRuns(r), 0),
    model_calls_per_run: spread(ok.map((r) => r.model_calls / r.runs)),
    calls_per_run: ok.length ? ok[0].calls_per_run : null,
    errors: records.filter((r) => r.error).map((r) => r.error),
  };
}

// Ratio of two spreads: the median of each, and the range from the least to
// the most favourable pairing of their extremes.
function ratio(numerator, denominator) {
  if (!numerator || !denominator || denominator.median === 0 || denominator.min === 0) return null;
  return {
    median: numerator.median / denominator.median,
    min: numerator.min / denominator.max,
    max: numerator.max / denominator.min,
    values: [numerator.median / denominator.median],
  };
}

function ratioCell(r) {
  if (!r) return "n/a";
  if (r.min === r.max) return `${fmt(r.median)}x`;
  return `${fmt(r.median)}x (${fmt(r.min)}-${fmt(r.max)})`;
}

// ---- main ----------------------------------------------------------------

const options = parseArgs(process.argv.slice(2));
// The runtimes measured: both, or one with --only (then no target is met).
const RUNTIMES = options.only ? [options.only] : ALL_RUNTIMES;
const { records, problems } = readRaw(options.raw);

const keys = new Map(); // "runs/latency" -> {runs, latency_ms}
for (const r of records) {
  const key = `${r.runs}/${r.latency_ms}`;
  if (!keys.has(key)) keys.set(key, { runs: r.runs, latency_ms: r.latency_ms });
}
const points = [...keys.values()].sort((a, b) => a.runs - b.runs || a.latency_ms - b.latency_ms);

const cells = points.map((point) => {
  const entry = { runs: point.runs, latency_ms: point.latency_ms };
  for (const runtime of RUNTIMES) {
    const mine = records.filter((r) => r.runtime === runtime && r.runs === point.runs &&
                                       r.latency_ms === point.latency_ms);
    entry[runtime] = mine.length ? summariseGroup(mine) : null;
  }
  const l = entry[LANGGRAPH];
  entry.over_langgraph = {};
  for (const arm of TROUPE_ARMS) {
    entry.over_langgraph[arm] = {
      runs_per_s: ratio(entry[arm]?.runs_per_s, l?.runs_per_s),
      langgraph_memory_share: ratio(l?.peak_rss_mb, entry[arm]?.peak_rss_mb),
    };
  }
  return entry;
});

// The targets.
const notMeasured = options.only ? `not measured (only ${LABEL[options.only]})`
  : options.quick ? "not measured (quick run)" : "not measured";
const targets = [];
// Each target is checked for both Troupe arms: as the CLI runs (every run
// writes its trace and files) and with no files, like the LangGraph.js side.
for (const arm of TROUPE_ARMS) {
  for (const c of cells.filter((c) => c.latency_ms === 0)) {
    const r = c.over_langgraph[arm].runs_per_s;
    targets.push({
      name: `runs/s at 0 ms, ${c.runs} runs: ${LABEL[arm]} / LangGraph.js`,
      goal: `>= ${SPEEDUP_AT_0MS}x`,
      measured: r ? `${fmt(r.median)}x` : notMeasured,
      met: r ? r.median >= SPEEDUP_AT_0MS : false,
    });
  }
  const big = cells.find((c) => c.runs === TARGET_RUNS && c.latency_ms === TARGET_LATENCY_MS);
  const bigTroupe = big?.[arm];
  const bigLang = big?.[LANGGRAPH];
  targets.push({
    name: `${LABEL[arm]} wall time / ideal at ${TARGET_RUNS} runs x ${TARGET_LATENCY_MS} ms`,
    goal: `<= ${WALL_OVER_IDEAL}x`,
    measured: bigTroupe?.wall_over_ideal ? `${fmt(bigTroupe.wall_over_ideal.median)}x` : notMeasured,
    met: bigTroupe?.wall_over_ideal ? bigTroupe.wall_over_ideal.median <= WALL_OVER_IDEAL : false,
  });
  const memory = bigTroupe?.peak_rss_mb && bigLang?.peak_rss_mb
    ? bigTroupe.peak_rss_mb.median / bigLang.peak_rss_mb.median
    : null;
  targets.push({
    name: `${LABEL[arm]} peak RSS / LangGraph.js's at ${TARGET_RUNS} runs x ${TARGET_LATENCY_MS} ms`,
    goal: `< ${MEMORY_SHARE}x`,
    measured: memory !== null ? `${fmt(memory)}x` : notMeasured,
    met: memory !== null ? memory < MEMORY_SHARE : false,
  });
}

const notes = [...problems];
for (const c of cells) {
  for (const runtime of RUNTIMES) {
    const g = c[runtime];
    if (!g) {
      notes.push(`${LABEL[runtime]} has no result at ${c.runs} runs x ${c.latency_ms} ms.`);
      continue;
    }
    for (const error of g.errors) notes.push(`${LABEL[runtime]}, ${c.runs} runs x ${c.latency_ms} ms: ${error}`);
    if (g.failed > 0) notes.push(`${LABEL[runtime]}, ${c.runs} runs x ${c.latency_ms} ms: ${g.failed} failed run(s) over all repetitions.`);
  }
  const lc = c[LANGGRAPH]?.calls_per_run;
  for (const arm of TROUPE_ARMS) {
    const tc = c[arm]?.calls_per_run;
    if (tc != null && lc != null && tc !== lc) {
      notes.push(`Model calls per run differ at ${c.runs} x ${c.latency_ms} ms: ${LABEL[arm]} ${tc}, LangGraph.js ${lc}; the pipelines do not correspond.`);
    }
  }
}

const anyFailed = problems.length > 0 ||
  cells.some((c) => RUNTIMES.some((rt) => !c[rt] || c[rt].failed > 0));

// ---- Markdown ------------------------------------------------------------

const info = machine(options.loadAverage);
const versions = pinnedVersions();
const repsText = `${options.reps} repetition${options.reps === 1 ? "" : "s"}`;
const lines = [];
lines.push("## peers: Troupe vs LangGraph.js, search -> summarize x4 -> analyze -> refine");
lines.push("");
lines.push("All runs of a process started at once; fake model with a fixed latency; each repetition a fresh process. " +
           "ideal = 4 stages x latency (all runs concurrent).");
lines.push("");
lines.push(`Machine: ${info.cpu_model}, ${info.cores} cores, ${info.kernel}, load average ` +
           `${info.load_average === null ? "unknown" : info.load_average.toFixed(2)} at start. ` +
           `Node ${versions.node}, @langchain/langgraph ${versions["@langchain/langgraph"]}, ` +
           `@langchain/core ${versions["@langchain/core"]}. ` +
           `Cells: median (min-max) of ${repsText}${options.quick ? ", quick run" : ""}` +
           `${options.only ? `, only ${LABEL[options.only]} measured` : ""}.`);
lines.push("");
lines.push("| runs | latency ms | runtime | runs/s | wall s | ideal s | wall / ideal | peak RSS MB | CPU s | failed | calls/run |");
lines.push("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const c of cells) {
  for (const runtime of RUNTIMES) {
    const g = c[runtime];
    if (!g) {
      lines.push(`| ${c.runs} | ${c.latency_ms} | ${LABEL[runtime]} | n/a | n/a | n/a | n/a | n/a | n/a | no result | n/a |`);
      continue;
    }
    lines.push(`| ${c.runs} | ${c.latency_ms} | ${LABEL[runtime]} | ${cell(g.runs_per_s)} | ${cell(g.wall_s)} | ` +
               `${fmt(g.ideal_s)} | ${cell(g.wall_over_ideal)} | ${cell(g.peak_rss_mb)} | ${cell(g.cpu_s)} | ${g.failed} | ` +
               `${g.calls_per_run ?? "n/a"} |`);
  }
}
if (!options.only) {
  lines.push("");
  lines.push("| runs | latency ms | Troupe arm | runs/s Troupe / LangGraph.js | peak RSS LangGraph.js / Troupe |");
  lines.push("|---:|---:|---|---:|---:|");
  for (const c of cells) {
    for (const arm of TROUPE_ARMS) {
      const r = c.over_langgraph[arm];
      lines.push(`| ${c.runs} | ${c.latency_ms} | ${LABEL[arm]} | ${ratioCell(r.runs_per_s)} | ` +
                 `${ratioCell(r.langgraph_memory_share)} |`);
    }
  }
  lines.push("");
  lines.push("Ratios: of the medians; in brackets, the least and the most favourable pairing of the two ranges.");
}
lines.push("");
lines.push("CPU s: user + system time of the process over the wall time, where the process reports it (`cpu_s`).");
lines.push("");
lines.push("| target | goal | measured (medians) | met |");
lines.push("|---|---|---|---|");
for (const t of targets) lines.push(`| ${t.name} | ${t.goal} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`);
for (const note of notes) {
  lines.push("");
  lines.push(note);
}
process.stdout.write(lines.join("\n") + "\n");

// ---- JSON ----------------------------------------------------------------

const doc = {
  benchmark: "peers",
  about: "The four-agent pipeline (search -> summarize x4 -> analyze -> refine, 7 fake model calls, " +
         "4 sequential stages) in Troupe and in LangGraph.js, all runs of a process concurrent.",
  date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  machine: info,
  versions,
  reps: options.reps,
  quick: options.quick,
  only: options.only,
  node_heap_mb: options.nodeHeapMb,
  cells,
  targets,
  notes,
  raw: records,
};
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, JSON.stringify(doc) + "\n");
process.stderr.write(`wrote ${options.out}\n`);
process.exitCode = anyFailed ? 1 : 0;
