// The escape battery: each probe tries, from a learner's root shell in a sandbox, one way
// out of it. A probe prints "ESCAPED: ..." and exits 0 when the way is open, or prints
// "REFUSED: ..." and exits 1. Every probe is harmless to the machine: permissions are
// proven with no-op or invalid arguments where the error tells refusal apart (EPERM
// against EBADF), values are written back unchanged, mounts are read-only and undone.
//
// Environment each probe gets:
//   HOST_ADDR        the host as the sandbox sees it (its network gateway)
//   SERVER_PORT      the playground server's port on the host
//   REGISTRY         host:port of the registry the sandbox pulls from
//   OTHER_IP         another session's sandbox
//   HOST_ENGINE_ID   the host engine's ID, to recognise it if it answers

export interface Probe {
  name: string;
  script: string;
}

const verdict = `
escaped() { echo "ESCAPED: $*"; exit 0; }
refused() { echo "REFUSED: $*"; exit 1; }
`;

/** Device number of the host file system that holds the sandbox's /etc/hostname. */
const hostDisk = `
dev=$(awk '$5 == "/etc/hostname" { print $3 }' /proc/self/mountinfo)
[ -n "$dev" ] || refused "no host device visible"
mknod /tmp/probe-disk b "\${dev%:*}" "\${dev#*:}" 2>/tmp/probe-err || refused "mknod: $(cat /tmp/probe-err)"
`;

export const PROBES: Probe[] = [
  {
    name: "write the host kernel's core_pattern through a fresh procfs",
    script: `
mkdir -p /tmp/probe-proc
mount -t proc proc /tmp/probe-proc 2>/tmp/probe-err || refused "mount proc: $(cat /tmp/probe-err)"
trap 'umount /tmp/probe-proc' EXIT
value=$(cat /tmp/probe-proc/sys/kernel/core_pattern)
# Writing back the value it already has proves the permission and changes nothing.
if printf '%s\\n' "$value" 2>/tmp/probe-err >/tmp/probe-proc/sys/kernel/core_pattern; then
  escaped "core_pattern is writable"
fi
refused "write: $(cat /tmp/probe-err)"`,
  },
  {
    name: 'mknod and read a host block device',
    script: `${hostDisk}
head -c 512 /tmp/probe-disk >/dev/null 2>/tmp/probe-err || { rm -f /tmp/probe-disk; refused "read: $(cat /tmp/probe-err)"; }
rm -f /tmp/probe-disk
escaped "read the host disk"`,
  },
  {
    name: "mount the host's disk (read-only)",
    script: `${hostDisk}
mkdir -p /tmp/probe-mnt
if mount -o ro /tmp/probe-disk /tmp/probe-mnt 2>/tmp/probe-err; then
  umount /tmp/probe-mnt; rm -f /tmp/probe-disk
  escaped "mounted the host disk"
fi
rm -f /tmp/probe-disk
refused "mount: $(cat /tmp/probe-err)"`,
  },
  {
    name: 'load a kernel module',
    // finit_module(-1, "", 0): EPERM without CAP_SYS_MODULE, EBADF (bad fd) with it.
    script: `
case $(uname -m) in x86_64) nr=313 ;; aarch64) nr=273 ;; *) refused "unknown architecture" ;; esac
errno=$(perl -e 'syscall('"$nr"', -1, "", 0); print $!+0')
[ "$errno" = 9 ] && escaped "finit_module got past the permission check (EBADF)"
refused "finit_module: errno $errno"`,
  },
  {
    name: "reach the host engine's socket or TCP port",
    script: `
for sock in $(find / \\( -path /proc -o -path /sys \\) -prune -o -type s -print 2>/dev/null); do
  curl -s --max-time 2 --unix-socket "$sock" http://engine/info 2>/dev/null | grep -q "$HOST_ENGINE_ID" &&
    escaped "host engine at $sock"
done
for port in 2375 2376; do
  curl -s --max-time 2 "http://$HOST_ADDR:$port/info" 2>/dev/null | grep -q "$HOST_ENGINE_ID" &&
    escaped "host engine at $HOST_ADDR:$port"
done
refused "no socket or port answers as the host engine"`,
  },
  {
    name: "reach another session's sandbox",
    script: `
ping -c1 -W2 "$OTHER_IP" >/dev/null 2>&1 && escaped "ping $OTHER_IP answered"
refused "$OTHER_IP does not answer"`,
  },
  {
    name: "reach the playground server's endpoints",
    script: `
code=$(curl -s -o /dev/null --max-time 3 -w '%{http_code}' "http://$HOST_ADDR:$SERVER_PORT/api/health")
[ "$code" = 200 ] && escaped "server answered on $HOST_ADDR:$SERVER_PORT"
refused "server unreachable (http $code)"`,
  },
  {
    name: 'push to the registry mirror',
    // Starting an upload is the first step of every push: 202 means pushes are accepted.
    script: `
code=$(curl -s -o /dev/null --max-time 3 -w '%{http_code}' -X POST "http://$REGISTRY/v2/escape-probe/blobs/uploads/")
[ "$code" = 202 ] && escaped "the registry accepted an upload"
refused "the registry refused an upload (http $code)"`,
  },
  {
    name: 'raise its own memory limit',
    script: `
mkdir -p /tmp/probe-cg
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  mount -t cgroup2 none /tmp/probe-cg 2>/tmp/probe-err || refused "mount: $(cat /tmp/probe-err)"; file=memory.max
else
  mount -t cgroup -o memory cgroup /tmp/probe-cg 2>/tmp/probe-err || refused "mount: $(cat /tmp/probe-err)"; file=memory.limit_in_bytes
fi
trap 'umount /tmp/probe-cg' EXIT
value=$(cat /tmp/probe-cg/$file)
printf '%s\\n' "$value" 2>/tmp/probe-err >/tmp/probe-cg/$file && escaped "its own $file is writable"
refused "write $file: $(cat /tmp/probe-err)"`,
  },
].map((p) => ({ ...p, script: `${verdict}${p.script}` }));
