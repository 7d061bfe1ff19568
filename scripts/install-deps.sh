#!/usr/bin/env bash
# Installs the Debian 12 packages Troupe builds with, if any is missing.
# Idempotent and silent when everything is already there.
set -euo pipefail

# ca-certificates: curl verifies TLS peers against them; without it every
# HTTPS provider fails, and --no-install-recommends would leave it out.
packages=(build-essential cmake ninja-build libcaf-dev libboost-json1.81-dev
          libcurl4-openssl-dev ca-certificates libspdlog-dev catch2 libsqlite3-dev)
# Extra packages by name (`install-deps.sh clang-format`), or `fuzz` for what
# `make fuzz` needs: clang-14, libFuzzer and clang's sanitizer runtimes
# (libclang-rt-14-dev, only recommended by clang-14, so left out by
# --no-install-recommends), and llvm-symbolizer (llvm-14) for readable reports.
for arg in "$@"; do
  case "$arg" in
    fuzz) packages+=(clang-14 libclang-rt-14-dev llvm-14) ;;
    *) packages+=("$arg") ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "troupe: installing missing packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "troupe: run as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
