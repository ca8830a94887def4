#!/bin/sh
# Chat benchmarks against the packaged daemon (dist/target/switchboard), on loopback.
#
#   bench/chat/run.sh fanout [CLIENTS MESSAGES [PER_SECOND]]
#                                                   default 500 receivers x 1000 messages, unpaced
#   bench/chat/run.sh idle [CONNECTIONS SECONDS]    default 10000 logged-in idle users; prints daemon RSS
#
# JAVA_HOME picks the JDK for both the daemon and the load client (the idle figure is meant for 21+,
# where each client's two threads are virtual). Build first: mvn -q install -DskipTests
set -eu
mode=${1:?usage: run.sh fanout|idle [N M]}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist=$root/dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "no $dist: run mvn -q install -DskipTests first" >&2; exit 2; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

work=$(mktemp -d)
cp -r "$dist" "$work/sb"
cat > "$work/sb/conf/switchboard.yml" <<YAML
daemon:
  bind: 127.0.0.1
  max-connections: 20000
  shutdown-grace: 2s
defaults:
  idle-timeout: 10m
  max-connections: 20000
  max-connections-per-ip: 20000
  max-connects-per-second-per-ip: 0
services:
  chat:
    port: 0
    # The single sender of the fan-out must not be throttled.
    flood-interval: 0s
    login-timeout: 10m
YAML

"$work/sb/bin/switchboard" run > "$work/console.log" 2>&1 &
daemon=$!   # the launcher execs java: this is the daemon's pid
finish() {
  status=$?
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  [ "$status" -eq 0 ] || { echo "--- daemon console (last 20 lines):"; tail -20 "$work/console.log"; }
  rm -rf "$work"
}
trap finish EXIT
i=0
until grep -q ' ready: ' "$work/console.log"; do
  i=$((i + 1)); [ $i -lt 300 ] || { cat "$work/console.log"; exit 1; }
  sleep 0.1
done
port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/console.log" | head -1)
grep ' ready: ' "$work/console.log"

case $mode in
  fanout)
    "$java" "$root/bench/chat/ChatLoad.java" fanout "$port" "${2:-500}" "${3:-1000}" ${4:-}
    ;;
  idle)
    n=${2:-10000}
    hold=${3:-20}
    : > "$work/load.log"
    "$java" -Xss256k "$root/bench/chat/ChatLoad.java" idle "$port" "$n" "$hold" > "$work/load.log" 2>&1 &
    load=$!
    i=0
    until grep -q '^idle: ' "$work/load.log"; do
      i=$((i + 1)); [ $i -lt 1200 ] || { cat "$work/load.log"; kill "$load"; exit 1; }
      kill -0 "$load" 2>/dev/null || { grep -v '^\s*at ' "$work/load.log"; exit 1; }
      sleep 0.1
    done
    cat "$work/load.log"
    sleep 5   # let the daemon settle (a GC or two) before reading its memory
    grep -E '^(VmRSS|VmHWM|Threads)' "/proc/$daemon/status"
    # The same after a full collection: what the connections hold, without garbage from the ramp-up.
    "${JAVA_HOME:-/usr}/bin/jcmd" "$daemon" GC.run > /dev/null
    sleep 2
    echo "after GC.run: $(grep VmRSS "/proc/$daemon/status")"
    "${JAVA_HOME:-/usr}/bin/jcmd" "$daemon" GC.heap_info | grep -E 'total|used' | head -3
    # HISTO=1 adds the daemon's heap histogram (what the memory is made of).
    [ -z "${HISTO:-}" ] || "${JAVA_HOME:-/usr}/bin/jcmd" "$daemon" GC.class_histogram | head -25
    wait "$load"
    ;;
  *)
    echo "unknown mode $mode" >&2; exit 2 ;;
esac
