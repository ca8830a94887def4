#!/usr/bin/env bash
# UDP echo (RFC 862) against xinetd's built-in UDP echo, side by side in one run, on loopback.
#   bench/udp.sh [ROUNDS] [SECONDS]      (defaults: 5 rounds of 5 s; needs xinetd: apt-get install xinetd)
# bench/UdpLoad.java sends 64-byte datagrams from 1 and from 8 clients, each waiting for its answer
# (100 ms, else lost), alternating the servers each round. Prints the medians of answered datagrams
# per second and the switchboard/xinetd ratios. Needs the packaged distribution (mvn -q package -DskipTests)
# and, for xinetd, root (its services run as a user it switches to).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rounds=${1:-5}
seconds=${2:-5}
dist=dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }
command -v xinetd >/dev/null || { echo "bench: xinetd is missing (apt-get install xinetd)" >&2; exit 1; }

work=$(mktemp -d)
sb_pid=; xinetd_pid=
cleanup() {
  [ -n "$sb_pid" ] && kill "$sb_pid" 2>/dev/null && wait "$sb_pid" 2>/dev/null || true
  [ -n "$xinetd_pid" ] && kill "$xinetd_pid" 2>/dev/null && wait "$xinetd_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# UDP ports: the TCP probe of free_port is good enough on loopback, where nothing else binds these.
sb_port=$(free_port); xinetd_port=$(free_port)
cat > "$work/switchboard.yml" <<YML
daemon:
  bind: 127.0.0.1
  shutdown-grace: 2s
services:
  echo:
    port: $sb_port
    transport: udp
YML
SWITCHBOARD_LOGS="$work/logs" "$dist/bin/switchboard" run --config "$work/switchboard.yml" > "$work/daemon.log" 2>&1 &
sb_pid=$!

cat > "$work/xinetd.conf" <<CONF
defaults
{
    instances      = UNLIMITED
    cps            = 100000000 1
    log_on_success =
    log_on_failure =
}
service echo
{
    type        = INTERNAL UNLISTED
    id          = echo-dgram
    socket_type = dgram
    protocol    = udp
    user        = root
    wait        = yes
    bind        = 127.0.0.1
    port        = $xinetd_port
    flags       = NOLIBWRAP
}
CONF
xinetd -f "$work/xinetd.conf" -dontfork -pidfile "$work/xinetd.pid" -filelog "$work/xinetd.log" &
xinetd_pid=$!
await_ready "$work/daemon.log"
javac -d "$work" bench/UdpLoad.java
load() { java -cp "$work" UdpLoad 127.0.0.1 "$@"; }
for port in "$sb_port" "$xinetd_port"; do
  read -r rate _ <<< "$(load "$port" 1 1 64)"
  [ "${rate%.*}" -gt 0 ] || { echo "bench: no UDP echo on port $port" >&2; cat "$work/daemon.log" >&2; exit 1; }
done

echo "warming up (JIT) ..." >&2
load "$sb_port" 8 5 64 > /dev/null
load "$xinetd_port" 8 5 64 > /dev/null

: > "$work/results"
for round in $(seq "$rounds"); do
  for clients in 1 8; do
    for server in switchboard xinetd; do
      port=$sb_port; [ "$server" = xinetd ] && port=$xinetd_port
      read -r rate lost wrong <<< "$(load "$port" "$clients" "$seconds" 64)"
      echo "round $round, $clients clients, $server: $rate answered/s, $lost lost, $wrong wrong" >&2
      echo "$server $clients $rate $lost $wrong" >> "$work/results"
    done
  done
done
col() { awk -v s="$1" -v n="$2" -v c="$3" '$1 == s && $2 == n { print $c }' "$work/results" | median; }
sum() { awk -v s="$1" -v n="$2" -v c="$3" '$1 == s && $2 == n { t += $c } END { print t + 0 }' "$work/results"; }

echo
echo "UDP echo, 64-byte datagrams, one outstanding per client; medians of $rounds rounds of ${seconds} s"
printf '%-8s %-12s %14s %8s %8s\n' clients server "answered/s" lost wrong
for clients in 1 8; do
  for server in switchboard xinetd; do
    printf '%-8s %-12s %14s %8s %8s\n' "$clients" "$server" "$(col $server $clients 3)" "$(sum $server $clients 4)" \
      "$(sum $server $clients 5)"
  done
done
for clients in 1 8; do
  echo "ratio (switchboard/xinetd), $clients clients: $(ratio "$(col switchboard $clients 3)" "$(col xinetd $clients 3)")"
done
echo "java: $("$dist/bin/switchboard" version 2>/dev/null | head -1); $(xinetd -version 2>&1 | head -1); $(nproc) CPUs"
