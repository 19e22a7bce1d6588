#!/usr/bin/env bash
# CLI start-up as a user meets it: wall time of `./derm --version`, `./derm resolve melanoma` and
# `./derm prompts --set HAM10000`, each run ROUNDS times with Java's AOT cache (the default) and
# without it (DERM_AOT=0), interleaved; prints medians and the AOT/no-AOT ratio. The jar and the
# cache are built first (not timed). With PEER (another checkout of the project, e.g. a worktree of
# an older commit), its ./derm runs the same commands in the same rounds, as the baseline.
#
#   bench/startup.sh [ROUNDS=7] [PEER]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
rounds="${1:-7}"
peer="${2:-}"
derm="$here/derm"
"$derm" resolve melanoma >/dev/null 2>&1 # builds the jar and trains the cache when stale
if [ -n "$peer" ]; then "$peer/derm" resolve melanoma >/dev/null 2>&1; fi
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
    if [ -n "$peer" ]; then
      # shellcheck disable=SC2086
      runs["peer|$c"]+=" $(wall env DERM_AOT=0 "$peer/derm" $c)"
    fi
  done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
printf '%-26s %10s %10s %8s %10s %10s\n' "derm ..." "AOT ms" "no AOT" "ratio" "peer ms" "AOT/peer"
for c in "${cases[@]}"; do
  # shellcheck disable=SC2086
  a=$(median ${runs["aot|$c"]}); p=$(median ${runs["plain|$c"]})
  if [ -n "$peer" ]; then
    # shellcheck disable=SC2086
    q=$(median ${runs["peer|$c"]}); qr=$(ratio "$a" "$q")
  else
    q="-"; qr="-"
  fi
  printf '%-26s %10s %10s %8s %10s %10s\n' "$c" "$a" "$p" "$(ratio "$a" "$p")" "$q" "$qr"
done
