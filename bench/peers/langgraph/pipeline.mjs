// The four-agent pipeline of the peer comparison (issue 7, item 7) in
// LangGraph.js: search -> summarize (x4, map-reduce with Send) -> analyze ->
// refine -> END, every model call through a LangChain chat model that waits a
// fixed latency. Starts N runs at once, awaits them all, and prints one JSON
// line on stdout with the same fields as `scale_bench --peer`:
//
//   node --max-old-space-size=8192 pipeline.mjs --runs 10000 --latency-ms 200
//        [--warmup 20]
//
// See ../README.md for what is measured and how it maps onto Troupe's side.

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

// No LangSmith tracing, whatever the environment says: the benchmark must
// neither reach the network nor pay for a tracer that Troupe's side lacks.
// Set before LangChain is loaded, hence the dynamic imports below.
for (const name of ["LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"]) {
  process.env[name] = "false";
}

const { Annotation, END, START, Send, StateGraph } = await import("@langchain/langgraph");
const { SimpleChatModel } = await import("@langchain/core/language_models/chat_models");
const { HumanMessage, SystemMessage } = await import("@langchain/core/messages");

// ---- command line --------------------------------------------------------

function usage(message) {
  if (message) process.stderr.write(`pipeline.mjs: ${message}\n`);
  process.stderr.write("usage: node pipeline.mjs --runs N --latency-ms L [--warmup W]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const options = { runs: 1000, latencyMs: 0, warmup: 20 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const number = () => {
      if (value === undefined || !/^\d+$/.test(value)) usage(`${flag} needs a whole number`);
      i++;
      return Number(value);
    };
    if (flag === "--runs") options.runs = number();
    else if (flag === "--latency-ms") options.latencyMs = number();
    else if (flag === "--warmup") options.warmup = number();
    else if (flag === "--help" || flag === "-h") usage();
    else usage(`unknown option ${flag}`);
  }
  if (options.runs < 1) usage("--runs must be at least 1");
  return options;
}

const { runs, latencyMs, warmup } = parseArgs(process.argv.slice(2));

// ---- the fake model ------------------------------------------------------

const SOURCES_PER_SEARCH = 4;
const STAGES = 4; // search, summarize (concurrent), analyze, refine
const CALLS_PER_RUN = 1 + SOURCES_PER_SEARCH + 1 + 1;

const FILLER =
  "The evidence points the same way across the material reviewed, with two " +
  "caveats about sample size and one about the period covered; the claims " +
  "that matter most are supported by at least two independent accounts.";

// What the fake model reads: the last message, the user's prompt (the system
// message only sets the tone, and a real model would not quote it).
function promptOf(messages) {
  const last = messages[messages.length - 1];
  return typeof last?.content === "string" ? last.content : "";
}

function clip(text, length) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, length)}...`;
}

const LABELS = { summary: "Summary", analysis: "Analysis", answer: "Answer" };

// The answer is built from the prompt, like a model's would be: a search
// prompt gets SOURCES_PER_SEARCH source lines, anything else a short
// paragraph (about 300-400 characters) that quotes the start of its input.
function fakeAnswer(prompt) {
  const task = prompt.match(/^TASK: (\w+)/)?.[1] ?? "answer";
  const input = prompt.replace(/^TASK: \w+\n?/, "");
  if (task === "search") {
    const lines = [];
    for (let i = 1; i <= SOURCES_PER_SEARCH; i++) {
      lines.push(`[${i}] Report ${i} on ${clip(input, 60)}: findings, method and figures, ` +
                 `section ${i * 3} of the survey.`);
    }
    return lines.join("\n");
  }
  return `${LABELS[task] ?? "Answer"} for "${clip(input, 120)}": ${FILLER}`;
}

let modelCalls = 0;

// A LangChain chat model, so that every call pays what a real user's call
// pays in LangChain (message objects, callback manager, run ids, the
// Runnable machinery of BaseChatModel.invoke) and only the provider's
// network round trip is replaced by a timer. SimpleChatModel is
// BaseChatModel with _generate derived from a string-returning _call.
class FixedLatencyChatModel extends SimpleChatModel {
  constructor(latency) {
    super({});
    this.latency = latency;
  }

  setLatency(latency) {
    this.latency = latency;
  }

  _llmType() {
    return "fixed-latency-fake";
  }

  async _call(messages) {
    modelCalls++;
    if (this.latency > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.latency));
    }
    return fakeAnswer(promptOf(messages));
  }
}

const model = new FixedLatencyChatModel(0);

async function ask(task, system, input) {
  const reply = await model.invoke([
    new SystemMessage(system),
    new HumanMessage(`TASK: ${task}\n${input}`),
  ]);
  return reply.content;
}

// ---- the graph -----------------------------------------------------------

const PipelineState = Annotation.Root({
  question: Annotation(),
  sources: Annotation(),
  summaries: Annotation({
    reducer: (left, right) => left.concat(right),
    default: () => [],
  }),
  analysis: Annotation(),
  answer: Annotation(),
});

async function search(state) {
  const text = await ask("search", "You find sources for a research question.", state.question);
  return { sources: text.split("\n").filter((line) => line.length > 0) };
}

// One Send per source: LangGraph runs the summarize tasks of one superstep
// concurrently and analyze only once all of them have written.
function fanOut(state) {
  return state.sources.map((source) => new Send("summarize", { question: state.question, source }));
}

async function summarize({ question, source }) {
  const text = await ask("summary", "You summarise one source for a research question.",
                         `Question: ${question}\nSource: ${source}`);
  return { summaries: [text] };
}

async function analyze(state) {
  const text = await ask("analysis", "You analyse the summaries of the sources.",
                         `Question: ${state.question}\n${state.summaries.join("\n")}`);
  return { analysis: text };
}

async function refine(state) {
  const text = await ask("answer", "You turn an analysis into a final answer.",
                         `Question: ${state.question}\nAnalysis: ${state.analysis}`);
  return { answer: text };
}

const graph = new StateGraph(PipelineState)
  .addNode("search", search)
  .addNode("summarize", summarize)
  .addNode("analyze", analyze)
  .addNode("refine", refine)
  .addEdge(START, "search")
  .addConditionalEdges("search", fanOut, ["summarize"])
  .addEdge("summarize", "analyze")
  .addEdge("analyze", "refine")
  .addEdge("refine", END)
  .compile();

// ---- peak memory ---------------------------------------------------------

let peakRss = process.memoryUsage().rss;
function sampleRss() {
  const rss = process.memoryUsage().rss;
  if (rss > peakRss) peakRss = rss;
}

function vmHwmBytes() {
  try {
    const match = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s+(\d+)\s+kB/m);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // not Linux: the samples alone
  }
}

// ---- the runs ------------------------------------------------------------

function checkResult(result) {
  if (typeof result.answer !== "string" || result.answer.length === 0) {
    throw new Error("no answer");
  }
  if (result.summaries.length !== SOURCES_PER_SEARCH) {
    throw new Error(`${result.summaries.length} summaries, not ${SOURCES_PER_SEARCH}`);
  }
}

let failed = 0;
let firstError;

async function oneRun(index) {
  try {
    const result = await graph.invoke({ question: `Question ${index}: what changed in the field since 2020?` });
    checkResult(result);
  } catch (error) {
    failed++;
    firstError ??= error;
  }
}

// A warm-up before the clock starts: a server's graph has run before, so the
// JIT has compiled LangGraph's and LangChain's hot paths (Troupe's side is
// compiled ahead of time). Sequential, at 0 ms, and left out of the counts.
for (let i = 0; i < warmup; i++) await oneRun(-1 - i);
if (failed > 0) {
  process.stderr.write(`pipeline.mjs: the warm-up failed: ${firstError?.stack ?? firstError}\n`);
  process.exit(1);
}
modelCalls = 0;
model.setLatency(latencyMs);

const sampler = setInterval(sampleRss, 10);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const all = [];
for (let i = 0; i < runs; i++) all.push(oneRun(i));
await Promise.all(all);
const wallS = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
sampleRss();
peakRss = Math.max(peakRss, vmHwmBytes());

if (firstError) process.stderr.write(`pipeline.mjs: ${failed} run(s) failed; first: ${firstError.stack ?? firstError}\n`);

const round = (value, digits) => Number(value.toFixed(digits));
process.stdout.write(JSON.stringify({
  runtime: "langgraph.js",
  runs,
  latency_ms: latencyMs,
  wall_s: round(wallS, 4),
  runs_per_s: round(runs / wallS, 1),
  ideal_s: round((STAGES * latencyMs) / 1000, 4),
  peak_rss_mb: round(peakRss / (1024 * 1024), 1),
  failed,
  model_calls: modelCalls,
  calls_per_run: CALLS_PER_RUN,
  // Beyond the shared fields: CPU time (user + system, all threads of the
  // process) over the same span as wall_s, which other load on the machine
  // stretches far less than wall time.
  cpu_s: round((cpu.user + cpu.system) / 1e6, 3),
}) + "\n");
process.exitCode = failed > 0 ? 1 : 0;
