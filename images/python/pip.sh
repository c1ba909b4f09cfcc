#!/bin/sh
# pip, saying why an install failed: this image has no internet, so only what is vendored
# installs (python -m pip works too, without this note).
python3 -m pip "$@"
status=$?
if [ "$status" -ne 0 ] && [ "${1:-}" = install ]; then
  cat >&2 <<MSG

pip: this playground's python image works offline. Installed already: flask, redis,
requests (and what they need); wheels in /usr/local/share/python-wheels install too.
Nothing else can be downloaded here.
(Image python ini tanpa internet: hanya paket di atas yang tersedia.)
MSG
fi
exit "$status"
