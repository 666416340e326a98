#!/usr/bin/env bash
# Shared helpers for the benchmark scripts: temp homes, free ports, hosts
# started and stopped by PID, statistics and table rows. Source it; do not run it.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${TASKHOST_JAR:-$REPO_DIR/target/taskhost.jar}"
FIXTURE="${BENCH_WORKSPACE:-$REPO_DIR/src/test/resources/fixtures/workspace}"
PLIST_TEMPLATE="$REPO_DIR/launchd/dev.taskhost.plist.template"
JAVA="${JAVA:-java}"

# The JVM flags of the launchd agent, read from its template so that the
# benchmark follows the plist. BENCH_JVM_FLAGS replaces them.
launchd_jvm_flags() {
  sed -n 's|^[[:space:]]*<string>\(-X[^<]*\)</string>.*|\1|p' "$PLIST_TEMPLATE" | tr '\n' ' '
}
read -r -a JVM_FLAGS <<< "${BENCH_JVM_FLAGS:-$(launchd_jvm_flags)}"

BENCH_PIDS=()
BENCH_TEMP_DIRS=()

require() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "bench: $tool is not installed; install it with: apt-get install -y $tool" >&2
      exit 1
    fi
  done
  if [[ ! -f "$JAR" ]]; then
    echo "bench: $JAR is missing; build it with: mvn -o -q -DskipTests package" >&2
    exit 1
  fi
}

# Prints a TCP port that was free on 127.0.0.1 a moment ago.
free_port() {
  python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

load_1min() {
  cut -d' ' -f1 /proc/loadavg
}

# Creates a temp home: a copy of the fixture workspace, its own XDG state and
# cache folders, and a config naming both ports. Sets BENCH_HOME to the folder
# (not printed, because a command substitution would lose the cleanup record).
make_home() {
  local manager_port="$1" notes_port="$2" home
  home="$(mktemp -d "${TMPDIR:-/tmp}/taskhost-bench.XXXXXX")"
  BENCH_HOME="$home"
  BENCH_TEMP_DIRS+=("$home")
  mkdir -p "$home/state" "$home/cache" "$home/conf"
  cp -R "$FIXTURE" "$home/workspace"
  write_config "$home" "$manager_port" "$notes_port"
}

write_config() {
  local home="$1" manager_port="$2" notes_port="$3"
  cat > "$home/conf/taskhost.json" <<JSON
{
  "workspace": "$home/workspace",
  "servers": {
    "task-manager": { "enabled": true, "host": "127.0.0.1", "port": $manager_port },
    "task-notes": { "enabled": true, "host": "127.0.0.1", "port": $notes_port }
  }
}
JSON
}

# The environment every JVM of a home runs with.
home_env() {
  local home="$1"
  echo "XDG_STATE_HOME=$home/state" "XDG_CACHE_HOME=$home/cache"
}

# Starts `run` for a home in the background; its PID goes to BENCH_PID.
start_host() {
  local home="$1"
  # shellcheck disable=SC2046
  env $(home_env "$home") "$JAVA" "${JVM_FLAGS[@]}" -Dvertx.cacheDirBase="$home/cache/vertx" \
    -jar "$JAR" run -c "$home/conf/taskhost.json" >>"$home/host.log" 2>&1 &
  BENCH_PID=$!
  BENCH_PIDS+=("$BENCH_PID")
}

# Waits until every URL answers 200; prints the seconds since $1 (ns epoch).
wait_http() {
  python3 "$BENCH_DIR/probe.py" wait --since-ns "$1" --timeout "${WAIT_TIMEOUT:-30}" "${@:2}"
}

# Sends SIGTERM to a PID this script started and waits for it, SIGKILL after 15 s.
stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  echo "bench: PID $pid did not stop within 15 s; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid dir
  for pid in "${BENCH_PIDS[@]+"${BENCH_PIDS[@]}"}"; do
    if kill -0 "$pid" 2>/dev/null; then
      stop_pid "$pid"
    fi
  done
  if [[ "${BENCH_KEEP:-0}" != 1 ]]; then
    for dir in "${BENCH_TEMP_DIRS[@]+"${BENCH_TEMP_DIRS[@]}"}"; do
      rm -rf "$dir"
    done
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rss_mb() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Prints "median min max" of the numbers given.
stats() {
  python3 -c 'import statistics, sys
values = [float(v) for v in sys.argv[1:]]
print(f"{statistics.median(values):.4g} {min(values):.4g} {max(values):.4g}")' "$@"
}

# One markdown table row: target, command, unit, goal, pass/miss, load, values.
row() {
  local target="$1" command="$2" unit="$3" goal="$4" verdict="$5" load="$6"
  shift 6
  local median low high
  read -r median low high <<< "$(stats "$@")"
  printf '| %s | `%s` | %s %s | %s | %s | %d | %s | %s | %s |\n' "$target" "$command" \
    "$median" "$unit" "$low" "$high" "$#" "$goal" "$verdict" "$load"
}

# Whether a is at most b (floats).
at_most() {
  python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$1" "$2"
}

verdict_at_most() {
  if at_most "$1" "$2"; then echo met; else echo MISSED; fi
}
