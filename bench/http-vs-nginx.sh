#!/bin/sh
# Switchboard's http service against nginx, side by side in one run, on loopback.
#
#   bench/http-vs-nginx.sh [RUNS]        (default 3 runs; needs wrk and nginx: apt-get install wrk nginx)
#
# Serves the same 1 KiB and 1 MiB files from both servers (Switchboard from the packaged layout in
# dist/target/switchboard: run `mvn -q package -DskipTests` first), runs `wrk -t2 -c100 -d10s --latency`
# against each, alternating servers, and prints the medians and the Switchboard/nginx ratios.
# SWITCHBOARD_JAVA_OPTS, if set, replaces the launcher's JVM options (as in production).
set -eu

runs=${1:-3}
here=$(cd "$(dirname "$0")/.." && pwd -P)
dist=$here/dist/target/switchboard
sb_port=${SB_PORT:-18080}
nginx_port=${NGINX_PORT:-18081}
duration=${DURATION:-10s}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
[ -x "$dist/bin/switchboard" ] || { echo "bench: no $dist: run mvn -q package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
sb_pid=
nginx_pid=
cleanup() {
  [ -n "$sb_pid" ] && kill "$sb_pid" 2>/dev/null && wait "$sb_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/www" "$work/nginx"
head -c 1024 /dev/urandom > "$work/www/1k.bin"
head -c 1048576 /dev/urandom > "$work/www/1m.bin"
chmod -R a+rX "$work"

# Switchboard: the packaged layout, one http service, no access log (nginx runs with access_log off).
cp -r "$dist" "$work/switchboard"
cat > "$work/switchboard/conf/switchboard.yml" <<YAML
daemon:
  bind: 127.0.0.1
  max-connections: 2000
  shutdown-grace: 2s
defaults:
  max-connections: 1000
  max-connections-per-ip: 1000
  max-connects-per-second-per-ip: 0
services:
  http:
    port: $sb_port
    root: $work/www
    access-log: false
YAML
"$work/switchboard/bin/switchboard" run > "$work/switchboard.out" 2>&1 &
sb_pid=$!

cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!

for port in "$sb_port" "$nginx_port"; do
  tries=0
  until curl -sf -o /dev/null "http://127.0.0.1:$port/1k.bin"; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "bench: nothing answers on port $port" >&2; cat "$work/switchboard.out" >&2; exit 1; }
    sleep 0.5
  done
done

# One wrk run as "reqs_per_s mb_per_s p99_ms socket_errors non_2xx".
measure() {
  wrk -t2 -c100 -d"$duration" --latency "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    function mb(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
    /Requests\/sec:/ { rps = $2 }
    /Transfer\/sec:/ { tps = mb($2) }
    $1 == "99%" { p99 = ms($2) }
    /Socket errors:/ { gsub(",", ""); errs = $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { non2xx = $5 }
    END { printf "%s %.2f %.3f %d %d\n", rps, tps, p99, errs, non2xx + 0 }'
}

echo "warming up (JIT) ..." >&2
for file in 1k.bin 1m.bin; do
  wrk -t2 -c100 -d5s "http://127.0.0.1:$sb_port/$file" > /dev/null
  wrk -t2 -c100 -d5s "http://127.0.0.1:$nginx_port/$file" > /dev/null
done

: > "$work/results"
run=1
while [ "$run" -le "$runs" ]; do
  for file in 1k.bin 1m.bin; do
    for server in switchboard nginx; do
      port=$sb_port; [ "$server" = nginx ] && port=$nginx_port
      line=$(measure "http://127.0.0.1:$port/$file")
      echo "run $run $file $server: $line" >&2
      echo "$file $server $line" >> "$work/results"
    done
  done
  run=$((run + 1))
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v f="$1" -v s="$2" -v c="$3" '$1 == f && $2 == s { print $c }' "$work/results" | median; }
sumcol() { awk -v f="$1" -v s="$2" -v c="$3" '$1 == f && $2 == s { t += $c } END { print t + 0 }' "$work/results"; }

echo
echo "wrk -t2 -c100 -d$duration --latency, keep-alive; medians of $runs runs"
printf '%-7s %-12s %12s %10s %9s %9s %8s\n' file server "requests/s" "MiB/s" "p99 ms" "sockerr" "non-2xx"
for file in 1k.bin 1m.bin; do
  for server in switchboard nginx; do
    printf '%-7s %-12s %12s %10s %9s %9s %8s\n' "$file" "$server" "$(col $file $server 3)" "$(col $file $server 4)" \
      "$(col $file $server 5)" "$(sumcol $file $server 6)" "$(sumcol $file $server 7)"
  done
done
echo
awk -v a="$(col 1k.bin switchboard 3)" -v b="$(col 1k.bin nginx 3)" 'BEGIN { printf "1 KiB requests/s ratio (switchboard/nginx): %.2f\n", a / b }'
awk -v a="$(col 1m.bin switchboard 4)" -v b="$(col 1m.bin nginx 4)" 'BEGIN { printf "1 MiB throughput ratio (switchboard/nginx): %.2f\n", a / b }'
# wrk keeps 100 requests outstanding, so by Little's law the mean latency is 100 / (requests per
# second). For 1 MiB this bound, not the server, sets p99: a p99 well under the mean would need the
# slowest 1 % of responses to take seconds.
for file in 1k.bin 1m.bin; do
  awk -v f="$file" -v a="$(col $file switchboard 3)" -v b="$(col $file nginx 3)" 'BEGIN {
    printf "%s mean latency by Little'"'"'s law (100 outstanding / requests/s): switchboard %.1f ms, nginx %.1f ms\n", f, 100000 / a, 100000 / b }'
done
echo "java: $("$work/switchboard/bin/switchboard" version 2>/dev/null | head -1); $(nginx -v 2>&1); $(nproc) CPUs"
