#!/bin/sh
# apk for the playground's alpine stand-ins. They are built offline from Debian's packages
# with BusyBox, so there is no package manager and nothing to download: say so plainly. A
# package whose command is already here (wget, nc, vi, ...) is reported as present.
cmd=${1:-}
[ $# -gt 0 ] && shift
missing=
for arg in "$@"; do
  case $arg in
    -*) ;;
    *) command -v "$arg" >/dev/null 2>&1 || missing="$missing $arg" ;;
  esac
done
case $cmd in
  add)
    if [ -z "$missing" ]; then
      echo "apk: nothing to install: this image already has what was asked for (offline stand-in, see /etc/motd)"
      exit 0
    fi
    ;;
  info | --version | -V)
    echo "apk: none: this image is the playground's offline stand-in for Alpine (see /etc/motd)"
    exit 0
    ;;
esac
cat >&2 <<MSG
apk: cannot ${cmd:-run}${missing}: this image is the playground's stand-in for Alpine Linux,
built offline from Debian's packages with BusyBox. It has no package manager and no internet,
so nothing can be installed. Its commands: busybox --list. For other tools, use an image
that has them (the playground lists its images when a pull fails).
(apk tidak tersedia: image ini pengganti Alpine tanpa internet; paket tidak bisa dipasang.)
MSG
exit 1
