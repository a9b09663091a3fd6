#!/usr/bin/env bash
# Instructions per turn of the turn benchmarks' clients, counted by valgrind. Unlike time on a
# shared machine the count is far steadier (Tandem's repeat to ~2%; the raw floors, mostly socket
# reads whose waits depend on timing, to ~15%), so it shows changes of a few percent.
#
#   bench/count-instructions.sh [CLIENT ...]     (default: RawWebSocket TandemWebSocket RawHttp TandemHttp)
#   HISTORY_BYTES=204800 bench/count-instructions.sh RawHttp TandemHttp
#
# Each client runs twice under callgrind (200 and 1,200 counted turns after the same warm-up);
# the difference over 1,000 turns is the cost of one turn, free of start-up, JIT and warm-up. The
# server runs in its own process (not counted). Needs valgrind (apt-get install valgrind); takes
# ~1-2 minutes per client.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=("$@")
[ ${#clients[@]} -gt 0 ] || clients=(RawWebSocket TandemWebSocket RawHttp TandemHttp)
command -v valgrind >/dev/null || { echo "count-instructions: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

out=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$out"' EXIT
dotnet build -c Release bench/Tandem.Benchmarks -o "$out/bin" -v quiet -nologo >/dev/null
dotnet "$out/bin/Tandem.Benchmarks.dll" serve > "$out/url" &
server=$!
for _ in $(seq 100); do [ -s "$out/url" ] && break; sleep 0.2; done
export TANDEM_BENCH_BASE_URL
TANDEM_BENCH_BASE_URL=$(head -1 "$out/url")

# Fully optimised code from the start (no tier-up while counting: with tiering on, the JIT's work
# and the instrumented tier leak into the difference, ~1M instructions per turn even for the raw
# client). The price: the framework runs its precompiled (ReadyToRun) code throughout, without the
# tier-1 recompilation and dynamic PGO a long-running process gets, so absolute counts are higher
# than in production; compare clients and commits with each other, not with wall time. Idle
# thread-pool workers do not spin (spinning is waiting, not work); a large first generation (fewer
# collections to vary).
export DOTNET_TieredCompilation=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_GCgen0size=0x4000000

count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
    dotnet "$out/bin/Tandem.Benchmarks.dll" turns "$1" "$2" "${HISTORY_BYTES:-0}" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

for client in "${clients[@]}"; do
  short=$(count "$client" 200)
  long=$(count "$client" 1200)
  echo "$client: $(( (long - short) / 1000 )) instructions per turn (history ${HISTORY_BYTES:-0} B)"
done
