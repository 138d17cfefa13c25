#!/usr/bin/env bash
# Save-to-written latency of watch mode (issue 6), with real fsnotify on a
# copy of examples/acme-saas: a template saved until that document's PDF
# (or page, without PDFs) is rewritten, and a facts change that every
# document shows until the rebuild has written everything. It prints the
# machine first, since the numbers belong to it.
#   bench/watch.sh [-rounds 30] [go test flags, such as -cpuprofile cpu.out]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=30
if [[ "${1:-}" == "-rounds" ]]; then rounds=$2; shift 2; fi
echo "machine: $(nproc) CPUs (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec go test -run '^$' -bench SaveToWritten -benchtime "${rounds}x" "$@" ./engine/watch
