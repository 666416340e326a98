#!/usr/bin/env bash
# Runs every performance target of the design on the 20-client fixture workspace
# and prints one markdown table. Needs wrk, hyperfine, nginx, curl and python3.
# Usage: bench/run-all.sh [duplicate-run startup load port-change]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require wrk hyperfine nginx curl python3

parts=("$@")
if (( ${#parts[@]} == 0 )); then
  parts=(duplicate-run startup load port-change)
fi

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load at start (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "commit: $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "\$FLAGS: ${JVM_FLAGS[*]}"
echo "\$JAR: $(realpath --relative-to="$REPO_DIR" "$JAR"); \$CONF: a config in a temp folder naming a copy of $(realpath --relative-to="$REPO_DIR" "$FIXTURE")"
echo
echo "| target | command | median | min | max | runs | goal | result | load (1 min) |"
echo "|---|---|---|---|---|---|---|---|---|"
for part in "${parts[@]}"; do
  "$BENCH_DIR/$part.sh"
done
