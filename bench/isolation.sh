#!/usr/bin/env bash
# Isolation benchmark (issue 11): an echo service's connect + echo latency while another service is
# full of stuck handlers, next to the same with no stuck service, in one run, loopback only.
#   bench/isolation.sh [ROUNDS] [SECONDS]     (defaults: 5 rounds of 5 s per measurement)
# Needs the packaged distribution (mvn package). Builds a faulty plugin (bench/isolation/StuckProtocol.java:
# a handler stuck for 'hold' after its client's first byte, ignoring interrupts), fills that service's
# max-connections with stuck handlers whose clients have gone, and measures echo meanwhile. Prints the
# medians of p50, p99 and connections per measurement, and their stuck/baseline ratios: the goal is 1.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-5}
stuck_max=64
hold=$((seconds + 5))
dist=dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The faulty plugin, built as a plugin author would: against the API, with PF4J's index.
mkdir -p "$work/classes" "$work/plugins"
pf4j=$(ls "$dist"/lib/pf4j-*.jar)
javac --release 17 -cp "$dist/lib/*" -processorpath "$pf4j" \
  -processor org.pf4j.processor.ExtensionAnnotationProcessor -d "$work/classes" bench/isolation/StuckProtocol.java
printf 'Plugin-Id: bench-stuck\nPlugin-Version: 0.0.1\nPlugin-Description: stuck handlers for bench/isolation.sh\n' \
  > "$work/manifest"
jar cfm "$work/plugins/bench-stuck.jar" "$work/manifest" -C "$work/classes" .

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo_port=$(free_port); stuck_port=$(free_port)
cat > "$work/switchboard.yml" <<YML
daemon:
  bind: 127.0.0.1
  plugins: [$PWD/$dist/plugins, $work/plugins]
defaults:
  max-connections-per-ip: 1000
  max-connects-per-second-per-ip: 0
services:
  echo:
    port: $echo_port
    max-connections: 200
  stuck:
    port: $stuck_port
    max-connections: $stuck_max
    busy-message: "busy"
    hold: ${hold}s
YML
SWITCHBOARD_LOGS="$work/logs" "$dist/bin/switchboard" run --config "$work/switchboard.yml" > "$work/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 150); do grep -q " ready: " "$work/daemon.log" && break; sleep 0.1; done
grep -q " ready: " "$work/daemon.log" || { cat "$work/daemon.log"; exit 1; }

javac -d "$work" bench/isolation/ConnectLatency.java
measure() { java -cp "$work" ConnectLatency "$echo_port" "$seconds"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Fills the stuck service as the issue found it: 400 clients each send a byte and leave. The first
# max-connections leave a handler stuck for 'hold'; the rest are turned away busy.
fill() {
  for _ in $(seq 400); do
    exec {fd}<>"/dev/tcp/127.0.0.1/$stuck_port"
    printf x >&"$fd"
    exec {fd}>&-
  done
  sleep 0.5
  # The service is full: a newcomer gets its busy line. Its neighbour is what is measured.
  reply=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$stuck_port; head -c 4 <&3" || true)
  [ "$reply" = busy ] || { echo "stuck service not full (got '$reply')" >&2; exit 1; }
}

# One unmeasured run first, so the JIT has compiled the paths before the baseline is taken.
measure > /dev/null

declare -A results
for round in $(seq "$rounds"); do
  for phase in baseline stuck; do
    if [ "$phase" = stuck ]; then fill; started=$SECONDS; fi
    line=$(measure)
    echo "round $round $phase $line"
    results[$phase.p50]+="$(sed -E 's/.*p50_us=([0-9-]+).*/\1/' <<<"$line") "
    results[$phase.p99]+="$(sed -E 's/.*p99_us=([0-9-]+).*/\1/' <<<"$line") "
    results[$phase.count]+="$(sed -E 's/.*count=([0-9]+).*/\1/' <<<"$line") "
    results[$phase.failed]=$(( ${results[$phase.failed]:-0} + $(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$line") ))
  done
  # Let the stuck handlers return before the next baseline.
  sleep $(( hold - (SECONDS - started) + 1 > 0 ? hold - (SECONDS - started) + 1 : 0 ))
done

echo
echo "== medians over $rounds rounds of ${seconds}s, $(nproc) cores, $stuck_max stuck handlers; daemon: $(grep -o 'running (.*)' "$work/daemon.log" | head -1)"
printf '%-26s %12s %12s %8s\n' "echo connect+echo+close" baseline stuck ratio
for m in p50 p99 count; do
  a=$(tr ' ' '\n' <<<"${results[baseline.$m]}" | grep . | median)
  b=$(tr ' ' '\n' <<<"${results[stuck.$m]}" | grep . | median)
  printf '%-26s %12s %12s %8s\n' "$m$([ "$m" = count ] && echo " (in ${seconds}s)" || echo " us")" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", (a > 0 ? b / a : 0)}')"
done
echo "failed: baseline ${results[baseline.failed]}, stuck ${results[stuck.failed]}"
grep -c "handler still running\|stuck" "$work/logs/switchboard.log" 2>/dev/null | sed 's/^/log lines about stuck handlers: /' || true
