#!/bin/sh
# Runs a command and passes when it exits with the expected code: ctest can
# only tell zero from non-zero, and the CLI's exit codes are part of its
# contract. Stdin is empty, never a terminal: nothing may wait for a person.
expected=$1
shift
"$@" </dev/null
code=$?
if [ "$code" -ne "$expected" ]; then
  echo "expected exit code $expected, got $code: $*" >&2
  exit 1
fi
