#!/usr/bin/env bash
# Target (b): launch to both ports answering /health, 1.0 s median or less.
# Prints one table row. RUNS (default 5) sets the number of launches.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require curl

runs="${RUNS:-5}"
make_home 1 2
home="$BENCH_HOME"
times=()
load="$(load_1min)"
for _ in $(seq 1 "$runs"); do
  manager="$(free_port)"
  notes="$(free_port)"
  write_config "$home" "$manager" "$notes"
  start="$(date +%s%N)"
  start_host "$home"
  times+=("$(wait_http "$start" "http://127.0.0.1:$manager/health" \
    "http://127.0.0.1:$notes/health")")
  stop_pid "$BENCH_PID"
done
seconds=("${times[@]}")
read -r median _ <<< "$(stats "${seconds[@]}")"
row "(b) launch to both /health" "java \$FLAGS -jar \$JAR run -c \$CONF, poll both /health every 5 ms" \
  s "≤ 1.0 s" "$(verdict_at_most "$median" 1.0)" "$load" "${seconds[@]}"
