#!/usr/bin/env bash
# Targets (c), (d) and (f) on one host, in ROUNDS rounds (default 3):
#  (c) GET /api/tasks at 32 connections with wrk, against nginx serving the same
#      bytes as a static file; the host must reach half of nginx's requests/s;
#  (d) POST /save-note from 16 wrk connections: no lost notes, p99 under 50 ms;
#  (f) the host's resident set (VmRSS) after each round, 128 MB or less.
# Every wrk run is bounded by DURATION seconds (default 10 for (c), 5 for (d)).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require wrk nginx curl

rounds="${ROUNDS:-3}"
duration="${DURATION:-10}"
note_duration="${NOTE_DURATION:-5}"
manager="$(free_port)"
notes="$(free_port)"
make_home "$manager" "$notes"
home="$BENCH_HOME"
start_host "$home"
host_pid="$BENCH_PID"
wait_http "$(date +%s%N)" "http://127.0.0.1:$manager/health" "http://127.0.0.1:$notes/health" >/dev/null

# nginx serves the body the host returns, byte for byte, as a static file.
nginx_port="$(free_port)"
mkdir -p "$home/nginx/www/api" "$home/nginx/temp"
curl -sf -D "$home/tasks.headers" -o "$home/nginx/www/api/tasks" "http://127.0.0.1:$manager/api/tasks"
grep -qi '^etag:' "$home/tasks.headers" || echo "bench: /api/tasks sent no ETag" >&2
cat > "$home/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $home/nginx/nginx.pid;
error_log $home/nginx/error.log;
$( [[ "$(id -u)" == 0 ]] && echo "user root root;" )
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $home/nginx/temp/body;
  proxy_temp_path $home/nginx/temp/proxy;
  fastcgi_temp_path $home/nginx/temp/fastcgi;
  uwsgi_temp_path $home/nginx/temp/uwsgi;
  scgi_temp_path $home/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $home/nginx/www;
    location / { default_type "application/json; charset=utf-8"; etag on; }
  }
}
CONF
nginx -e "$home/nginx/error.log" -p "$home/nginx" -c "$home/nginx/nginx.conf" &
nginx_pid=$!
BENCH_PIDS+=("$nginx_pid")
wait_http "$(date +%s%N)" "http://127.0.0.1:$nginx_port/api/tasks" >/dev/null
cmp -s "$home/nginx/www/api/tasks" <(curl -sf "http://127.0.0.1:$nginx_port/api/tasks") \
  || { echo "bench: nginx does not serve the same bytes" >&2; exit 1; }

# Tasks to attach notes to: the active tasks of the listing.
python3 - "$home/nginx/www/api/tasks" > "$home/note-tasks.tsv" <<'PY'
import json, sys
listing = json.load(open(sys.argv[1], encoding="utf-8"))
for task in listing["all_tasks"][:200]:
    print(f'{task["id"]}\t{task["client_name"]}')
PY
export BENCH_NOTE_TASKS="$home/note-tasks.tsv"

requests_per_second() {
  local out
  out="$(wrk -t2 -c32 -d"${duration}s" "$1")"
  if grep -q 'Non-2xx' <<< "$out"; then
    echo "bench: $1 returned error responses during the run: $out" >&2
    exit 1
  fi
  awk '/^Requests\/sec:/ { print $2 }' <<< "$out"
}

notes_count() {
  curl -sf "http://127.0.0.1:$notes/notes-count" | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])'
}

# Warm-up, so the JIT compiles the request path before anything is measured.
wrk -t2 -c32 -d3s "http://127.0.0.1:$manager/api/tasks" >/dev/null
wrk -t2 -c32 -d3s "http://127.0.0.1:$nginx_port/api/tasks" >/dev/null

host_rps=() nginx_rps=() ratios=() p50s=() p99s=() lost_total=0 saved_total=0 rss=() loads=()
for _ in $(seq 1 "$rounds"); do
  loads+=("$(load_1min)")
  host="$(requests_per_second "http://127.0.0.1:$manager/api/tasks")"
  static="$(requests_per_second "http://127.0.0.1:$nginx_port/api/tasks")"
  host_rps+=("$host")
  nginx_rps+=("$static")
  ratios+=("$(python3 -c "print(round($host / $static, 3))")")

  before="$(notes_count)"
  read -r _ requests non2xx socket_errors p50 p99 _ <<< "$(wrk -t2 -c16 -d"${note_duration}s" \
    -s "$BENCH_DIR/save-note.lua" "http://127.0.0.1:$notes" | grep '^notes ')"
  after="$(notes_count)"
  ok=$((requests - non2xx))
  saved=$((after - before))
  # A request still in flight when wrk stops may be saved without being counted,
  # so more saved notes than 200 responses is expected; fewer means a lost note.
  lost=$(( ok > saved ? ok - saved : 0 ))
  if (( non2xx > 0 || socket_errors > 0 )); then
    echo "bench: save-note had $non2xx error responses and $socket_errors socket errors" >&2
  fi
  lost_total=$((lost_total + lost))
  saved_total=$((saved_total + ok))
  p50s+=("$p50")
  p99s+=("$p99")
  rss+=("$(rss_mb "$host_pid")")
done

load="$(printf '%s ' "${loads[@]}")"
read -r ratio_median _ <<< "$(stats "${ratios[@]}")"
if at_most 0.5 "$ratio_median"; then ratio_verdict=met; else ratio_verdict=MISSED; fi
row "(c) GET /api/tasks, taskhost" "wrk -t2 -c32 -d${duration}s \$MANAGER/api/tasks" req/s "" "" "$load" "${host_rps[@]}"
row "(c) GET /api/tasks, nginx static" "wrk -t2 -c32 -d${duration}s \$NGINX/api/tasks" req/s "" "" "$load" "${nginx_rps[@]}"
row "(c) taskhost / nginx" "ratio per round" "" "≥ 0.5" "$ratio_verdict" "$load" "${ratios[@]}"
read -r p99_median _ <<< "$(stats "${p99s[@]}")"
row "(d) POST /save-note p50" "same runs" ms "" "" "$load" "${p50s[@]}"
row "(d) POST /save-note p99" "wrk -t2 -c16 -d${note_duration}s -s bench/save-note.lua \$NOTES" ms "< 50 ms" \
  "$(if at_most "$p99_median" 49.99; then echo met; else echo MISSED; fi)" "$load" "${p99s[@]}"
row "(d) POST /save-note lost notes" "notes-count after - before vs 200 answers ($saved_total answered)" notes "0" \
  "$(if (( lost_total == 0 )); then echo met; else echo MISSED; fi)" "$load" "$lost_total"
read -r rss_median _ <<< "$(stats "${rss[@]}")"
row "(f) RSS after load" "VmRSS of /proc/\$PID/status after each round" MB "≤ 128 MB" \
  "$(verdict_at_most "$rss_median" 128)" "$load" "${rss[@]}"
kill -0 "$host_pid" || { echo "bench: the host exited during the load" >&2; exit 1; }
