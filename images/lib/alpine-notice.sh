# The notice every alpine stand-in carries: an /etc/motd, shown by interactive shells (busybox
# sh reads $ENV), and an apk that explains itself. Source it after rootfs.sh, then:
#   add_alpine_notice ROOTFS "WHAT THE IMAGE IS"
# and give the image `ENV ENV=/etc/profile`.
add_alpine_notice() {
  local root=$1 what=$2
  cat >"$root/etc/motd" <<MOTD
This is the docker-playground's offline stand-in for ${what}: BusyBox and
Debian's packages, no apk and no internet. Packages cannot be installed here.
(Pengganti ${what} tanpa internet: apk tidak tersedia.)
MOTD
  cat >>"$root/etc/profile" <<'PROFILE'
[ -t 0 ] && [ -z "${PLAYGROUND_MOTD_SHOWN:-}" ] && cat /etc/motd && export PLAYGROUND_MOTD_SHOWN=1
PROFILE
  install -D -m 755 "$PLAYGROUND_ROOT/images/lib/apk.sh" "$root/sbin/apk"
}
