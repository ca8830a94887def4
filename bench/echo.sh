#!/usr/bin/env bash
# Echo benchmark, side by side in one run: Switchboard's echo service vs socat (fork + PIPE), loopback only.
#   bench/echo.sh [ROUNDS] [SECONDS]     (defaults: 5 rounds of 5 s per measurement)
# Needs the packaged distribution (mvn package) and socat (installed with apt-get when run as root).
# Prints the median of each measurement for both servers and their ratio, and the daemon's idle RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-5}
dist=dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }
if ! command -v socat >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq socat >/dev/null; else echo "install socat" >&2; exit 1; fi
fi

work=$(mktemp -d)
pids=()
# socat forks a child per connection, and children stalled by its PIPE deadlock outlive the parent:
# stop the children too.
cleanup() {
  for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { java -cp "$work" FreePort 2>/dev/null || python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sb_port=$(free_port); socat_port=$(free_port)
cat > "$work/switchboard.yml" <<YML
daemon:
  bind: 127.0.0.1
  max-connections: 4000
defaults:
  max-connections: 4000
  max-connections-per-ip: 4000
  max-connects-per-second-per-ip: 0
services:
  echo:
    port: $sb_port
YML

SWITCHBOARD_LOGS="$work/logs" "$dist/bin/switchboard" run --config "$work/switchboard.yml" > "$work/daemon.log" 2>&1 &
sb_pid=$!; pids+=("$sb_pid")
# backlog=128: socat's default of 5 drops the SYNs of 50 simultaneous connects (Switchboard uses 512).
socat TCP-LISTEN:"$socat_port",bind=127.0.0.1,fork,reuseaddr,backlog=128 PIPE &
pids+=($!)
for _ in $(seq 100); do grep -q " ready: " "$work/daemon.log" && break; sleep 0.1; done
grep -q " ready: " "$work/daemon.log" || { cat "$work/daemon.log"; exit 1; }
# Idle means settled: the compiler has finished with the start-up code and given its scratch memory
# back (the launcher trims the native heap every 3 s).
sleep 10
idle_rss=$(awk '/VmRSS/ {print $2}' /proc/"$sb_pid"/status)

javac -d "$work" bench/EchoLoad.java
load() { java -cp "$work" EchoLoad "$@"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A results
for round in $(seq "$rounds"); do
  for server in switchboard socat; do
    port=$sb_port; [ "$server" = socat ] && port=$socat_port
    for c in 1 50; do
      line=$(load throughput "$port" "$c" "$seconds")
      echo "round $round $server $line"
      results[$server.tp$c]+="$(sed -E 's/.*MiB\/s=([0-9.]+).*/\1/' <<<"$line") "
      bad=$(sed -E 's/.*bad=([0-9]+).*/\1/' <<<"$line")
      results[$server.bad]=$(( ${results[$server.bad]:-0} + bad ))
    done
    line=$(load connects "$port" 4 "$seconds")
    echo "round $round $server $line"
    results[$server.cps]+="$(sed -E 's/.*per_second=([0-9]+).*/\1/' <<<"$line") "
  done
done

echo
echo "== medians over $rounds rounds of ${seconds}s, $(nproc) cores; daemon: $(grep -o 'running (.*)' "$work/daemon.log" | head -1)"
printf '%-28s %14s %14s %8s\n' measurement switchboard socat ratio
for m in tp1 tp50 cps; do
  a=$(tr ' ' '\n' <<<"${results[switchboard.$m]}" | grep . | median)
  b=$(tr ' ' '\n' <<<"${results[socat.$m]}" | grep . | median)
  name=$m; [ $m = tp1 ] && name="throughput 1 conn (MiB/s)"; [ $m = tp50 ] && name="throughput 50 conn (MiB/s)"; [ $m = cps ] && name="connect-echo-close (/s)"
  printf '%-28s %14s %14s %8s\n' "$name" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a/b}')"
done
echo "bytes lost or changed: switchboard=${results[switchboard.bad]:-0} socat=${results[socat.bad]:-0}"
echo "switchboard idle RSS with echo loaded: $((idle_rss / 1024)) MiB"
