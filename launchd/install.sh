#!/usr/bin/env bash
# Installs taskhost as one launchd agent for the current user and starts it.
# Run with --help for the options. Safe to run again: it replaces the agent.
set -euo pipefail

SCRIPT_NAME=install.sh
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_DIR=$(dirname "$SCRIPT_DIR")
TEMPLATE="$SCRIPT_DIR/dev.taskhost.plist.template"
readonly SCRIPT_NAME SCRIPT_DIR REPO_DIR TEMPLATE
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$SCRIPT_DIR/lib.sh"

readonly MIN_JAVA_VERSION=17
readonly DEFAULT_SHUTDOWN_TIMEOUT_MS=5000
# ExitTimeOut is the host's shutdownTimeoutMs plus this margin, and at least
# MIN_EXIT_TIMEOUT_SECONDS, so launchd never kills a host that is still draining.
readonly EXIT_TIMEOUT_MARGIN_SECONDS=15
readonly MIN_EXIT_TIMEOUT_SECONDS=20
readonly STATUS_WAIT_SECONDS=15

label=$DEFAULT_LABEL
jar="$REPO_DIR/target/taskhost.jar"
# The agent runs a copy of the jar, so a rebuild or 'mvn clean' in the
# checkout never pulls classes out from under the running host.
installed_jar="$STATE_DIR/taskhost.jar"
jar_in_place=false
config="$REPO_DIR/conf/taskhost.json"
replace_labels=()
java=
java_origin=
exit_timeout=$MIN_EXIT_TIMEOUT_SECONDS

usage() {
  cat <<EOF
Usage: launchd/install.sh [OPTIONS]

Installs the taskhost launchd agent for the current user: writes
~/Library/LaunchAgents/LABEL.plist, loads it and starts the host.
Running it again replaces the agent and restarts the host.

Options:
  --jar FILE        the taskhost jar to install (default: $REPO_DIR/target/taskhost.jar);
                    the agent runs a copy in ~/Library/Application Support/taskhost
  --jar-in-place    run the jar where it is instead of a copy; a rebuild of that
                    file then replaces classes under the running host
  --config FILE     the config file passed to 'run -c' (default: $REPO_DIR/conf/taskhost.json)
  --label LABEL     the agent's launchd label (default: $DEFAULT_LABEL)
  --replace LABEL   an old agent to boot out before the new one starts; its plist
                    moves from ~/Library/LaunchAgents to
                    ~/Library/Application Support/taskhost/replaced-agents.
                    Repeat the option for each old agent.
  --dry-run         print every step and the plist; run no launchctl command
                    and write no file
  -h, --help        print this help

Java comes from \$JAVA_HOME, else from /usr/libexec/java_home -v $MIN_JAVA_VERSION+, else
from the java command on PATH. The plist stores that absolute path, so run
install.sh again after removing or moving that JDK.
EOF
}

# Reads the value of an option that takes one, or fails naming the option.
option_value() {
  if [ "$#" -lt 2 ] || [ -z "$2" ]; then
    die "option $1 needs a value. Run '$SCRIPT_NAME --help' for the options."
  fi
  printf '%s' "$2"
}

parse_arguments() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --jar) jar=$(option_value "$@"); shift 2 ;;
      --config) config=$(option_value "$@"); shift 2 ;;
      --label) label=$(option_value "$@"); shift 2 ;;
      --replace) replace_labels+=("$(option_value "$@")"); shift 2 ;;
      --jar-in-place) jar_in_place=true; shift ;;
      --dry-run) dry_run=true; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option '$1'. Run '$SCRIPT_NAME --help' for the options." ;;
    esac
  done
}

# Prints the absolute form of an existing file's path.
absolute_path() {
  local dir
  dir=$(cd "$(dirname "$1")" && pwd -P) || return 1
  printf '%s/%s' "$dir" "$(basename "$1")"
}

check_inputs() {
  validate_label "$label"
  local old
  for old in ${replace_labels[@]+"${replace_labels[@]}"}; do
    validate_label "$old"
    if [ "$old" = "$label" ]; then
      die "--replace $old names the agent being installed. Pass the labels of the old per-server agents instead."
    fi
  done

  [ -f "$TEMPLATE" ] || die "plist template not found: $TEMPLATE. Run install.sh from a complete taskhost checkout."
  if [ ! -f "$jar" ]; then
    die "jar not found: $jar. Build it with 'mvn -DskipTests package' in $REPO_DIR, or pass --jar FILE."
  fi
  if [ ! -f "$config" ]; then
    die "config file not found: $config. Pass --config FILE, or copy conf/taskhost.json from the taskhost repository to that path."
  fi
  jar=$(absolute_path "$jar")
  config=$(absolute_path "$config")
  compute_exit_timeout
}

# Sets exit_timeout from the config's shutdownTimeoutMs.
# NOTE: sed reads the key and its value only when they share a line; otherwise
# the default of 5000 ms applies.
compute_exit_timeout() {
  local shutdown_ms seconds
  shutdown_ms=$(sed -n 's/.*"shutdownTimeoutMs"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$config" | head -n 1)
  if [ -z "$shutdown_ms" ]; then
    shutdown_ms=$DEFAULT_SHUTDOWN_TIMEOUT_MS
  fi
  seconds=$(((shutdown_ms + 999) / 1000 + EXIT_TIMEOUT_MARGIN_SECONDS))
  if [ "$seconds" -lt "$MIN_EXIT_TIMEOUT_SECONDS" ]; then
    seconds=$MIN_EXIT_TIMEOUT_SECONDS
  fi
  exit_timeout=$seconds
}

find_java() {
  local home
  if [ -n "${JAVA_HOME:-}" ]; then
    if [ ! -x "$JAVA_HOME/bin/java" ]; then
      die "JAVA_HOME is '$JAVA_HOME' but $JAVA_HOME/bin/java is missing or not executable. Point JAVA_HOME at a JDK $MIN_JAVA_VERSION or later, or unset it."
    fi
    java="$JAVA_HOME/bin/java"
    java_origin="JAVA_HOME"
  elif [ -x /usr/libexec/java_home ] && home=$(/usr/libexec/java_home -v "$MIN_JAVA_VERSION+" 2>/dev/null); then
    java="$home/bin/java"
    java_origin="/usr/libexec/java_home -v $MIN_JAVA_VERSION+"
  elif command -v java >/dev/null 2>&1; then
    java=$(absolute_path "$(command -v java)")
    java_origin="PATH"
    warn "JAVA_HOME is not set and /usr/libexec/java_home found no JDK $MIN_JAVA_VERSION+, so the agent uses java from PATH as a last resort: $java. Set JAVA_HOME to pin a JDK."
  else
    die "Java not found: set JAVA_HOME to a JDK $MIN_JAVA_VERSION or later, or install one (for example 'brew install openjdk@$MIN_JAVA_VERSION')."
  fi
  check_java_version
}

check_java_version() {
  local output major
  if ! output=$("$java" -version 2>&1); then
    die "'$java -version' failed: $output. Install a JDK $MIN_JAVA_VERSION or later and set JAVA_HOME to it."
  fi
  # The first line reads like: openjdk version "17.0.15" 2025-04-15
  major=$(printf '%s\n' "$output" | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1)
  if [ -z "$major" ]; then
    warn "could not read the Java version from '$java -version'; continuing."
  elif [ "$major" -lt "$MIN_JAVA_VERSION" ]; then
    die "$java is Java $major, but taskhost needs Java $MIN_JAVA_VERSION or later. Set JAVA_HOME to a newer JDK."
  fi
}

# Prints the plist: the template with every placeholder replaced by its
# XML-escaped value. awk replaces literally, so '&' or '\' in a path is safe.
render_plist() {
  TASKHOST_PLIST_LABEL=$label \
  TASKHOST_PLIST_JAVA=$java \
  TASKHOST_PLIST_JAR=$(agent_jar) \
  TASKHOST_PLIST_CONFIG=$config \
  TASKHOST_PLIST_WORKING_DIRECTORY=$(dirname "$config") \
  TASKHOST_PLIST_LOG_DIR=$LOG_DIR \
  TASKHOST_PLIST_EXIT_TIMEOUT=$exit_timeout \
  awk '
    function replace_all(text, from, to,    out, at) {
      out = ""
      while ((at = index(text, from)) > 0) {
        out = out substr(text, 1, at - 1) to
        text = substr(text, at + length(from))
      }
      return out text
    }
    function xml_escape(text) {
      text = replace_all(text, "&", "&amp;")
      text = replace_all(text, "<", "&lt;")
      return replace_all(text, ">", "&gt;")
    }
    BEGIN {
      count = split("LABEL JAVA JAR CONFIG WORKING_DIRECTORY LOG_DIR EXIT_TIMEOUT", keys, " ")
      for (k = 1; k <= count; k++) {
        values[k] = xml_escape(ENVIRON["TASKHOST_PLIST_" keys[k]])
      }
    }
    {
      line = $0
      for (k = 1; k <= count; k++) {
        line = replace_all(line, "@" keys[k] "@", values[k])
      }
      print line
    }
  ' "$TEMPLATE"
}

replace_old_agents() {
  local old plist destination
  for old in ${replace_labels[@]+"${replace_labels[@]}"}; do
    step "Boot out the replaced agent $old"
    bootout_if_loaded "$old"

    plist="$AGENTS_DIR/$old.plist"
    destination="$REPLACED_DIR/$old.plist"
    step "Move the replaced agent's plist aside, so it does not load at the next login"
    if "$dry_run"; then
      note "(only if $plist exists)"
    elif [ ! -e "$plist" ]; then
      note "no plist at $plist: nothing to move"
      continue
    fi
    if [ -e "$destination" ]; then
      destination="$REPLACED_DIR/$old.$(date +%Y%m%d%H%M%S).plist"
    fi
    run mkdir -p "$REPLACED_DIR"
    run mv "$plist" "$destination"
  done
}

write_plist() {
  local plist=$1 content temporary
  step "Create the log folder"
  run mkdir -p "$LOG_DIR"

  step "Write the agent's plist to $plist"
  content=$(render_plist)
  if printf '%s\n' "$content" | grep -q '@[A-Z_]*@'; then
    die "$TEMPLATE contains a placeholder that install.sh does not fill: $(printf '%s\n' "$content" | grep -o '@[A-Z_]*@' | head -n 1)"
  fi
  if "$dry_run"; then
    note "(dry run: the file would contain the plist below)"
    printf '%s\n' "$content"
    return 0
  fi
  mkdir -p "$AGENTS_DIR"
  # Write next to the target and rename, so launchd never reads half a file.
  temporary=$(mktemp "$AGENTS_DIR/.$label.plist.XXXXXX")
  if ! printf '%s\n' "$content" >"$temporary"; then
    rm -f "$temporary"
    die "failed to write $temporary"
  fi
  chmod 644 "$temporary"
  mv -f "$temporary" "$plist"
  note "wrote $plist"
}

lint_plist() {
  local plist=$1
  step "Check the plist"
  if command -v plutil >/dev/null 2>&1 || "$dry_run"; then
    run plutil -lint "$plist"
  else
    note "plutil not found: skipping the check"
  fi
}

# Stops a host that still holds the lock for this config (one started by
# hand, or orphaned by an earlier agent), because the agent's copy would
# otherwise exit 0 as a duplicate and launchd would not start it again.
stop_leftover_host() {
  step "Stop a taskhost still running with this config, so the agent's host takes over"
  local timeout=$((exit_timeout + 5))
  if ! run "$java" -jar "$jar" stop -c "$config" --timeout "$timeout"; then
    warn "a host is still running after ${timeout} s. The agent's host will exit as a duplicate; stop the old host and run 'launchctl kickstart $(service_target "$label")'."
  fi
}

# Prints the jar the agent runs.
agent_jar() {
  if "$jar_in_place"; then
    printf '%s' "$jar"
  else
    printf '%s' "$installed_jar"
  fi
}

# Runs after the old host stopped, so no running JVM has the copy open.
install_jar() {
  if "$jar_in_place"; then
    return 0
  fi
  step "Copy $jar to $installed_jar"
  run mkdir -p "$(dirname "$installed_jar")"
  run cp "$jar" "$installed_jar.new"
  run mv -f "$installed_jar.new" "$installed_jar"
}

start_agent() {
  local plist=$1
  step "Load the agent"
  run launchctl bootstrap "gui/$UID" "$plist"

  step "Start the host now"
  run launchctl kickstart -k "$(service_target "$label")"
}

# Waits for 'status' to stop returning 3 (not running). 0 is running, 1 is
# running but degraded, for example while an old server still listens on a port.
report_status() {
  local waited=0 status=0
  step "Wait up to ${STATUS_WAIT_SECONDS} s for the host to report running"
  show_command "$java" -jar "$jar" status -c "$config"
  if "$dry_run"; then
    return 0
  fi
  while :; do
    status=0
    "$java" -jar "$jar" status -c "$config" || status=$?
    if [ "$status" -ne 3 ]; then
      break
    fi
    if [ "$waited" -ge "$STATUS_WAIT_SECONDS" ]; then
      warn "the host does not report running yet. Read $LOG_DIR/$label.err.log and $LOG_DIR/$label.out.log."
      return 0
    fi
    sleep 1
    waited=$((waited + 1))
  done
  if [ "$status" -eq 1 ]; then
    warn "the host runs but is degraded; the status above names the server and the reason."
  fi
}

main() {
  parse_arguments "$@"
  check_inputs
  find_java
  if ! "$dry_run"; then
    require_launchctl
  fi

  local plist="$AGENTS_DIR/$label.plist"
  if "$dry_run"; then
    echo "Dry run: every step is printed; no launchctl command runs and no file is written."
  fi
  echo "Installing launchd agent $label"
  note "java:   $java (from $java_origin)"
  note "jar:    $(agent_jar)"
  note "config: $config"
  note "plist:  $plist"
  note "logs:   $LOG_DIR"
  note "ExitTimeOut: ${exit_timeout} s"

  replace_old_agents
  write_plist "$plist"
  lint_plist "$plist"
  step "Boot out the loaded copy of $label, if any"
  bootout_if_loaded "$label"
  stop_leftover_host
  install_jar
  start_agent "$plist"
  report_status

  if "$dry_run"; then
    echo "Dry run finished: nothing was changed."
  else
    echo "Installed $label. Check it with: $(printf '%q ' "$java" -jar "$jar" status -c "$config")"
  fi
  echo "Logs: $LOG_DIR/$label.out.log and $LOG_DIR/$label.err.log"
}

main "$@"
