#!/usr/bin/env bash
# The length-prefixed example plugin (examples/frames) next to the shipped echo plugin, in one packaged
# daemon, in one run, loopback only: request/response rate on 1 and 50 connections.
#   bench/frames.sh [ROUNDS] [SECONDS]      (defaults: 5 rounds of 5 s per measurement)
# echo: 16 bytes out, the same 16 back. frames: a 2-byte length and the same 16 bytes out, the frame
# reversed back (bench/RequestLoad.java checks every answer). The example is built against the packaged
# daemon's sdk/, as a plugin author outside this tree would build it.
# Needs the packaged distribution (mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-5}
dist=dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp -r examples/frames "$work/frames"
sdk=$(cd "$dist/sdk" && pwd)
(cd "$work/frames" && mvn -B -ntp -q -Dswitchboard.sdk="file:$sdk" package -DskipTests) >&2
cp -r "$dist" "$work/switchboard"
cp "$work"/frames/target/frames-plugin-1.0.0.jar "$work/switchboard/plugins/"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo_port=$(free_port); frames_port=$(free_port)
cat > "$work/switchboard.yml" <<YML
daemon:
  bind: 127.0.0.1
defaults:
  max-connections: 1000
  max-connections-per-ip: 1000
  max-connects-per-second-per-ip: 0
services:
  echo:
    port: $echo_port
  frames:
    port: $frames_port
YML
(cd "$work/switchboard" && exec bin/switchboard run --config "$work/switchboard.yml") > "$work/daemon.log" 2>&1 &
pid=$!
for _ in $(seq 150); do grep -q " ready: " "$work/daemon.log" && break; sleep 0.1; done
grep -q " ready: " "$work/daemon.log" || { cat "$work/daemon.log"; exit 1; }

javac -d "$work" bench/RequestLoad.java
load() { java -cp "$work" RequestLoad "$@"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "warming up (JIT) ..." >&2
load echo "$echo_port" 10 3 > /dev/null; load frames "$frames_port" 10 3 > /dev/null

declare -A results
for round in $(seq "$rounds"); do
  order="echo frames"; [ $((round % 2)) = 0 ] && order="frames echo"
  for c in 1 50; do
    for protocol in $order; do
      port=$echo_port; [ "$protocol" = frames ] && port=$frames_port
      line=$(load "$protocol" "$port" "$c" "$seconds")
      echo "round $round $line" >&2
      case "$line" in *" bad=0") ;; *) echo "bench: wrong or missing answers: $line" >&2; exit 1 ;; esac
      results[$protocol.$c]+="$(sed -E 's/.*per_second=([0-9]+).*/\1/' <<<"$line") "
    done
  done
done

med() { tr ' ' '\n' <<<"${results[$1]}" | grep . | median; }
echo
echo "== medians of $rounds rounds of ${seconds}s, $(nproc) cores; $("$dist/bin/switchboard" version 2>/dev/null | head -1)"
printf '%-14s %16s %16s %14s\n' connections "echo req/s" "frames req/s" "frames/echo"
for c in 1 50; do
  a=$(med echo.$c); b=$(med frames.$c)
  printf '%-14s %16s %16s %14s\n' "$c" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')"
done
