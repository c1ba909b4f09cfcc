#!/bin/sh
# Podman is not part of the playground's sandbox (see images/README.md); say so and point to
# docker, whose commands podman's mostly mirror.
cat >&2 <<MSG
podman: command not found: this sandbox runs Docker, not podman. Most podman commands work
the same with docker, e.g.:  docker $*
(podman tidak ada di sandbox ini; gunakan docker dengan perintah yang sama.)
MSG
exit 127
