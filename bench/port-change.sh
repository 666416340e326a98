#!/usr/bin/env bash
# Target (e): after a config port change, the new port answers within 1.5 s of
# the file write (an atomic rename of the new file over the config).
# Prints one table row. RUNS (default 5) sets the number of changes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs="${RUNS:-5}"
manager="$(free_port)"
notes="$(free_port)"
make_home "$manager" "$notes"
home="$BENCH_HOME"
start_host "$home"
wait_http "$(date +%s%N)" "http://127.0.0.1:$manager/health" "http://127.0.0.1:$notes/health" >/dev/null

times=()
load="$(load_1min)"
for _ in $(seq 1 "$runs"); do
  port="$(free_port)"
  times+=("$(python3 "$BENCH_DIR/probe.py" change-port "$home/conf/taskhost.json" task-notes "$port")")
  sleep 1
done
read -r median _ <<< "$(stats "${times[@]}")"
row "(e) config port change" "probe.py change-port \$CONF task-notes NEW_PORT (rename, then poll /health every 5 ms)" \
  s "≤ 1.5 s" "$(verdict_at_most "$median" 1.5)" "$load" "${times[@]}"
