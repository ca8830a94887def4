#!/bin/sh
# IRC fan-out: Switchboard's chat service (the packaged daemon) against ngircd, side by side, on loopback.
#
#   bench/irc/run.sh [RUNS [SIZES]]     default 3 runs of "100x1000 100x10000 500x1000 500x10000"
#                                       (RECEIVERSxMESSAGES: receivers in #bench, PRIVMSG lines in one burst)
#
# JAVA_HOME picks the JDK of the daemon (the load client always runs on the same JDK, so both servers
# meet the same client). Build first: mvn -q package -DskipTests. Needs ngircd (Debian package) on PATH
# or in /usr/sbin; it is started on a port chosen here, never 6667, with its own configuration.
set -eu
runs=${1:-3}
sizes=${2:-"100x1000 100x10000 500x1000 500x10000"}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist=$root/dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "no $dist: run mvn -q package -DskipTests first" >&2; exit 2; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
ngircd=$(command -v ngircd || echo /usr/sbin/ngircd)
[ -x "$ngircd" ] || { echo "no ngircd: apt-get install ngircd" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"
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
    # Every client is an IRC client: no 0.3 s wait to tell them from telnet users.
    clients: irc
    # The single sender of the fan-out must not be throttled (ngircd's penalties are off too).
    flood-interval: 0s
    login-timeout: 10m
    ping-interval: 10m
    # max-queued stays at its default, 256 lines per receiver.
YAML

ngport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/ngircd"
chmod 777 "$work/ngircd"
: > "$work/ngircd/motd"
cat > "$work/ngircd/ngircd.conf" <<CONF
[Global]
Name = bench.ngircd
Info = fan-out bench
Listen = 127.0.0.1
Ports = $ngport
PidFile = $work/ngircd/ngircd.pid
MotdFile = $work/ngircd/motd
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxJoins = 0
MaxNickLength = 20
PingTimeout = 600
PongTimeout = 600
# Penalties off: ngircd otherwise throttles a client to about one command a second after a burst.
MaxPenaltyTime = 0
[Options]
DNS = no
Ident = no
PAM = no
CONF
echo "== ngircd configuration ($work/ngircd/ngircd.conf):"
sed 's/^/    /' "$work/ngircd/ngircd.conf"

"$work/sb/bin/switchboard" run > "$work/console.log" 2>&1 &
daemon=$!   # the launcher execs java: this is the daemon's pid
"$ngircd" -n -f "$work/ngircd/ngircd.conf" > "$work/ngircd.log" 2>&1 &
ngpid=$!
finish() {
  status=$?
  kill "$daemon" "$ngpid" 2>/dev/null || true
  wait "$daemon" "$ngpid" 2>/dev/null || true
  [ "$status" -eq 0 ] || { echo "--- daemon console:"; tail -20 "$work/console.log"; echo "--- ngircd:"; tail -20 "$work/ngircd.log"; }
  rm -rf "$work"
}
trap finish EXIT
i=0
until grep -q ' ready: ' "$work/console.log"; do
  i=$((i + 1)); [ $i -lt 300 ] || { cat "$work/console.log"; exit 1; }
  sleep 0.1
done
sbport=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/console.log" | head -1)
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $ngport), 1).close()" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 100 ] || { cat "$work/ngircd.log"; exit 1; }
  sleep 0.1
done
echo "== $(uname -m) $(nproc) CPUs, $("$java" -version 2>&1 | head -1); switchboard on $sbport, ngircd $("$ngircd" --version | head -1 | cut -d- -f1) on $ngport"

# One unmeasured burst to each server first, as the other benches do: the daemon's JIT compiles the
# fan-out path, and ngircd's caches warm, before anything counts.
for port in "$sbport" "$ngport"; do
  "$java" -Xmx2g "$root/bench/irc/IrcLoad.java" warmup "$port" 100 1000 > /dev/null
done

results=$work/results.txt
for size in $sizes; do
  n=${size%x*}; m=${size#*x}
  for run in $(seq 1 "$runs"); do
    # Alternate which server goes first, so neither always meets a warmer machine.
    if [ $((run % 2)) -eq 1 ]; then order="switchboard ngircd"; else order="ngircd switchboard"; fi
    for server in $order; do
      port=$sbport; [ "$server" = ngircd ] && port=$ngport
      "$java" -Xmx2g "$root/bench/irc/IrcLoad.java" "$server" "$port" "$n" "$m" | tee -a "$results"
    done
  done
done

python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    if not line.startswith("RESULT "):
        continue
    parts = line.split()
    fields = dict(p.split("=") for p in parts[2:])
    rows[(int(fields["receivers"]), int(fields["messages"]), parts[1])].append(fields)
def med(server, n, m, key):
    return statistics.median(float(f[key]) for f in rows[(n, m, server)])
print()
print("| receivers x burst | switchboard deliveries/s | ngircd | **ratio** | p50 sb / ngircd (ms) | p99 sb / ngircd (ms) | lost sb / ngircd | runs |")
print("| --- | ---: | ---: | ---: | --- | --- | --- | ---: |")
for (n, m) in sorted({(k[0], k[1]) for k in rows}):
    sb, ng = med("switchboard", n, m, "deliveries_per_s"), med("ngircd", n, m, "deliveries_per_s")
    lost_sb = max(int(f["lost"]) for f in rows[(n, m, "switchboard")])
    lost_ng = max(int(f["lost"]) for f in rows[(n, m, "ngircd")])
    print(f"| {n} x {m:,} | {sb:,.0f} | {ng:,.0f} | **{sb / ng:.2f}** | "
          f"{med('switchboard', n, m, 'p50_ms'):.1f} / {med('ngircd', n, m, 'p50_ms'):.1f} | "
          f"{med('switchboard', n, m, 'p99_ms'):.1f} / {med('ngircd', n, m, 'p99_ms'):.1f} | "
          f"{lost_sb} / {lost_ng} (worst run) | {len(rows[(n, m, 'switchboard')])} |")
PY
