# The commands of the README, and the pieces they are made of.
#   make demo   installs what is missing, builds, runs the research assistant offline
#   make test   installs what is missing, builds, runs the whole test suite
#   make bench  builds the benchmarks (Release, own folder) and runs them all
#   make bench-smoke  builds the benchmarks next to the tests and runs each
#               briefly (--quick): CI's check that they build and run
#   make bench-peers  the same pipeline in Troupe and in LangGraph.js, side by
#               side (bench/peers; installs the Node side from the npm registry)
#   make fuzz   builds the fuzz targets with clang (own folder) and runs each
#               for FUZZ_SECONDS on a copy of its seed corpus
BUILD ?= build
BENCH_BUILD ?= build-bench
BENCH_ARGS ?=
# scale_bench last: its 10,000-run arms take minutes, and a run that fails
# there (it exits 1) should not keep the others from running.
BENCHMARKS = model_call_bench http_path_bench agent_handoff_bench trace_cost_bench \
  corpus_search_bench distributed_bench scale_bench
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = scenario_loader_fuzz providers_file_fuzz trace_reader_fuzz
JOBS ?= $(shell nproc)
QUESTION ?=
SCENARIO ?= scenarios/research_assistant.json

.PHONY: deps build demo test test-sanitize bench bench-smoke bench-peers fuzz format-check clean

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	@scripts/install-deps.sh
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/troupe run $(SCENARIO) $(if $(QUESTION),--input question="$(QUESTION)")

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The test suite again under AddressSanitizer and UBSan (Debug build).
test-sanitize: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTROUPE_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# The benchmarks of bench/ (see docs/performance.md), in a build folder of
# their own so that `make test` never builds them. Each writes its JSON to
# $(BENCH_BUILD)/results; BENCH_ARGS=--quick makes a short smoke run.
bench: deps
	cmake -S . -B $(BENCH_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DTROUPE_BENCH=ON -DTROUPE_BUILD_TESTS=OFF
	cmake --build $(BENCH_BUILD) -j $(JOBS)
	@set -e; for b in $(BENCHMARKS); do \
	  ./$(BENCH_BUILD)/bench/$$b --out $(BENCH_BUILD)/results $(BENCH_ARGS); done

# CI's check of the benchmarks: built in the test build folder (the library
# is already built there), each run once with --quick. Figures from a smoke
# run mean nothing; a benchmark that fails or whose calls fail stops CI.
bench-smoke: build
	cmake -S . -B $(BUILD) -DTROUPE_BENCH=ON
	cmake --build $(BUILD) -j $(JOBS)
	@set -e; for b in $(BENCHMARKS); do \
	  ./$(BUILD)/bench/$$b --quick --out $(BUILD)/bench-smoke > /dev/null; \
	  echo "bench-smoke: $$b ran"; done

# The peer comparison of bench/peers (see bench/peers/README.md): the same
# four-agent pipeline through Troupe (scale_bench --peer, built here as in
# `make bench`) and through LangGraph.js, which run-peers.sh installs with
# `npm ci` into bench/peers/langgraph on first use; neither the build nor the
# tests need Node. Writes $(BENCH_BUILD)/results/peers.json;
# PEERS_ARGS=--quick makes a short smoke run.
PEERS_ARGS ?=
bench-peers: deps
	cmake -S . -B $(BENCH_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DTROUPE_BENCH=ON -DTROUPE_BUILD_TESTS=OFF
	cmake --build $(BENCH_BUILD) -j $(JOBS) --target scale_bench
	BENCH_BUILD=$(BENCH_BUILD) OUT=$(BENCH_BUILD)/results bench/peers/run-peers.sh $(PEERS_ARGS)

# The libFuzzer targets of fuzz/ (see docs/fuzzing.md), built with clang and
# ASan/UBSan in a folder of their own, each run for FUZZ_SECONDS; fails on
# any crash, hang, leak or sanitizer report, whose input is kept in
# $(FUZZ_BUILD)/findings.
fuzz:
	@scripts/install-deps.sh fuzz
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DTROUPE_FUZZ=ON -DTROUPE_BUILD_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@scripts/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format-check:
	@scripts/install-deps.sh clang-format
	git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD) build-asan $(BENCH_BUILD) $(FUZZ_BUILD)
