#!/bin/bash
# journalctl for a sandbox without systemd: `journalctl -u docker` shows the daemon's log.
set -u
unit= lines=50 follow=
while [ $# -gt 0 ]; do
  case $1 in
    -u | --unit) unit=${2:-}; shift ;;
    --unit=*) unit=${1#--unit=} ;;
    -n | --lines) lines=${2:-50}; shift ;;
    --lines=*) lines=${1#--lines=} ;;
    -f | --follow) follow=1 ;;
    -fu) follow=1; unit=${2:-}; shift ;;
  esac
  shift
done
case ${unit%.service} in
  docker | containerd) ;;
  *)
    echo "journalctl: this sandbox runs no systemd; only the docker unit's log is kept (journalctl -u docker)." >&2
    exit 1
    ;;
esac
[[ $lines =~ ^[0-9]+$ ]] || lines=50
if [ -n "$follow" ]; then exec tail -n "$lines" -f /var/log/dockerd.log; fi
exec tail -n "$lines" /var/log/dockerd.log
