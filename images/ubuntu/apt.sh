#!/bin/sh
# apt and apt-get for the playground's ubuntu stand-in: nothing to download, nothing installed.
cat >&2 <<MSG
$(basename "$0"): cannot ${1:-run}: this image is the playground's stand-in for Ubuntu (Debian's
bash and BusyBox), built offline. It has no package manager and no internet, so nothing can be
installed. Its commands: busybox --list. For other tools, use an image that has them.
(apt tidak tersedia: image ini pengganti Ubuntu tanpa internet.)
MSG
exit 100
