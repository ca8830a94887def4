# Shared by the bench scripts: source it with `. "$(dirname "$0")/lib.sh"`.

# The median of the numbers on standard input, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# A TCP port free on 127.0.0.1 right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits up to 30 s for the daemon's log ($1) to say it is ready; prints the log and fails otherwise.
await_ready() {
  for _ in $(seq 300); do grep -q " ready: " "$1" && return 0; sleep 0.1; done
  cat "$1" >&2
  return 1
}

# "a b" -> a / b with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
