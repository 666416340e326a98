#!/usr/bin/env bash
# Target (a): a duplicate `run` exits 0 within 150 ms median while a host runs.
# Prints one table row. RUNS (default 15) sets the hyperfine run count.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require hyperfine curl

runs="${RUNS:-15}"
manager="$(free_port)"
notes="$(free_port)"
make_home "$manager" "$notes"
home="$BENCH_HOME"
start_host "$home"
host_pid="$BENCH_PID"
wait_http "$(date +%s%N)" "http://127.0.0.1:$manager/health" "http://127.0.0.1:$notes/health" >/dev/null

export XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache"
command="$JAVA ${JVM_FLAGS[*]} -jar $JAR run -c $home/conf/taskhost.json"
load="$(load_1min)"
hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$home/duplicate.json" \
  "$command" >"$home/hyperfine.log" 2>&1 || { cat "$home/hyperfine.log" >&2; exit 1; }
kill -0 "$host_pid" || { echo "bench: the running host exited during the test" >&2; exit 1; }

mapfile -t times < <(python3 -c 'import json, sys
for t in json.load(open(sys.argv[1]))["results"][0]["times"]:
    print(f"{t * 1000:.1f}")' "$home/duplicate.json")
read -r median _ <<< "$(stats "${times[@]}")"
row "(a) duplicate run" "hyperfine -N --warmup 3 --runs $runs 'java \$FLAGS -jar \$JAR run -c \$CONF'" \
  ms "≤ 150 ms" "$(verdict_at_most "$median" 150)" "$load" "${times[@]}"
