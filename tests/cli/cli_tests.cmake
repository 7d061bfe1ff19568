# The troupe command as a user runs it: exit codes and fallbacks, offline.
# HOME and XDG_CACHE_HOME point into the build tree so no test writes to the
# user's home; OPENAI_API_KEY is removed so nothing can reach a real API.
# Each test has its own cache folder, so that no test depends on a corpus
# index that another one, running in parallel, left or is building.

set(TROUPE_CLI_HOME ${CMAKE_BINARY_DIR}/cli-home)
set(TROUPE_EXPECT ${PROJECT_SOURCE_DIR}/tests/cli/expect_exit.sh)
set(TROUPE_SCENARIO scenarios/research_assistant.json)

function(troupe_cli_test name code)
  add_test(NAME "cli: ${name}"
           COMMAND env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY
                   HOME=${TROUPE_CLI_HOME} XDG_CACHE_HOME=${TROUPE_CLI_HOME}/cache/${name}
                   ${TROUPE_EXPECT} ${code} $<TARGET_FILE:troupe> ${ARGN}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()

troupe_cli_test("a dead --base-url endpoint falls back to the offline model" 0
  run ${TROUPE_SCENARIO} --quiet --out ${TROUPE_CLI_HOME}/runs/base-url
  --base-url http://127.0.0.1:1/v1 --model llama3.1:8b)
troupe_cli_test("a providers file whose key is not set falls back offline" 0
  run ${TROUPE_SCENARIO} --quiet --out ${TROUPE_CLI_HOME}/runs/no-key
  --providers scenarios/providers/openai_with_local_fallback.json)
troupe_cli_test("--max-usd 0 still runs on the free offline model" 0
  run ${TROUPE_SCENARIO} --quiet --out ${TROUPE_CLI_HOME}/runs/zero --max-usd 0)
troupe_cli_test("--max-usd must be a number" 2
  run ${TROUPE_SCENARIO} --max-usd lots)
file(GLOB TROUPE_EXAMPLE_PROVIDERS RELATIVE ${PROJECT_SOURCE_DIR}
     ${PROJECT_SOURCE_DIR}/scenarios/providers/*.json)
foreach(providers ${TROUPE_EXAMPLE_PROVIDERS})
  troupe_cli_test("${providers} is valid" 0
    validate ${TROUPE_SCENARIO} --providers ${providers})
endforeach()
troupe_cli_test("a missing providers file is invalid input" 3
  validate ${TROUPE_SCENARIO} --providers scenarios/providers/none.json)

troupe_cli_test("troupe node needs --listen" 2 node)
troupe_cli_test("troupe node --listen needs HOST:PORT" 2 node --listen nowhere)
troupe_cli_test("troupe node --agents names registered types only" 2
  node --listen 127.0.0.1:0 --agents summarise)
troupe_cli_test("troupe node --allow rejects what is not an address" 2
  node --listen 127.0.0.1:0 --allow 10.0.0.0/33)
troupe_cli_test("--place names a declared agent" 3
  run ${TROUPE_SCENARIO} --place summarise=127.0.0.1:7101)
troupe_cli_test("--place takes HOST:PORT" 3
  run ${TROUPE_SCENARIO} --place summarize=127.0.0.1)
troupe_cli_test("--place on a node that is not there falls back to a local agent" 0
  run ${TROUPE_SCENARIO} --quiet --out ${TROUPE_CLI_HOME}/runs/no-node
  --place summarize=127.0.0.1:1)

set(TROUPE_TRACE tests/data/research_assistant_trace.jsonl)
file(MAKE_DIRECTORY ${TROUPE_CLI_HOME}/exports) # --out makes no folders
foreach(format perfetto otlp mermaid)
  troupe_cli_test("trace export --format ${format} writes its file" 0
    trace export ${TROUPE_TRACE} --format ${format}
    --out ${TROUPE_CLI_HOME}/exports/trace.${format})
endforeach()
troupe_cli_test("trace export needs a format" 2 trace export ${TROUPE_TRACE})
troupe_cli_test("trace diff compares two traces" 0
  trace diff ${TROUPE_TRACE} tests/data/research_assistant_offline_trace.jsonl)
troupe_cli_test("trace diff of a missing trace is invalid input" 3
  trace diff ${TROUPE_TRACE} tests/data/none.jsonl)
troupe_cli_test("trace messages --follow of a finished run ends at its run_end" 0
  trace messages ${TROUPE_TRACE} --follow)

# The two scenarios beyond the research assistant, offline. The contract
# review stops for a person's approval: the flags decide it, and without
# them and without a terminal the approval step fails the run.
set(TROUPE_CONTRACT scenarios/contract_review.json)
troupe_cli_test("contract review approved with --approve" 0
  run ${TROUPE_CONTRACT} --quiet --out ${TROUPE_CLI_HOME}/runs/contract-approved --approve)
troupe_cli_test("contract review rejected with --reject exits 6" 6
  run ${TROUPE_CONTRACT} --quiet --out ${TROUPE_CLI_HOME}/runs/contract-rejected --reject)
troupe_cli_test("contract review without a decision or a terminal fails" 1
  run ${TROUPE_CONTRACT} --quiet --out ${TROUPE_CLI_HOME}/runs/contract-undecided)
troupe_cli_test("--approve and --reject exclude each other" 2
  run ${TROUPE_CONTRACT} --approve --reject)
troupe_cli_test("support triage runs offline" 0
  run scenarios/support_triage.json --quiet --out ${TROUPE_CLI_HOME}/runs/triage)

# The installed Troupe as a plugin author uses it: install into a temporary
# prefix, build examples/fact_check_plugin outside the source tree with
# find_package(Troupe), run a scenario with it (ctest -R install).
add_test(NAME "install: a plugin builds against the installed Troupe and runs"
         COMMAND env CMAKE=${CMAKE_COMMAND} ${PROJECT_SOURCE_DIR}/tests/cli/plugin_install_test.sh
                 ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/install-test)
set_tests_properties("install: a plugin builds against the installed Troupe and runs"
                     PROPERTIES LABELS install TIMEOUT 600)
troupe_cli_test("agents lists the agent types" 0 agents)
troupe_cli_test("agents with a missing plugin is invalid input" 3
  agents --plugin ${TROUPE_CLI_HOME}/no-such-plugin.so)
troupe_cli_test("agents takes no file" 2 agents scenarios/research_assistant.json)
