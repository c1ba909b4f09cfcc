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
//   HOST_BLOCK_DEV   major:minor of a host block device holding an ext4 file system
//                    (the test makes a loop device: on some hosts, a VM's own disk cannot
//                    be opened even by the host's root, which would prove nothing)
//   HOST_ADDR6       the host's IPv6 link-local address on the sandbox's network (no scope)
//   ORACLE_PORT      a service on the host that answers ORACLE_ANSWER to whoever reaches it:
//                    over TCP on IPv6, and over UDP on IPv4, where it sends ORACLE_ANSWER to
//                    the address and port named in the datagram (so a datagram from a forged
//                    source still gets its answer to the prober's real address)
//   ORACLE_ANSWER    what the oracle answers

export interface Probe {
  name: string;
  script: string;
  /**
   * The probe changes its own network namespace (addresses, IPv6), so its weakened run is
   * in a container on a bridge the host firewall does not cover, never on the host's network.
   */
  ownNetwork?: boolean;
}

const verdict = `
escaped() { echo "ESCAPED: $*"; exit 0; }
refused() { echo "REFUSED: $*"; exit 1; }
nr() { case $(uname -m) in x86_64) echo "$1" ;; aarch64) echo "$2" ;; *) refused "unknown architecture" ;; esac; }
# mount(2) and umount2(2) called directly, so only the kernel decides: util-linux's mount
# refuses on its own in some hosts' initial user namespace, which would hide the answer.
kmount() { perl -e 'my ($nr, $src, $dst, $type, $flags, $data) = @ARGV;
  syscall($nr + 0, $src, $dst, $type, $flags + 0, length($data // "") ? $data : 0) == 0 or die "$!\\n"' \
  "$(nr 165 40)" "$@"; }
kumount() { perl -e 'my ($nr, $dst) = @ARGV; syscall($nr + 0, $dst, 0) == 0 or die "$!\\n"' "$(nr 166 39)" "$1"; }
`;

/** A node for the host block device (by default the one holding the sandbox's /etc/hostname). */
const hostDisk = `
dev=\${HOST_BLOCK_DEV:-$(awk '$5 == "/etc/hostname" { print $3 }' /proc/self/mountinfo)}
[ -n "$dev" ] || refused "no host device visible"
rm -f /tmp/probe-disk
mknod /tmp/probe-disk b "\${dev%:*}" "\${dev#*:}" 2>/tmp/probe-err || refused "mknod: $(cat /tmp/probe-err)"
`;

export const PROBES: Probe[] = [
  {
    name: "write the host kernel's core_pattern through a fresh procfs",
    script: `
mkdir -p /tmp/probe-proc
kmount proc /tmp/probe-proc proc 0 2>/tmp/probe-err || refused "mount proc: $(cat /tmp/probe-err)"
trap 'kumount /tmp/probe-proc' EXIT
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
# MS_RDONLY: nothing is written to the device.
if kmount /tmp/probe-disk /tmp/probe-mnt ext4 1 2>/tmp/probe-err; then
  kumount /tmp/probe-mnt; rm -f /tmp/probe-disk
  escaped "mounted the host disk"
fi
rm -f /tmp/probe-disk
refused "mount: $(cat /tmp/probe-err)"`,
  },
  {
    name: 'load a kernel module',
    // finit_module(-1, "", 0): EPERM without CAP_SYS_MODULE, EBADF (bad fd) with it.
    script: `
errno=$(perl -e 'my ($nr, $args) = (shift, ""); syscall($nr + 0, -1, $args, 0); print $! + 0' "$(nr 313 273)")
[ "$errno" = 9 ] && escaped "finit_module got past the permission check (EBADF)"
if [ "$errno" = 38 ]; then
  # A kernel built without modules answers ENOSYS to everyone; then the question is
  # whether this shell holds CAP_SYS_MODULE in the host's (initial) user namespace.
  capeff=$(awk '/^CapEff/ { print $2 }' /proc/self/status)
  initial=$(awk '$1 == 0 && $2 == 0 && $3 == 4294967295' /proc/self/uid_map)
  [ $(( 0x$capeff >> 16 & 1 )) = 1 ] && [ -n "$initial" ] && escaped "holds CAP_SYS_MODULE on the host (kernel has no modules)"
  refused "no CAP_SYS_MODULE on the host (kernel has no modules)"
fi
refused "finit_module: errno $errno"`,
  },
  {
    name: "reach the host engine's socket or TCP port",
    script: `
for sock in $(find / \\( -path /proc -o -path /sys \\) -prune -o -name '*.sock' -print 2>/dev/null); do
  [ -S "$sock" ] || continue
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
    name: 'reach a host service over IPv6 link-local',
    ownNetwork: true,
    // Docker turns IPv6 off in the sandbox's network namespace, but root there may turn it on.
    script: `
dev=eth0
[ -n "$HOST_ADDR6" ] || refused "the host has no IPv6 address on this network"
# /proc/sys is read-only in a container; a fresh procfs of its own is not.
mkdir -p /tmp/probe-proc6
kmount proc /tmp/probe-proc6 proc 0 2>/tmp/probe-err || refused "mount proc: $(cat /tmp/probe-err)"
knob=/tmp/probe-proc6/sys/net/ipv6/conf/$dev/disable_ipv6
was=$(cat $knob)
trap 'echo "$was" >$knob; kumount /tmp/probe-proc6' EXIT
echo 0 2>/tmp/probe-err >$knob || refused "turn IPv6 on: $(cat /tmp/probe-err)"
for i in $(seq 50); do
  [ -n "$(ip -6 addr show dev $dev scope link -tentative)" ] && break; sleep 0.1
done
answer=$(curl -s -g --max-time 3 "http://[$HOST_ADDR6%$dev]:$ORACLE_PORT/")
[ "$answer" = "$ORACLE_ANSWER" ] && escaped "the host answered over IPv6 at $HOST_ADDR6"
refused "no answer over IPv6 from $HOST_ADDR6"`,
  },
  {
    name: 'reach a host service from a forged source address',
    ownNetwork: true,
    // 198.51.100.7 is a documentation address (TEST-NET-2): no answer to it may leave the machine,
    // and none is asked for: the oracle answers the real address named in the datagram.
    script: `
me=$(ip -4 -o addr show dev eth0 | awk '{ split($4, a, "/"); print a[1]; exit }')
ip addr add 198.51.100.7/32 dev eth0 2>/tmp/probe-err || refused "add address: $(cat /tmp/probe-err)"
trap 'ip addr del 198.51.100.7/32 dev eth0' EXIT
answer=$(perl -MIO::Socket::INET -e '
  my ($host, $port, $me) = @ARGV;
  my $in = IO::Socket::INET->new(Proto => "udp", LocalAddr => $me) or die "listen: $!\\n";
  my $out = IO::Socket::INET->new(Proto => "udp", LocalAddr => "198.51.100.7", PeerAddr => "$host:$port")
    or die "socket: $!\\n";
  $out->send("$me " . $in->sockport);
  my $ready = ""; vec($ready, fileno($in), 1) = 1;
  if (select($ready, undef, undef, 3)) { $in->recv(my $got, 100); print $got }' "$HOST_ADDR" "$ORACLE_PORT" "$me")
[ "$answer" = "$ORACLE_ANSWER" ] && escaped "a datagram from 198.51.100.7 reached the host"
refused "nothing from 198.51.100.7 reached the host"`,
  },
  {
    name: 'raise its own memory limit',
    script: `
mkdir -p /tmp/probe-cg
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  kmount none /tmp/probe-cg cgroup2 0 2>/tmp/probe-err || refused "mount: $(cat /tmp/probe-err)"; file=memory.max
else
  kmount cgroup /tmp/probe-cg cgroup 0 memory 2>/tmp/probe-err || refused "mount: $(cat /tmp/probe-err)"; file=memory.limit_in_bytes
fi
trap 'kumount /tmp/probe-cg' EXIT
value=$(cat /tmp/probe-cg/$file)
printf '%s\\n' "$value" 2>/tmp/probe-err >/tmp/probe-cg/$file && escaped "its own $file is writable"
refused "write $file: $(cat /tmp/probe-err)"`,
  },
].map((p) => ({ ...p, script: `${verdict}${p.script}` }));
