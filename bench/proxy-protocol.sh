#!/usr/bin/env bash
# The cost of the PROXY protocol on connect rate (issue 15), side by side in one run, loopback only:
# echo connect + 16-byte round trip + close per second through haproxy with send-proxy-v2 (to a
# service with proxy-protocol), through haproxy with plain TCP (to the same daemon's plain service),
# and direct to the daemon.
#   bench/proxy-protocol.sh [ROUNDS] [SECONDS] [WORKERS]   (defaults: 5 rounds of 5 s, 4 workers)
# Needs the packaged distribution (mvn package) and haproxy (apt-get install haproxy).
# Prints the median of each path and the ratios; haproxy and the daemon are stopped by their PIDs.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-5}
workers=${3:-4}
dist=dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }
haproxy=$(command -v haproxy || ls /usr/sbin/haproxy 2>/dev/null || true)
[ -n "$haproxy" ] || { echo "install haproxy (apt-get install haproxy)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pp_port=$(free_port); plain_port=$(free_port); front_pp=$(free_port); front_plain=$(free_port)
cat > "$work/switchboard.yml" <<YML
daemon:
  bind: 127.0.0.1
  max-connections: 4000
defaults:
  max-connections: 4000
  max-connections-per-ip: 4000
  max-connects-per-second-per-ip: 0
services:
  echo-pp: {protocol: echo, port: $pp_port, proxy-protocol: [127.0.0.1/32]}
  echo: {port: $plain_port}
YML
# No health checks: they would only add noise to both paths.
cat > "$work/haproxy.cfg" <<CFG
global
  maxconn 4000
defaults
  mode tcp
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend pp
  bind 127.0.0.1:$front_pp
  default_backend pp
frontend plain
  bind 127.0.0.1:$front_plain
  default_backend plain
backend pp
  server a 127.0.0.1:$pp_port send-proxy-v2
backend plain
  server a 127.0.0.1:$plain_port
CFG
"$haproxy" -c -q -f "$work/haproxy.cfg"

SWITCHBOARD_LOGS="$work/logs" "$dist/bin/switchboard" run --config "$work/switchboard.yml" > "$work/daemon.log" 2>&1 &
pids+=($!)
"$haproxy" -db -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q " ready: " "$work/daemon.log" && break; sleep 0.1; done
grep -q " ready: " "$work/daemon.log" || { cat "$work/daemon.log"; exit 1; }

javac -d "$work" bench/EchoLoad.java
load() { java -cp "$work" EchoLoad connects "$1" "$workers" "$seconds"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load "$front_pp" > /dev/null   # warm-up of the daemon's accept and echo paths, not counted
load "$front_plain" > /dev/null

declare -A results
for round in $(seq "$rounds"); do
  for path in pp plain direct; do
    port=$front_pp; [ $path = plain ] && port=$front_plain; [ $path = direct ] && port=$plain_port
    line=$(load "$port")
    echo "round $round $path $line"
    results[$path]+="$(sed -E 's/.*per_second=([0-9]+).*/\1/' <<<"$line") "
    failed=$(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$line")
    results[$path.failed]=$(( ${results[$path.failed]:-0} + failed ))
  done
done
if grep -q "refused\|bad PROXY" "$work/daemon.log"; then
  echo "the daemon refused connections:"; grep "refused\|bad PROXY" "$work/daemon.log" | head -5
fi

echo
echo "== medians over $rounds rounds of ${seconds}s, $workers workers, $(nproc) cores; $("$haproxy" -v | head -1 | cut -d' ' -f1-3); daemon: $(grep -o 'running (.*)' "$work/daemon.log" | head -1)"
pp=$(tr ' ' '\n' <<<"${results[pp]}" | grep . | median)
plain=$(tr ' ' '\n' <<<"${results[plain]}" | grep . | median)
direct=$(tr ' ' '\n' <<<"${results[direct]}" | grep . | median)
printf '%-44s %10s %8s\n' "connect-echo-close per second" median failed
printf '%-44s %10s %8s\n' "haproxy send-proxy-v2 -> proxy-protocol" "$pp" "${results[pp.failed]}"
printf '%-44s %10s %8s\n' "haproxy plain TCP -> plain service" "$plain" "${results[plain.failed]}"
printf '%-44s %10s %8s\n' "direct to the daemon" "$direct" "${results[direct.failed]}"
echo "ratio send-proxy-v2 / plain haproxy: $(awk -v a="$pp" -v b="$plain" 'BEGIN {printf "%.2f", a/b}')"
echo "ratio plain haproxy / direct:        $(awk -v a="$plain" -v b="$direct" 'BEGIN {printf "%.2f", a/b}')"
