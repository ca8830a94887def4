#!/usr/bin/env bash
# What the admin service costs: two packaged daemons side by side in one run, loopback only, with the
# same echo and http services; one also runs the admin service, the other does not.
#   bench/admin.sh [ROUNDS] [SECONDS]      (defaults: 5 rounds of 5 s per measurement)
# While the daemon with the admin service is measured, a client fetches its /status.json once a
# second, as an open dashboard does, so that the history, the per-client rows and the status sources
# are built and served under the load. Each round measures both daemons, in alternating order:
#   - echo connect, 16 bytes, close per second (bench/EchoLoad.java, 4 workers);
#   - http requests per second for a 1 KiB file (wrk -t2 -c100, keep-alive).
# Prints the medians, the on/off ratios, and each daemon's idle RSS (10 s after it is ready).
# Needs the packaged distribution (mvn -q package -DskipTests), wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-5}
dist=dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }
for tool in wrk curl java javac; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
poller=
cleanup() {
  [ -n "$poller" ] && kill "$poller" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$work/www"
head -c 1024 /dev/urandom > "$work/www/1k.bin"

# daemon NAME ADMIN: writes NAME's config (with the admin service when ADMIN is yes) and starts it.
declare -A echo_port http_port admin_port pid
daemon() {
  local name=$1 admin=$2
  echo_port[$name]=$(free_port); http_port[$name]=$(free_port); admin_port[$name]=$(free_port)
  cat > "$work/$name.yml" <<YML
daemon:
  bind: 127.0.0.1
  max-connections: 4000
defaults:
  max-connections: 2000
  max-connections-per-ip: 2000
  max-connects-per-second-per-ip: 0
services:
  echo:
    port: ${echo_port[$name]}
  http:
    port: ${http_port[$name]}
    root: $work/www
    access-log: false
YML
  if [ "$admin" = yes ]; then
    cat >> "$work/$name.yml" <<YML
  admin:
    port: ${admin_port[$name]}
YML
  fi
  SWITCHBOARD_LOGS="$work/logs-$name" "$dist/bin/switchboard" run --config "$work/$name.yml" > "$work/$name.log" 2>&1 &
  pid[$name]=$!; pids+=("$!")
}
daemon on yes
daemon off no
for name in on off; do
  for _ in $(seq 150); do grep -q " ready: " "$work/$name.log" && break; sleep 0.1; done
  grep -q " ready: " "$work/$name.log" || { cat "$work/$name.log"; exit 1; }
done
curl -sf -o /dev/null "http://127.0.0.1:${admin_port[on]}/status.json" || { echo "no admin service" >&2; exit 1; }
# Idle means settled: the compiler is done with the start-up code and the launcher's 3 s native-heap
# trim has given its scratch memory back.
sleep 10
rss() { awk '/VmRSS/ {print $2}' /proc/"${pid[$1]}"/status; }
idle_on=$(rss on); idle_off=$(rss off)

javac -d "$work" bench/EchoLoad.java
connects() { java -cp "$work" EchoLoad connects "$1" 4 "$seconds" | sed -E 's/.*per_second=([0-9]+).*/\1/'; }
requests() { wrk -t2 -c100 -d"${seconds}s" "http://127.0.0.1:$1/1k.bin" | awk '/Requests\/sec:/ { print $2 }'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# A dashboard left open: one /status.json a second, for at most as long as a round takes.
poll_start() {
  ( for _ in $(seq $((4 * seconds + 10))); do
      curl -s -o /dev/null "http://127.0.0.1:${admin_port[on]}/status.json" || true
      sleep 1
    done ) &
  poller=$!
}
poll_stop() { kill "$poller" 2>/dev/null || true; wait "$poller" 2>/dev/null || true; poller=; }

echo "warming up (JIT) ..." >&2
for name in on off; do
  java -cp "$work" EchoLoad connects "${echo_port[$name]}" 4 3 > /dev/null
  wrk -t2 -c100 -d3s "http://127.0.0.1:${http_port[$name]}/1k.bin" > /dev/null
done

declare -A results
for round in $(seq "$rounds"); do
  order="on off"; [ $((round % 2)) = 0 ] && order="off on"
  for name in $order; do
    [ "$name" = on ] && poll_start
    c=$(connects "${echo_port[$name]}")
    r=$(requests "${http_port[$name]}")
    [ "$name" = on ] && poll_stop
    echo "round $round admin $name: echo connects/s $c, http 1 KiB requests/s $r" >&2
    results[$name.cps]+="$c "
    results[$name.rps]+="$r "
  done
done

med() { tr ' ' '\n' <<<"${results[$1]}" | grep . | median; }
echo
echo "== medians of $rounds rounds of ${seconds}s, $(nproc) cores; $("$dist/bin/switchboard" version 2>/dev/null | head -1)"
printf '%-34s %14s %14s %8s\n' measurement "admin on" "admin off" "on/off"
for m in cps:"echo connect-echo-close /s" rps:"http 1 KiB requests/s"; do
  key=${m%%:*}; label=${m#*:}
  a=$(med on.$key); b=$(med off.$key)
  printf '%-34s %14s %14s %8s\n' "$label" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
done
printf '%-34s %14s %14s %8s\n' "idle RSS (KiB, 10 s after ready)" "$idle_on" "$idle_off" \
  "$(awk -v a="$idle_on" -v b="$idle_off" 'BEGIN { printf "%+.1f MiB", (a - b) / 1024 }')"
printf '%-34s %14s %14s\n' "RSS after the rounds (KiB)" "$(rss on)" "$(rss off)"
