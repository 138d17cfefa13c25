#!/usr/bin/env bash
# Every performance target of issue 19 in one run, on this machine:
#   1. the acme-saas pack as a fresh process (wall, CPU, peak RSS) against
#      pandoc + pdflatex, interleaved (bench/compare.sh);
#   2. packs of 40, 200, 500 and 1,000 documents (BenchmarkScale: wall per
#      document and peak RSS of a child process);
#   3. save-to-written latency in watch mode (bench/watch.sh);
#   4. the time a signal takes to stop each command, against the README's
#      promise of 200 ms (BenchmarkSignalStop).
# It prints the machine and the load first, since the numbers belong to it.
#   bench/targets.sh [-rounds 5] [-watch-rounds 30]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5
wrounds=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    -rounds) rounds=$2; shift 2 ;;
    -watch-rounds) wrounds=$2; shift 2 ;;
    *) echo "usage: bench/targets.sh [-rounds N] [-watch-rounds N]" >&2; exit 2 ;;
  esac
done
echo "== machine: $(nproc) CPUs (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(go version)"
echo
echo "== 1. fresh process against pandoc + pdflatex"
bench/compare.sh -rounds "$rounds" -tools ismsforge,pandoc-pdflatex
echo
echo "== 2. scale"
go test -run '^$' -bench Scale -benchtime 1x ./engine | grep -E '^Benchmark|^ok'
echo
echo "== 3. watch mode"
bench/watch.sh -rounds "$wrounds" | grep -E '^machine|^Benchmark|^ok' | tr '\t' ' ' | sed -E 's/ +/ /g'
echo
echo "== 4. stop after a signal (promise: 200 ms)"
go test -run '^$' -bench SignalStop -benchtime 3x ./cmd/ismsforge | grep -E '^Benchmark|^ok'
echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
