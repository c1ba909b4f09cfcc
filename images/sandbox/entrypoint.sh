#!/bin/bash
# Sandbox entrypoint: gives the inner Docker daemon the writable /sys and cgroup
# hierarchies it needs without --privileged, then starts it.
# Env: MIRROR=<host:port> of the registry mirror (optional).
# Then it starts dockerd as a service (docker-service.sh) and watches it.
set -u
log() { echo "sandbox: $*" >&2; }

# Refused under a user namespace; dockerd copes with a read-only /sys there.
mount -o remount,rw /sys 2>/dev/null || log "/sys stays read-only"

if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  # cgroup v2: move our processes into a leaf so controllers can be delegated to
  # nested containers (a cgroup with processes cannot enable subtree controllers).
  mkdir -p /sys/fs/cgroup/init
  xargs -rn1 </sys/fs/cgroup/cgroup.procs >/sys/fs/cgroup/init/cgroup.procs 2>/dev/null || :
  sed -e 's/ / +/g' -e 's/^/+/' </sys/fs/cgroup/cgroup.controllers \
    >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || :
else
  # cgroup v1: Docker mounts each hierarchy read-only. With a private cgroup
  # namespace a fresh mount is rooted at this sandbox's own cgroup, so nested
  # containers stay inside the sandbox's limits. Remounting in place fails ("busy").
  awk '$5 ~ "^/sys/fs/cgroup/" { for (i = 7; i <= NF; i++) if ($i == "-") break;
       if ($(i+1) == "cgroup") print $5, $(i+3) }' /proc/self/mountinfo |
    while read -r dir opts; do
      opts=$(echo "$opts" | tr ',' '\n' | grep -vxE 'rw|ro' | paste -sd, -)
      umount "$dir" 2>/dev/null && mount -t cgroup -o "$opts" cgroup "$dir" ||
        log "could not remount cgroup $dir ($opts)"
    done
fi

# Under a user namespace the host hands our cgroup directories to our root user right
# after start; wait for that (bounded) so the first nested container can be created.
if ! grep -qE '^ +0 +0 +4294967295$' /proc/self/uid_map; then
  probe=/sys/fs/cgroup/memory
  [ -d "$probe" ] || probe=/sys/fs/cgroup
  i=0
  while [ "$(stat -c %u "$probe")" != 0 ] && [ $i -lt 200 ]; do
    sleep 0.05
    i=$((i + 1))
  done
  [ "$(stat -c %u "$probe")" = 0 ] || log "cgroups were not delegated; nested containers may fail"
fi

# sshd lets the session's other hosts in as root with the session's key, which the server puts
# in /root/.ssh once the sandbox is up (server/sandboxes/ssh-keys.ts); no passwords.
if [ -x /usr/sbin/sshd ]; then
  mkdir -p /run/sshd
  ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key </dev/null >/dev/null 2>&1
  /usr/sbin/sshd || log "sshd did not start"
fi

# The daemon.json a Killercoda machine has, in its shape: one setting a line, the mirrors
# neither first nor last, so scenarios' set-up scripts that edit it with grep and echo
# (and then `systemctl restart docker`) leave valid JSON, as there.
if [ ! -e /etc/docker/daemon.json ]; then
  mkdir -p /etc/docker
  mirrors=
  [ -n "${MIRROR:-}" ] && mirrors="\"http://$MIRROR\""
  printf '{\n  "log-driver": "json-file",\n  "registry-mirrors": [%s],\n  "max-concurrent-downloads": 3\n}\n' \
    "$mirrors" >/etc/docker/daemon.json
fi

# Killercoda's machines are 172.30.1.2 (controlplane) and 172.30.2.2 (node01); scenarios name
# these addresses (`echo '172.30.1.2 local-registry' >> /etc/hosts`), so each sandbox answers
# on its own one.
case $(cat /proc/sys/kernel/hostname) in
  node01 | node2) own=172.30.2.2 ;;
  *) own=172.30.1.2 ;;
esac
ip addr add "$own/32" dev lo 2>/dev/null || log "could not add $own"

lib=/usr/local/lib/playground
if [ -n "${MIRROR:-}" ]; then
  "$lib/hub" setup || log "no Docker Hub stand-in: a missing image will show a connection error"
fi
# The daemon runs as a service (systemctl restart docker works); this process stays first.
"$lib/docker-service" start nowait || log "dockerd did not start (see /var/log/dockerd.log)"
[ -n "${MIRROR:-}" ] && { "$lib/hub" start || log "the Docker Hub stand-in did not start"; } &

# Whether the daemon should run (docker-service.sh's files) and does not. It runs twice a
# second in every sandbox, so it uses builtins only: starting processes for it (sleep, the
# service script, cat, grep) cost each idle sandbox about 5% of a core at once a second, and
# a class of 30 idle sandboxes most of a small machine's two cores.
state=/run/playground-docker
wanted_but_dead() {
  local pid cmdline
  [ -f "$state/wanted" ] || return 1
  read -r pid 2>/dev/null <"$state/dockerd.pid" || return 0
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  read -r -d '' cmdline 2>/dev/null <"/proc/$pid/cmdline"
  case $cmdline in *dockerd*) return 1 ;; esac
  return 0
}
# A wait without a process: a read with a time limit on a pipe nobody writes to (a trapped
# signal ends the read at once).
tick=/run/playground-tick
rm -f "$tick"
if mkfifo -m 600 "$tick" 2>/dev/null && exec 3<>"$tick"; then
  wait_for() { read -r -t "$1" -u 3 _ 2>/dev/null; }
else
  wait_for() { sleep "$1" & wait $! 2>/dev/null; }
fi

stopping=
trap 'stopping=1; "$lib/docker-service" stop; exit 0' TERM INT
# A daemon that dies without `systemctl stop` ends the sandbox, as when it was this process
# (the playground reports the host as failed, within a second of the daemon's end). Seen
# dead twice, a tenth of a second apart, so that a daemon being started (its pid file is
# written before its `wanted` file, and its process is dockerd within milliseconds) is
# never mistaken for a death.
while :; do
  wait_for 0.5
  [ -z "$stopping" ] && wanted_but_dead || continue
  wait_for 0.1
  if [ -z "$stopping" ] && wanted_but_dead; then
    log "dockerd ended; stopping the sandbox"
    exit 1
  fi
done
