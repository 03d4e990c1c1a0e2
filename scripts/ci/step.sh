# Sourced by .ci/run and scripts/setup-podman.sh.
#
# step LABEL COMMAND...: runs COMMAND with its output kept out of sight in a log, says "LABEL..."
# when it starts, "LABEL: still running (N s)" every STEP_PROGRESS_SECONDS (default 15) and
# "LABEL: done in N s" at the end. When COMMAND fails: the last 40 lines of its log, and its exit
# code as step's own. Keeps apt's and npm's chatter out of CI output and long steps visibly alive.
step() {
  local label="$1" prefix="${STEP_PREFIX:-ci}" interval="${STEP_PROGRESS_SECONDS:-15}"
  shift
  local log started=$SECONDS status=0
  log="$(mktemp)"
  printf '%s: %s...\n' "$prefix" "$label"
  "$@" >"$log" 2>&1 &
  local pid=$! next=$((SECONDS + interval))
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ "$SECONDS" -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
      printf '%s: %s: still running (%d s)\n' "$prefix" "$label" $((SECONDS - started))
      next=$((next + interval))
    fi
  done
  wait "$pid" || status=$?
  if [ "$status" -eq 0 ]; then
    printf '%s: %s: done in %d s\n' "$prefix" "$label" $((SECONDS - started))
  else
    printf '%s: %s: failed (exit code %d) after %d s; its last lines:\n' "$prefix" "$label" "$status" $((SECONDS - started)) >&2
    tail -n 40 "$log" | sed 's/^/  | /' >&2
  fi
  rm -f "$log"
  return "$status"
}
