#!/bin/sh
# A plugin built outside the source tree against the installed Troupe, as a
# user builds one (docs/writing-agents.md):
#   1. cmake --install BUILD --prefix TMP/prefix
#   2. examples/fact_check_plugin copied to TMP/src, configured with
#      -DCMAKE_PREFIX_PATH=TMP/prefix (find_package(Troupe)) and built
#   3. TMP/prefix/bin/troupe validate and run scenarios/research_fact_check.json
#      with --plugin TMP/build/fact_check.so: exit 0, the fact_check output in
#      result.json, its fact_check.done event in the trace
#   4. a wrong --plugin path: a clear error, exit 3
#   5. a copy of the prefix reads its own share/troupe/pricing.json: the
#      installed troupe depends neither on the install path nor on the source
#      tree
# Usage: plugin_install_test.sh BUILD_DIR SOURCE_DIR TMP_DIR
# Fails with a message naming the first step that broke.

build=$1
source=$2
tmp=$3
if [ -z "$build" ] || [ -z "$source" ] || [ -z "$tmp" ]; then
  echo "usage: $0 BUILD_DIR SOURCE_DIR TMP_DIR" >&2
  exit 2
fi

fail() {
  echo "plugin_install_test: FAILED: $*" >&2
  exit 1
}

# Everything below runs offline and writes only into TMP.
{ rm -rf "$tmp" && mkdir -p "$tmp/home"; } || fail "cannot make $tmp"
tmp=$(cd "$tmp" && pwd)
export HOME="$tmp/home" XDG_CACHE_HOME="$tmp/home/cache"
unset OPENAI_API_KEY ANTHROPIC_API_KEY
log="$tmp/log.txt"
cmake=${CMAKE:-cmake} # ctest passes the cmake that configured the build

step() {
  echo "== $*"
}

step "install Troupe into $tmp/prefix"
"$cmake" --install "$build" --prefix "$tmp/prefix" >"$log" 2>&1 ||
  { cat "$log" >&2; fail "cmake --install $build --prefix $tmp/prefix"; }
for f in bin/troupe include/troupe/agent.hpp share/troupe/pricing.json \
         lib/cmake/Troupe/TroupeConfig.cmake lib/cmake/Troupe/TroupeConfigVersion.cmake \
         lib/cmake/Troupe/TroupePlugin.cmake; do
  [ -e "$tmp/prefix/$f" ] || fail "the install has no $f"
done
ls "$tmp"/prefix/lib/libtroupe.so* >/dev/null 2>&1 || fail "the install has no lib/libtroupe.so"

step "build the fact_check plugin outside the source tree"
cp -R "$source/examples/fact_check_plugin" "$tmp/src" || fail "cannot copy the example plugin"
generator=
if command -v ninja >/dev/null 2>&1; then
  generator="-G Ninja"
fi
# shellcheck disable=SC2086 # $generator is two words or none
"$cmake" -S "$tmp/src" -B "$tmp/build" $generator -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$log" 2>&1 ||
  { cat "$log" >&2; fail "configuring the plugin with -DCMAKE_PREFIX_PATH=$tmp/prefix"; }
grep -q "Troupe_DIR:PATH=$tmp/prefix/" "$tmp/build/CMakeCache.txt" ||
  fail "find_package(Troupe) did not find the installed package in $tmp/prefix"
"$cmake" --build "$tmp/build" >"$log" 2>&1 ||
  { cat "$log" >&2; fail "building the plugin against the installed Troupe"; }
plugin="$tmp/build/fact_check.so"
[ -f "$plugin" ] || fail "the plugin build made no $plugin"

troupe="$tmp/prefix/bin/troupe"
scenario="$source/scenarios/research_fact_check.json"

step "troupe validate with --plugin"
"$troupe" validate "$scenario" --plugin "$plugin" >"$log" 2>&1 ||
  { cat "$log" >&2; fail "troupe validate $scenario --plugin $plugin"; }

step "troupe run with --plugin"
"$troupe" run "$scenario" --plugin "$plugin" --quiet --out "$tmp/run" >"$log" 2>&1
code=$?
[ "$code" -eq 0 ] || { cat "$log" >&2; fail "troupe run exited with $code, not 0"; }
[ -f "$tmp/run/result.json" ] || fail "the run wrote no result.json"
grep -q '"fact_check":{"checked":\[{' "$tmp/run/result.json" ||
  fail "result.json has no fact_check output with checked claims"
grep '"kind":"agent_event"' "$tmp/run/trace.jsonl" | grep -q '"name":"fact_check.done"' ||
  fail "the trace has no agent_event named fact_check.done"

step "a wrong --plugin path"
"$troupe" validate "$scenario" --plugin "$tmp/no-such-plugin.so" >"$log" 2>&1
code=$?
[ "$code" -eq 3 ] || { cat "$log" >&2; fail "a wrong --plugin path exited with $code, not 3"; }
grep -q "plugin '$tmp/no-such-plugin.so' does not exist" "$log" ||
  { cat "$log" >&2; fail "a wrong --plugin path gave no clear error"; }

step "a copy of the installed tree uses its own share/troupe"
cp -R "$tmp/prefix" "$tmp/moved" || fail "cannot copy the prefix"
echo '{"prices": {' >"$tmp/moved/share/troupe/pricing.json"
"$tmp/moved/bin/troupe" run "$scenario" --plugin "$plugin" --quiet --out "$tmp/run2" \
  >"$log" 2>&1
code=$?
[ "$code" -ne 0 ] ||
  fail "the moved troupe ran with a broken share/troupe/pricing.json: it reads another table"
grep -q "$tmp/moved/share/troupe/pricing.json" "$log" ||
  { cat "$log" >&2; fail "the moved troupe did not read $tmp/moved/share/troupe/pricing.json"; }

echo "plugin_install_test: ok"
