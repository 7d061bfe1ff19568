// The four-agent pipeline of the peer comparison (issue 7, item 7) in
// LangGraph.js: search -> summarize (x4, map-reduce with Send) -> analyze ->
// refine -> END, every model call through a LangChain chat model that waits a
// fixed latency. Starts N runs at once, awaits them all, and prints one JSON
// line on stdout with the same fields as `scale_bench --peer`:
//
//   node pipeline.mjs --runs 10000 --latency-ms 200
//        [--warmup 20]
//
// See ../README.md for what is measured and how it maps onto Troupe's side.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

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

// ---- the prompts ---------------------------------------------------------

// The prompts of the Troupe side (bench/peers/pipeline.json): the research
// assistant's templates for summarize, analyze and refine, and
// bench/peers/prompts/search.txt for search, with the question and four
// documents. Where that file is not in the tree, a search prompt of the same
// shape stands in (SEARCH_FALLBACK). Placeholders are {{name}}.
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..", "..");

const SEARCH_FALLBACK = `Find the sources below that bear on the research question. Answer with a JSON
object {"sources": [{"id", "title", "text"}]}: one source per document, its
text the passage that answers the question.

<question>{{question}}</question>

<document id="lithium-ion" title="Lithium-ion batteries on the grid">
Lithium-ion batteries dominate new grid storage because their cost fell by
almost ninety percent in a decade. They respond in milliseconds, which suits
frequency regulation. Their capacity fades with every cycle.
</document>

<document id="pumped-hydro" title="Pumped hydro storage">
Pumped hydro stores energy by moving water between two reservoirs and lasts
for decades. It offers the lowest cost per stored kilowatt-hour for long
durations. Suitable sites are rare and permits take years.
</document>

<document id="safety" title="Fire safety of battery plants">
Thermal runaway in one cell can spread to its neighbours and start a fire that
is hard to extinguish. Modern plants separate modules and monitor temperatures.
Fire codes now require spacing that raises the land a plant needs.
</document>

<document id="minerals" title="Critical minerals supply chain">
Battery storage depends on lithium, nickel and cobalt mined in few countries.
Supply shocks raise prices and delay projects. Sodium-ion and iron-air
chemistries avoid the scarcest minerals at the price of lower energy density.
</document>
`;

function readTemplate(relative, fallback) {
  try {
    return readFileSync(join(repoRoot, relative), "utf8");
  } catch (error) {
    if (fallback !== undefined) return fallback;
    process.stderr.write(`pipeline.mjs: cannot read ${relative}: ${error.message}\n`);
    process.exit(2);
  }
}

const PROMPTS = {
  search: readTemplate("bench/peers/prompts/search.txt", SEARCH_FALLBACK),
  summarize: readTemplate("scenarios/research_assistant/prompts/summarize.txt"),
  analyze: readTemplate("scenarios/research_assistant/prompts/analyze.txt"),
  refine: readTemplate("scenarios/research_assistant/prompts/refine.txt"),
};

function render(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name) => values[name] ?? whole);
}

// ---- the fake model ------------------------------------------------------

function sentencesOf(text) {
  return text.replace(/\s+/g, " ").match(/[^.!?]+[.!?]/g)?.map((s) => s.trim()) ?? [];
}

function firstSentence(text) {
  return sentencesOf(text)[0] ?? text.slice(0, 120);
}

// The answer is built from the prompt, in the JSON shape the prompt asks
// for, like the Troupe side's offline extractive model: search returns the
// prompt's <document>s as sources (made up to SOURCES_PER_SEARCH if there
// are fewer), summarize the first sentences of its source as findings,
// analyze one key point per summary, refine a short summary with claims.
function fakeAnswer(agent, prompt) {
  const question = prompt.match(/<question>([\s\S]*?)<\/question>/)?.[1] ?? "";
  if (agent === "search") {
    const sources = [...prompt.matchAll(/<document id="([^"]*)" title="([^"]*)">([\s\S]*?)<\/document>/g)]
      .slice(0, SOURCES_PER_SEARCH)
      .map(([, id, title, text]) => ({ id, title, text: text.replace(/\s+/g, " ").trim() }));
    while (sources.length < SOURCES_PER_SEARCH) {
      const n = sources.length + 1;
      sources.push({ id: `source-${n}`, title: `Source ${n}`, text: `Source ${n} on ${question}.` });
    }
    return JSON.stringify({ sources });
  }
  if (agent === "summarize") {
    const document = prompt.match(/<document[^>]*>([\s\S]*?)<\/document>/)?.[1] ?? prompt;
    return JSON.stringify({ findings: sentencesOf(document).slice(0, 3) });
  }
  if (agent === "analyze") {
    const key_points = [...prompt.matchAll(/<summary source="([^"]*)">([\s\S]*?)<\/summary>/g)]
      .map(([, source, text]) => ({ text: firstSentence(text), source }));
    return JSON.stringify({ trends: [], key_points, gaps: [] });
  }
  const claims = [...prompt.matchAll(/<claim source="([^"]*)">([\s\S]*?)<\/claim>/g)]
    .map(([, source, text]) => ({ text: text.trim(), supported: true, sources: [source] }));
  const summary = claims.slice(0, 3).map((c) => c.text).join(" ");
  return JSON.stringify({ summary, claims, gaps: [], followup_query: "" });
}

let modelCalls = 0;

// A LangChain chat model, so that every call pays what a real user's call
// pays in LangChain (message objects, callback manager, run ids, the
// Runnable machinery of BaseChatModel.invoke) and only the provider's
// network round trip is replaced by a timer. SimpleChatModel is
// BaseChatModel with _generate derived from a string-returning _call.
// The system message names the agent ("You are the summarize agent."), the
// human message is the rendered prompt.
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
    const agent = String(messages[0]?.content ?? "").match(/^You are the (\w+) agent/)?.[1] ?? "refine";
    const prompt = messages[messages.length - 1]?.content;
    return fakeAnswer(agent, typeof prompt === "string" ? prompt : "");
  }
}

const model = new FixedLatencyChatModel(0);

async function ask(agent, template, values) {
  const reply = await model.invoke([
    new SystemMessage(`You are the ${agent} agent of a research assistant.`),
    new HumanMessage(render(template, values)),
  ]);
  return JSON.parse(reply.content);
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
  const { sources } = await ask("search", PROMPTS.search, { question: state.question });
  return { sources };
}

// One Send per source: LangGraph runs the summarize tasks of one superstep
// concurrently and analyze only once all of them have written.
function fanOut(state) {
  return state.sources.map((source) => new Send("summarize", { question: state.question, source }));
}

async function summarize({ question, source }) {
  const { findings } = await ask("summarize", PROMPTS.summarize, {
    question, source_id: source.id, source_title: source.title, source_text: source.text,
  });
  return { summaries: [{ source: source.id, findings }] };
}

function summaryDocuments(summaries) {
  return summaries.map((s) => `<summary source="${s.source}">\n${s.findings.join("\n")}\n</summary>`).join("\n\n");
}

async function analyze(state) {
  const analysis = await ask("analyze", PROMPTS.analyze, {
    question: state.question, documents: summaryDocuments(state.summaries),
  });
  return { analysis };
}

async function refine(state) {
  const claims = state.analysis.key_points
    .map((p) => `<claim source="${p.source}">${p.text}</claim>`).join("\n");
  const answer = await ask("refine", PROMPTS.refine, {
    question: state.question, documents: summaryDocuments(state.summaries), claims,
  });
  return { answer };
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
  if (typeof result.answer?.summary !== "string" || result.answer.summary.length === 0) {
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
    const result = await graph.invoke({
      question: `What are the main trade-offs of grid-scale battery storage? (run ${index})`,
    });
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
