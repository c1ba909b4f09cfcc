#!/bin/bash
# systemctl for a sandbox without systemd: the units lessons touch (docker, containerd) are
# the sandbox's Docker daemon; anything else is answered as systemd answers a missing unit.
set -u
service=/usr/local/lib/playground/docker-service
action=
units=()
now=
for arg in "$@"; do
  case $arg in
    --now) now=1 ;;
    -*) ;; # --no-pager, -q, ...: nothing to change here
    *) if [ -z "$action" ]; then action=$arg; else units+=("$arg"); fi ;;
  esac
done

case $action in
  daemon-reload | daemon-reexec | reset-failed) exit 0 ;;
  list-units | list-unit-files)
    echo "docker.service  loaded active running Docker Application Container Engine"
    exit 0
    ;;
  '')
    echo "systemctl: this sandbox has no systemd; it knows docker.service (start, stop, restart, status)." >&2
    exit 1
    ;;
esac

status=0
for unit in "${units[@]}"; do
  name=${unit%.service}
  name=${name%.socket}
  case $name in
    docker | containerd)
      case $action in
        # The daemon starts with the sandbox either way; --now starts or stops it as well.
        enable) [ -z "$now" ] || "$service" start || status=$? ;;
        disable | mask) [ -z "$now" ] || "$service" stop || status=$? ;;
        unmask) ;;
        is-enabled) echo enabled ;;
        *) "$service" "$action" || status=$? ;;
      esac
      ;;
    *)
      echo "Failed to $action $name.service: Unit $name.service not found." >&2
      echo "(This sandbox runs no systemd; systemctl here manages only docker.)" >&2
      status=5
      ;;
  esac
done
exit "$status"
