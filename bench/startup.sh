#!/usr/bin/env bash
# CLI start-up as a user meets it: wall time of `./derm --version`, `./derm resolve melanoma` and
# `./derm prompts --set HAM10000`, each run ROUNDS times with Java's AOT cache (the default) and
# without it (DERM_AOT=0), interleaved; prints medians and the AOT/no-AOT ratio. The jar and the
# cache are built first (not timed).
#
#   bench/startup.sh [ROUNDS=7]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
rounds="${1:-7}"
derm="$here/derm"
"$derm" resolve melanoma >/dev/null 2>&1 # builds the jar and trains the cache when stale
nproc_=$(nproc); mem=$(free -g | awk '/Mem:/{print $2}')
echo "machine: $nproc_ cores, ${mem} GiB, $(java -version 2>&1 | sed -n 1p), load average $(cut -d' ' -f1-3 /proc/loadavg)"

wall() { # prints the command's wall ms
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A runs
cases=("--version" "resolve melanoma" "prompts --set HAM10000")
for _ in $(seq 1 "$rounds"); do
  for c in "${cases[@]}"; do
    # shellcheck disable=SC2086
    runs["aot|$c"]+=" $(wall "$derm" $c)"
    # shellcheck disable=SC2086
    runs["plain|$c"]+=" $(wall env DERM_AOT=0 "$derm" $c)"
  done
done
printf '%-26s %12s %12s %8s\n' "derm ..." "AOT ms" "no AOT ms" "ratio"
for c in "${cases[@]}"; do
  # shellcheck disable=SC2086
  a=$(median ${runs["aot|$c"]}); p=$(median ${runs["plain|$c"]})
  printf '%-26s %12s %12s %8s\n' "$c" "$a" "$p" "$(awk -v a="$a" -v p="$p" 'BEGIN{printf "%.2f", a/p}')"
done
