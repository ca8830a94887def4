#!/bin/sh
# netinfo request latency against a running daemon, side by side with what a user would run instead
# (iproute2's `ip -s addr`, one process per look). Loopback only; every loop is bounded.
#
#   bench/netinfo.sh [PORT] [REQUESTS]        default: 7079 2000
#
# Start the daemon first (netinfo on PORT, bound to loopback). Results go to bench/RESULTS.md by hand.
set -eu
PORT=${1:-7079}
REQUESTS=${2:-2000}
HERE=$(cd "$(dirname "$0")" && pwd)

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) cores, $(java -version 2>&1 | head -1)"
for request in "" "json" "lo"; do
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
