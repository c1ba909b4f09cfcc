// The scripts a pane's exec runs in the sandbox. The learner is root there and can replace any
// program: whatever these find, only that learner's shell is affected, and the server treats
// the bytes that come back as hostile anyway.
import { awaitExited, readPid, readSmall } from '../engine/sandbox-shell.js';

/** Where each shell keeps its files: its pid (for Close), bash's exit status, dtach's socket. */
export const SHELL_DIR = '/run/playground-shells';

/** What a shell's id (a pane's id) may be: it names files and goes into scripts. */
export const SHELL_ID = /^[a-z0-9]{6,32}$/;

/** The exit status that means "no shell was started here, open a plain one instead". */
export const NO_RELAY = 93;

/**
 * The shell itself. `$0` is the shell's files' path: it records its pid there, and bash's exit
 * status beside it. Under dtach it first waits (at most 5 s) for its first client's size:
 * until then the master drops output, and the welcome text and first prompt would be lost;
 * the size arrives after the client is attached (dtach-packets.ts), and a plain shell has it
 * already. The welcome text is the image's, in the learner's language when it has it.
 */
export const INNER_SCRIPT =
  `{ echo $$ > "$0"; } 2>/dev/null; ` +
  `i=0; while [ "$(stty size 2>/dev/null)" = "0 0" ] && [ $i -lt 250 ]; do sleep 0.02; i=$((i+1)); done; ` +
  `m=/etc/motd.$PLAYGROUND_LANG; [ -f "$m" ] || m=/etc/motd; cat "$m" 2>/dev/null; ` +
  `bash -l; s=$?; echo $s > "$0.status"; exit $s`;

/**
 * The relay's pause after a flood's piece of output (see RELAY_PERL), in seconds: long enough
 * for a few of dtach's 4 KiB pieces to gather at flood speed (40-60 MiB/s here), far below
 * what a person sees. Measured with `npm run bench -- shells`.
 */
const FLOOD_PAUSE_S = 0.0003;

/**
 * A byte relay between the exec's pipes and dtach's socket, in the Perl every Debian image
 * has. Output is moved as it comes (the master sends raw bytes): spliced from the socket into
 * the exec's pipe in the kernel (no copy through Perl) where the pipe and syscall allow, else
 * read and written. After a read of at least one of dtach's 4 KiB pieces but under 32 KiB (a
 * flood it is keeping up with piece by piece) it waits FLOOD_PAUSE_S before the next, so the
 * flood moves on in fewer, larger pieces: every hop after it (Docker's exec stream, the
 * server's frames) costs per piece. The pause stays short of what dtach writes before it
 * waits for the socket (about 50 KiB: a unix socket is writable while three quarters of its
 * send buffer are free), so the master never stands still for it (1 ms did stall it).
 * Input is passed on in whole 10-byte packets only, at most 100 at a time and only when the
 * socket has room, so the master never reads half a packet and a master waiting to send
 * output never deadlocks with us. It reads no more output while the last is unwritten
 * (backpressure reaches the master) but keeps taking input (dtach's master itself reads it
 * once it may write again, which the server lets it do at a signal key: live-terminal.ts).
 * Exit 94: the socket did not answer.
 */
export const RELAY_PERL = `use Socket; use Fcntl; use Config;
socket(S, AF_UNIX, SOCK_STREAM, 0) && connect(S, pack_sockaddr_un($ARGV[0])) or exit 94;
fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK);
my ($i, $o, $s) = (fileno(STDIN), fileno(STDOUT), fileno(S));
my $splice = {'x86_64' => 275, 'aarch64' => 76}->{(split /-/, $Config{archname})[0]};
my ($in, $out, $full, $flood) = ('', '', 0, 0);
sub pull {
  my $n;
  if ($splice) {
    $n = syscall($splice, $s, 0, $o, 0, 65536, 3);
    if ($n < 0) { return $full = 1 if $!{EAGAIN} || $!{EINTR}; $splice = 0 }
  }
  if (!$splice) { $n = sysread(S, $out, 65536) // exit 0; push_out() }
  exit 0 if $n == 0;
  $flood = $n >= 4096 && $n < 32768;
}
sub push_out {
  my $n = syswrite(STDOUT, $out);
  if (defined $n) { substr($out, 0, $n, '') } elsif (!$!{EAGAIN} && !$!{EINTR}) { exit 0 }
}
while (1) {
  select(undef, undef, undef, ${FLOOD_PAUSE_S}) if $flood;
  $flood = 0;
  my ($r, $w) = ('', '');
  vec($r, $i, 1) = 1 if length($in) < 65536;
  if ($full || length $out) { vec($w, $o, 1) = 1 } else { vec($r, $s, 1) = 1 }
  vec($w, $s, 1) = 1 if length($in) >= 10;
  next unless select($r, $w, undef, undef) > 0;
  if (vec($w, $o, 1)) { $full = 0; push_out() if length $out }
  if (vec($w, $s, 1)) {
    my $n = syswrite(S, $in, length($in) < 1000 ? length($in) - length($in) % 10 : 1000);
    defined $n or exit 0;
    substr($in, 0, $n, '');
  }
  pull() if vec($r, $s, 1);
  if (vec($r, $i, 1)) { sysread(STDIN, $in, 65536, length $in) or exit 0 }
}`;

/**
 * The pane's exec, without a TTY: the shell runs under dtach in the sandbox, its socket named
 * after the pane, so it outlives this exec (a killed or restarted server) and the pane's next
 * exec attaches to the same shell. A socket nobody answers (its master gone) is replaced by a
 * new shell (the relay runs first, so a Perl that cannot run fails before a shell is started).
 * Without dtach or Perl (an operator's own image, or a learner who removed or broke them),
 * when dtach cannot start, or when the relay failed and no shell ended, it exits NO_RELAY,
 * and a server that has seen no output opens a plain shell (PLAIN_SHELL_SCRIPT): only that
 * learner loses the restart. The exec ends with bash's exit status. Absolute paths: a program
 * of the learner's earlier on the PATH is not taken. Arguments: the shell's id, columns, rows,
 * INNER_SCRIPT and RELAY_PERL.
 */
export const RELAY_SHELL_SCRIPT =
  `d=${SHELL_DIR}; mkdir -p $d 2>/dev/null; ` +
  `[ -x /usr/bin/dtach ] && [ -x /usr/bin/perl ] || exit ${NO_RELAY}; ` +
  `sock="$d/$1.sock"; pl=$5; relay() { /usr/bin/perl -e "$pl" "$sock"; }; ` +
  `relay; r=$?; if [ $r = 94 ]; then rm -f "$sock" "$d/$1.status"; ` +
  `/usr/bin/dtach -n "$sock" -E -z /bin/sh -c "$4" "$d/$1" >/dev/null 2>&1 || exit ${NO_RELAY}; ` +
  `relay; r=$?; fi; ` +
  `s=${readSmall('$d/$1.status')}; case $s in ''|*[!0-9]*) [ $r = 0 ] || exit ${NO_RELAY}; s=0;; esac; exit $s`;

/**
 * Ends the session whose leader is `$pid`, if that process is still the pane's shell (its
 * command line names the pane: a pid reused since, or one the learner wrote, is left alone).
 * Its shell is a session leader (dtach's pty, or the exec's TTY), and its jobs (background
 * ones too, even under nohup) stay in its session: SIGHUP first, as a closing terminal
 * would, then SIGKILL for whatever is still in the session; then it waits (at most 1 s) for
 * them to exit, so Close answers once they are gone.
 */
const endSession = (shellId: string) =>
  `{ [ -n "$pid" ] && grep -qaF -- "${shellId}" /proc/$pid/cmdline 2>/dev/null && ` +
  `{ pkill -HUP -s "$pid"; sleep 0.2; pkill -KILL -s "$pid"; ${awaitExited('pgrep -s "$pid"', 1)}; }; }`;

/**
 * The plain shell, with the exec's own TTY: sized before the shell starts, so the first prompt
 * is drawn at the pane's size (the exec resize API only works after start). An exec with a
 * TTY is not ended when its stream closes, so the pane's earlier shell (a server that
 * stopped or was killed left it; or one under dtach that can no longer be reached) is ended
 * first: one pane, one shell. The pid file names this shell before that, so a Close that
 * comes meanwhile ends this one rather than finding no shell. Same arguments.
 */
export const PLAIN_SHELL_SCRIPT =
  `d=${SHELL_DIR}; mkdir -p $d 2>/dev/null; ${readPid('$d/$1')}; ` +
  `{ echo $$ > "$d/$1"; } 2>/dev/null; rm -f "$d/$1.status"; [ "$pid" = $$ ] || ${endSession('$1')}; ` +
  `stty cols "$2" rows "$3" 2>/dev/null; exec /bin/sh -c "$4" "$d/$1"`;

/** Ends the shell of a pane and everything it started (see endSession). */
export function killSessionScript(shellId: string): string {
  const pidFile = `${SHELL_DIR}/${shellId}`;
  return `${readPid(pidFile)}; rm -f ${pidFile} ${pidFile}.status; ${endSession(shellId)}; exit 0`;
}
