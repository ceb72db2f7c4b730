#!/usr/bin/env bash
# The loopback mock server side by side with nginx (and WireMock 3.13 when it can be installed),
# SPEC §10: `tutti mock` must serve >= 80% of nginx's requests/s on a fixed JSON stub and >= 60%
# on a templated one, at 10 keep-alive connections, with p99 no worse than nginx's x 1.5, and
# >= 5x WireMock on both. A benchmark, not a test: it prints figures and ratios; the exit code
# says only whether every server ran.
#
# Each server is pinned to core 0 and wrk to core 1 (taskset), one server at a time, in
# alternating rounds so that a noisy neighbour hits all of them alike; the median round counts.
# WireMock (test-only, never a product dependency) is installed with npm into BUILD_DIR/wiremock
# and needs java; without npm or java it is skipped with a note.
#
# Usage: tests/bench/mockserver-vs-nginx.sh [BUILD_DIR=build] [SECONDS=5] [ROUNDS=3]
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
seconds="${2:-5}"
rounds="${3:-3}"
tutti="$build/app/tutti"
for tool in wrk nginx taskset curl; do
  command -v "$tool" >/dev/null || { echo "mockserver-vs-nginx: $tool not found (installer/setup-debian.sh installs it)" >&2; exit 1; }
done
[ -x "$tutti" ] || { echo "mockserver-vs-nginx: $tutti not built" >&2; exit 1; }
cores=$(nproc)
server_cpu=0
client_cpu=$((cores > 1 ? 1 : 0))

work="$(mktemp -d /tmp/tutti-bench-mock.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { # URL: waits up to 60 s for an answer
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "mockserver-vs-nginx: $1 never answered" >&2
  return 1
}

# The same two stubs everywhere: a fixed JSON body, and one echoing a query parameter and an id.
fixed_body='{"id":"r_123","status":"reserved","items":[{"sku":"A-1","qty":2}]}'

# --- tutti mock
cat >"$work/bench.mock.yaml" <<'EOF'
tutti-mock: 1
service: bench
routes:
  - match: { method: GET, path: /fixed }
    respond: { status: 200, body: { id: r_123, status: reserved, items: [ { sku: A-1, qty: 2 } ] } }
  - match: { method: GET, path: /templated }
    respond: { status: 200, body: { sku: "{{ request.query.sku }}", path: "{{ request.path }}", status: reserved } }
EOF
tutti_port=$(free_port)
taskset -c "$server_cpu" "$tutti" mock "$work/bench.mock.yaml" --port "$tutti_port" >"$work/tutti.log" 2>&1 &
pids+=($!)

# --- nginx: one worker, no access log, keep-alive without a request cap
nginx_port=$(free_port)
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    default_type application/json;
    location = /fixed { return 200 '$fixed_body'; }
    location = /templated { return 200 '{"sku":"\$arg_sku","path":"\$uri","status":"reserved"}'; }
  }
}
EOF
taskset -c "$server_cpu" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>"$work/nginx/stderr" &
pids+=($!)

# --- WireMock (optional)
wiremock_port=""
jar="$(find "$build/wiremock" -name 'wiremock-standalone-*.jar' 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] && command -v npm >/dev/null && command -v java >/dev/null; then
  mkdir -p "$build/wiremock"
  npm install --prefix "$build/wiremock" --no-audit --no-fund --loglevel=error wiremock@3.13.2 >&2 || true
  jar="$(find "$build/wiremock" -name 'wiremock-standalone-*.jar' 2>/dev/null | head -1 || true)"
fi
if [ -n "$jar" ] && command -v java >/dev/null; then
  wiremock_port=$(free_port)
  mkdir -p "$work/wiremock/mappings"
  cat >"$work/wiremock/mappings/fixed.json" <<EOF
{ "request": { "method": "GET", "url": "/fixed" },
  "response": { "status": 200, "headers": { "Content-Type": "application/json" }, "body": "$(printf '%s' "$fixed_body" | sed 's/"/\\"/g')" } }
EOF
  cat >"$work/wiremock/mappings/templated.json" <<'EOF'
{ "request": { "method": "GET", "urlPath": "/templated" },
  "response": { "status": 200, "headers": { "Content-Type": "application/json" },
    "body": "{\"sku\":\"{{request.query.sku}}\",\"path\":\"{{request.path}}\",\"status\":\"reserved\"}",
    "transformers": ["response-template"] } }
EOF
  taskset -c "$server_cpu" java -Xmx512m -jar "$jar" --port "$wiremock_port" --root-dir "$work/wiremock" \
    --no-request-journal --disable-request-logging --disable-banner >"$work/wiremock.log" 2>&1 &
  pids+=($!)
else
  echo "note: WireMock skipped (needs npm and java; BUILD_DIR/wiremock holds it once installed)"
fi

servers=(tutti nginx)
[ -n "$wiremock_port" ] && servers+=(wiremock)
port_of() { case "$1" in tutti) echo "$tutti_port" ;; nginx) echo "$nginx_port" ;; wiremock) echo "$wiremock_port" ;; esac; }
for s in "${servers[@]}"; do wait_up "http://127.0.0.1:$(port_of "$s")/fixed"; done
# The answers must match before they are compared (same status and body size order).
for s in "${servers[@]}"; do
  body=$(curl -s "http://127.0.0.1:$(port_of "$s")/templated?sku=A-1")
  case "$body" in *'"A-1"'*) ;; *) echo "mockserver-vs-nginx: $s answered the templated stub with: $body" >&2; exit 1 ;; esac
done

# One wrk run: prints "REQ_PER_S P99_MS" (wrk reports latency in us, ms or s).
measure() { # URL SECONDS
  taskset -c "$client_cpu" wrk -t1 -c10 -d"$2"s --latency "$1" 2>/dev/null | awk '
    function ms(v) { if (v ~ /us$/) return v + 0 / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return (v + 0) * 1000; return v + 0 }
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); p99 = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); p99 = v } else { sub(/s$/, "", v); p99 = v * 1000 } }
    /Non-2xx|Socket errors/ { errors = errors " " $0 }
    END { printf "%.0f %.3f%s\n", rps, p99, (errors != "" ? " ERR" : "") }'
}

# Warm-up (the JIT of WireMock, the kernel's socket caches), then the rounds.
for s in "${servers[@]}"; do
  for stub in fixed "templated?sku=A-1"; do measure "http://127.0.0.1:$(port_of "$s")/$stub" 2 >/dev/null; done
done
declare -A rps p99
for stub in fixed templated; do
  for s in "${servers[@]}"; do rps[$s,$stub]=""; p99[$s,$stub]=""; done
  for r in $(seq 1 "$rounds"); do
    for s in "${servers[@]}"; do
      path="$stub"; [ "$stub" = templated ] && path="templated?sku=A-1"
      read -r q l err < <(measure "http://127.0.0.1:$(port_of "$s")/$path" "$seconds")
      [ -n "${err:-}" ] && echo "warning: $s $stub round $r had errors" >&2
      rps[$s,$stub]+="$q "
      p99[$s,$stub]+="$l "
      printf 'round %d %-9s %-9s %8s req/s  p99 %7s ms\n' "$r" "$stub" "$s" "$q" "$l"
    done
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo
echo "median of $rounds rounds, ${seconds}s each, wrk -t1 -c10 on core $client_cpu, servers on core $server_cpu:"
for stub in fixed templated; do
  for s in "${servers[@]}"; do
    printf '  %-9s %-9s %8s req/s  p99 %7s ms\n' "$stub" "$s" "$(echo "${rps[$s,$stub]}" | median)" "$(echo "${p99[$s,$stub]}" | median)"
  done
  t=$(echo "${rps[tutti,$stub]}" | median); n=$(echo "${rps[nginx,$stub]}" | median)
  tl=$(echo "${p99[tutti,$stub]}" | median); nl=$(echo "${p99[nginx,$stub]}" | median)
  awk -v t="$t" -v n="$n" -v tl="$tl" -v nl="$nl" -v stub="$stub" 'BEGIN {
    target = (stub == "fixed") ? 0.80 : 0.60
    printf "  %-9s tutti/nginx throughput %.2f (target >= %.2f)  p99 tutti/nginx %.2f (target <= 1.5)\n", stub, t / n, target, (nl > 0 ? tl / nl : 0) }'
  if [ -n "$wiremock_port" ]; then
    w=$(echo "${rps[wiremock,$stub]}" | median)
    awk -v t="$t" -v w="$w" -v stub="$stub" 'BEGIN { printf "  %-9s tutti/WireMock throughput %.1fx (target >= 5x)\n", stub, t / w }'
  fi
done
