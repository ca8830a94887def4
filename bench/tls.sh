#!/usr/bin/env bash
# https against nginx, side by side in one run, on loopback, with the same certificate and TLS settings.
#   bench/tls.sh [ROUNDS] [SECONDS]      (defaults: 5 rounds of 10 s; needs wrk, nginx, openssl)
# Measures, alternating the servers each round:
#   - 1 KiB requests/s over keep-alive TLS connections (wrk -t2 -c50): the record layer's cost;
#   - 1 MiB MiB/s: under TLS sendFile falls back to copying through the cipher;
#   - full handshakes/s (openssl s_time -new, two clients at once, no session reuse).
# Both servers: TLS 1.2 and 1.3, the same self-signed EC P-256 certificate, HTTP/1.1, no access log.
# Prints medians and switchboard/nginx ratios. Needs the packaged distribution (mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rounds=${1:-5}
seconds=${2:-10}
dist=dist/target/switchboard
[ -x "$dist/bin/switchboard" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }
for tool in wrk nginx openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

work=$(mktemp -d)
sb_pid=; nginx_pid=
cleanup() {
  [ -n "$sb_pid" ] && kill "$sb_pid" 2>/dev/null && wait "$sb_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/www" "$work/nginx"
head -c 1024 /dev/urandom > "$work/www/1k.bin"
head -c 1048576 /dev/urandom > "$work/www/1m.bin"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
chmod -R a+rX "$work"
sb_port=$(free_port); nginx_port=$(free_port)

cat > "$work/switchboard.yml" <<YML
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
    tls-certificate: $work/cert.pem
    tls-key: $work/key.pem
YML
SWITCHBOARD_LOGS="$work/logs" "$dist/bin/switchboard" run --config "$work/switchboard.yml" > "$work/daemon.log" 2>&1 &
sb_pid=$!

cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 2048; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache off;
    ssl_session_tickets off;
    root $work/www;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
await_ready "$work/daemon.log"
for port in "$sb_port" "$nginx_port"; do
  for _ in $(seq 100); do
    curl -sfk -o /dev/null "https://127.0.0.1:$port/1k.bin" && continue 2
    sleep 0.2
  done
  echo "bench: nothing answers https on port $port" >&2; cat "$work/daemon.log" "$work/nginx/error.log" >&2; exit 1
done

# "requests/s MiB/s" of one wrk run
wrk_run() {
  wrk -t2 -c50 -d"${seconds}s" "$1" | awk '
    function mb(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
    /Requests\/sec:/ { rps = $2 } /Transfer\/sec:/ { tps = mb($2) } END { printf "%s %.1f\n", rps, tps }'
}
# full handshakes per second of two s_time clients side by side (wall clock)
handshakes() {
  local start end total=0 clients=()
  start=$(date +%s.%N)
  for c in 1 2; do
    openssl s_time -connect "127.0.0.1:$1" -new -time "$seconds" > "$work/s_time.$c" 2>&1 &
    clients+=($!)
  done
  wait "${clients[@]}"
  end=$(date +%s.%N)
  for c in 1 2; do
    total=$((total + $(awk '/connections in .* real seconds/ { print $1; exit }' "$work/s_time.$c")))
  done
  awk -v n="$total" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f\n", n / (b - a) }'
}

echo "warming up (JIT) ..." >&2
for port in "$sb_port" "$nginx_port"; do
  wrk -t2 -c50 -d5s "https://127.0.0.1:$port/1k.bin" > /dev/null
  openssl s_time -connect "127.0.0.1:$port" -new -time 3 > /dev/null 2>&1
done

: > "$work/results"
for round in $(seq "$rounds"); do
  for server in switchboard nginx; do
    port=$sb_port; [ "$server" = nginx ] && port=$nginx_port
    read -r rps _ <<< "$(wrk_run "https://127.0.0.1:$port/1k.bin")"
    read -r _ mibs <<< "$(wrk_run "https://127.0.0.1:$port/1m.bin")"
    hs=$(handshakes "$port")
    echo "round $round $server: 1k $rps req/s, 1m $mibs MiB/s, $hs handshakes/s" >&2
    echo "$server $rps $mibs $hs" >> "$work/results"
  done
done
col() { awk -v s="$1" -v c="$2" '$1 == s { print $c }' "$work/results" | median; }

echo
echo "https on loopback, TLS 1.3 negotiated, EC P-256; medians of $rounds rounds of ${seconds} s"
printf '%-12s %14s %12s %14s\n' server "1k requests/s" "1m MiB/s" "handshakes/s"
for server in switchboard nginx; do
  printf '%-12s %14s %12s %14s\n' "$server" "$(col $server 2)" "$(col $server 3)" "$(col $server 4)"
done
echo "ratios (switchboard/nginx): 1k requests/s $(ratio "$(col switchboard 2)" "$(col nginx 2)")," \
  "1m MiB/s $(ratio "$(col switchboard 3)" "$(col nginx 3)"), handshakes/s $(ratio "$(col switchboard 4)" "$(col nginx 4)")"
echo "java: $("$dist/bin/switchboard" version 2>/dev/null | head -1); $(nginx -v 2>&1); $(openssl version); $(nproc) CPUs"
