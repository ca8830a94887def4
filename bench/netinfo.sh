#!/bin/sh
# netinfo request latency on the packaged daemon, side by side with what a user would run instead
# (iproute2's `ip -s addr`, one process per look). Loopback only; every loop is bounded.
#
#   mvn -q package -DskipTests          # builds dist/target/switchboard
#   bench/netinfo.sh [REQUESTS]         # default 2000; JAVA_HOME picks the daemon's Java
#
# Starts the packaged daemon on 127.0.0.1:17079 with a bench config (no per-IP connect rate limit),
# measures, stops it. Copy the printed lines into bench/RESULTS.md.
set -eu
REQUESTS=${1:-2000}
PORT=17079
HERE=$(cd "$(dirname "$0")" && pwd)
DIST=$HERE/../dist/target/switchboard
[ -x "$DIST/bin/switchboard" ] || { echo "no $DIST: run mvn package -DskipTests first" >&2; exit 1; }

WORK=$(mktemp -d)
cat > "$WORK/bench.yml" <<YML
daemon:
  bind: 127.0.0.1
  plugins: $DIST/plugins
  shutdown-grace: 2s
defaults:
  max-connections-per-ip: 64
  max-connects-per-second-per-ip: 0
services:
  netinfo: { port: $PORT }
YML
SWITCHBOARD_LOGS=$WORK "$DIST/bin/switchboard" run --config "$WORK/bench.yml" > "$WORK/console.log" 2>&1 &
DAEMON=$!
trap 'kill $DAEMON 2>/dev/null; wait $DAEMON 2>/dev/null; rm -rf "$WORK"' EXIT
i=0
until grep -q ' ready: ' "$WORK/console.log"; do
    i=$((i + 1))
    [ $i -lt 100 ] || { cat "$WORK/console.log" >&2; exit 1; }
    sleep 0.1
done

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) cores; daemon: $(grep -o 'ready: .*' "$WORK/console.log")"
echo "# client: $(java -version 2>&1 | head -1)"
for request in help "" json lo; do
    java "$HERE/NetinfoLoad.java" 127.0.0.1 "$PORT" "$REQUESTS" 1 "$request"
done
java "$HERE/NetinfoLoad.java" 127.0.0.1 "$PORT" "$((REQUESTS / 4))" 4 ""

# The peer: one `ip -s addr` process per look, 200 times.
if command -v ip >/dev/null 2>&1; then
    start=$(date +%s%N)
    i=0
    while [ $i -lt 200 ]; do ip -s addr >/dev/null; i=$((i + 1)); done
    end=$(date +%s%N)
    echo "ip -s addr (process per look): mean $(( (end - start) / 200 / 1000 )) us over 200 runs"
fi
