# shellcheck shell=bash disable=SC2034
# Shared helpers for install.sh and uninstall.sh. Source it, do not run it.
# SC2034 is off because the scripts that source this file use its constants.
#
# Written for bash 3.2 (the /bin/bash of macOS): no associative arrays, no
# mapfile, and empty arrays are expanded with ${a[@]+"${a[@]}"} under set -u.
# NOTE: the tests run these scripts with the bash of Linux (5.x) only.

readonly DEFAULT_LABEL=dev.taskhost
readonly AGENTS_DIR="$HOME/Library/LaunchAgents"
readonly LOG_DIR="$HOME/Library/Logs/taskhost"
# The host's state folder on macOS. install.sh keeps the plists of replaced agents here.
readonly STATE_DIR="$HOME/Library/Application Support/taskhost"
readonly REPLACED_DIR="$STATE_DIR/replaced-agents"
# The longest a bootout can take: the largest ExitTimeOut that install.sh
# writes (75 s, for the maximum shutdownTimeoutMs of 60000) plus a margin.
# The wait ends as soon as launchd has removed the job.
readonly UNLOAD_WAIT_SECONDS=90

dry_run=false
step_count=0

die() {
  printf '%s: error: %s\n' "$SCRIPT_NAME" "$*" >&2
  exit 1
}

warn() {
  printf '%s: warning: %s\n' "$SCRIPT_NAME" "$*" >&2
}

note() {
  printf '    %s\n' "$*"
}

# Prints the heading of the next numbered step.
step() {
  step_count=$((step_count + 1))
  printf '==> %d. %s\n' "$step_count" "$*"
}

# Prints a command quoted so that it can be pasted into a shell.
show_command() {
  printf '    $'
  printf ' %q' "$@"
  printf '\n'
}

# Prints a command, then runs it unless this is a dry run.
run() {
  show_command "$@"
  if ! "$dry_run"; then
    "$@"
  fi
}

# Rejects labels that would not make a safe file name or launchd service name.
validate_label() {
  case "$1" in
    '' | .* | *[!A-Za-z0-9._-]*)
      die "invalid label '$1': use letters, digits, dots, hyphens and underscores, for example $DEFAULT_LABEL"
      ;;
  esac
}

service_target() {
  printf 'gui/%s/%s' "$UID" "$1"
}

require_launchctl() {
  if ! command -v launchctl >/dev/null 2>&1; then
    die "launchctl not found: this script manages launchd agents and runs on macOS only. Pass --dry-run to print the steps on another system."
  fi
}

is_loaded() {
  launchctl print "$(service_target "$1")" >/dev/null 2>&1
}

# Boots out a loaded agent and waits until launchd has removed it, because
# bootstrapping the same label can fail while the old job is still exiting.
bootout_if_loaded() {
  local label=$1
  local target
  target=$(service_target "$label")
  if "$dry_run"; then
    show_command launchctl bootout "$target"
    note "(only if $label is loaded; then waits up to ${UNLOAD_WAIT_SECONDS} s until launchd has removed it)"
    return 0
  fi
  if ! is_loaded "$label"; then
    note "$label is not loaded: nothing to boot out"
    return 0
  fi
  # bootout can report an error for a job that exits while it is being
  # removed, so the state afterwards decides whether it failed.
  run launchctl bootout "$target" || true
  local waited=0
  while is_loaded "$label"; do
    if [ "$waited" -ge $((UNLOAD_WAIT_SECONDS * 2)) ]; then
      die "$label is still loaded ${UNLOAD_WAIT_SECONDS} s after 'launchctl bootout $target'. Check it with 'launchctl print $target' and boot it out by hand."
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  note "$label is unloaded"
}
