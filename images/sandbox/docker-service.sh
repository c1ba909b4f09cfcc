#!/bin/bash
# The sandbox's Docker daemon as a service: start, stop, restart, status. systemctl, service
# and /etc/init.d/docker all come here, so lessons written for a machine with systemd work.
# Each start applies /etc/docker/daemon.json, with the playground's registry mirror merged in
# (the daemon refuses a setting given both as a flag and in the file, so none is a flag).
# Env: MIRROR (host:port of the mirror) comes from the sandbox's environment.
set -u
STATE=/run/playground-docker
PIDFILE=$STATE/dockerd.pid
WANTED=$STATE/wanted
STARTED=$STATE/started
EFFECTIVE=$STATE/daemon.json
LOG=/var/log/dockerd.log
USER_CONFIG=/etc/docker/daemon.json
mkdir -p "$STATE"

daemon_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q dockerd "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

# The daemon's configuration: the learner's daemon.json plus the mirror and the socket. The
# mirror comes first: a scenario's own mirrors (Killercoda's) are out of reach offline.
write_config() {
  local base='{}'
  if [ -s "$USER_CONFIG" ]; then
    if ! base=$(jq -e 'if type == "object" then . else error("not a JSON object") end' "$USER_CONFIG" 2>&1); then
      echo "unable to configure the Docker daemon with file $USER_CONFIG: $base" >&2
      return 1
    fi
  fi
  jq --arg mirror "${MIRROR:-}" '
    .hosts = ((.hosts // []) + ["unix:///var/run/docker.sock"] | unique)
    | if $mirror == "" then . else
        .["registry-mirrors"] = (["http://" + $mirror] + ((.["registry-mirrors"] // []) - ["http://" + $mirror]))
        | .["insecure-registries"] = ((.["insecure-registries"] // []) + [$mirror] | unique)
      end' <<<"$base" >"$EFFECTIVE.tmp" && mv "$EFFECTIVE.tmp" "$EFFECTIVE"
}

log_tail() { tail -n "${1:-8}" "$LOG" 2>/dev/null | sed 's/^/  /'; }

failed() {
  echo "Job for docker.service failed because the control process exited with error code." >&2
  echo "The daemon's last words (all of them: $LOG, or systemctl status docker):" >&2
  log_tail 8 >&2
  rm -f "$WANTED"
  return 1
}

start() {
  local wait_ready=${1:-wait} pid i
  if daemon_pid >/dev/null; then return 0; fi
  if ! write_config 2>>"$LOG"; then
    failed
    return 1
  fi
  echo "--- $(date '+%F %T') starting dockerd" >>"$LOG"
  # Its own session, so it outlives the shell that typed `systemctl start docker`.
  setsid dockerd --config-file "$EFFECTIVE" </dev/null >>"$LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PIDFILE"
  date '+%a %F %T %Z' >"$STARTED"
  touch "$WANTED"
  [ "$wait_ready" = wait ] || return 0
  # Ready when the API answers, as `systemctl start` returns once the unit is up (bounded).
  for i in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || { failed; return 1; }
    docker version >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "docker.service: the daemon did not answer within 20 s (see $LOG)" >&2
  return 1
}

stop() {
  local pid i
  rm -f "$WANTED"
  pid=$(daemon_pid) || return 0
  kill -TERM "$pid"
  # dockerd stops its containers first; give it what systemd gives it, then insist.
  for i in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  echo "--- $(date '+%F %T') dockerd stopped" >>"$LOG"
  return 0
}

status() {
  local pid
  if pid=$(daemon_pid); then
    echo "● docker.service - Docker Application Container Engine"
    echo "     Loaded: loaded (playground stand-in for systemd; config /etc/docker/daemon.json)"
    echo "     Active: active (running) since $(cat "$STARTED" 2>/dev/null)"
    echo "   Main PID: $pid (dockerd)"
    echo
    log_tail 5
    return 0
  fi
  echo "○ docker.service - Docker Application Container Engine"
  echo "     Loaded: loaded (playground stand-in for systemd; config /etc/docker/daemon.json)"
  echo "     Active: inactive (dead)"
  echo
  log_tail 5
  return 3
}

case ${1:-} in
  start) start "${2:-wait}" ;;
  stop) stop ;;
  restart | reload | force-reload | try-restart | reload-or-restart) stop && start ;;
  status) status ;;
  is-active)
    if daemon_pid >/dev/null; then echo active; else echo inactive; exit 3; fi ;;
  *)
    echo "usage: $0 {start|stop|restart|status|is-active}" >&2
    exit 2
    ;;
esac
