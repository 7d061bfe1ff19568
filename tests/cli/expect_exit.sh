#!/bin/sh
# Runs a command and passes when it exits with the expected code: ctest can
# only tell zero from non-zero, and the CLI's exit codes are part of its
# contract.
expected=$1
shift
"$@"
code=$?
if [ "$code" -ne "$expected" ]; then
  echo "expected exit code $expected, got $code: $*" >&2
  exit 1
fi
