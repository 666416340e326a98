#!/usr/bin/env bash
# Removes the taskhost launchd agent of the current user and stops its host.
# Run with --help for the options. Safe to run again when nothing is installed.
set -euo pipefail

SCRIPT_NAME=uninstall.sh
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
readonly SCRIPT_NAME SCRIPT_DIR
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$SCRIPT_DIR/lib.sh"

label=$DEFAULT_LABEL

usage() {
  cat <<USAGE
Usage: launchd/uninstall.sh [OPTIONS]

Boots out the taskhost launchd agent, which stops its host, and removes
~/Library/LaunchAgents/LABEL.plist. Logs in ~/Library/Logs/taskhost stay.

Options:
  --label LABEL   the agent's launchd label (default: $DEFAULT_LABEL)
  --dry-run       print every step; run no launchctl command and remove no file
  -h, --help      print this help
USAGE
}

parse_arguments() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --label)
        if [ "$#" -lt 2 ] || [ -z "$2" ]; then
          die "option --label needs a value. Run '$SCRIPT_NAME --help' for the options."
        fi
        label=$2
        shift 2
        ;;
      --dry-run) dry_run=true; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option '$1'. Run '$SCRIPT_NAME --help' for the options." ;;
    esac
  done
}

# Removes one file as a numbered step; a dry run only prints it.
remove_file() {
  local what=$1 file=$2
  step "Remove $what $file"
  if "$dry_run"; then
    note "(only if it exists)"
  elif [ ! -e "$file" ]; then
    note "no file at $file: nothing to remove"
    return 0
  fi
  run rm -f "$file"
}

main() {
  parse_arguments "$@"
  validate_label "$label"
  if "$dry_run"; then
    echo "Dry run: every step is printed; no launchctl command runs and no file is removed."
  else
    require_launchctl
  fi
  echo "Uninstalling launchd agent $label"

  step "Boot out $label, which stops its host"
  bootout_if_loaded "$label"
  remove_file "the agent's plist" "$AGENTS_DIR/$label.plist"
  # The copy install.sh made; a jar run in place (--jar-in-place) is never touched.
  remove_file "the installed jar" "$STATE_DIR/taskhost.jar"

  if "$dry_run"; then
    echo "Dry run finished: nothing was changed."
  else
    echo "Uninstalled $label. Logs stay in $LOG_DIR."
  fi
  if [ -d "$REPLACED_DIR" ]; then
    echo "Agents replaced at install are kept in $REPLACED_DIR; docs/LAUNCHD.md says how to restore one."
  fi
}

main "$@"
