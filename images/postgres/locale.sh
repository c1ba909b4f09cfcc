#!/bin/sh
# initdb runs `locale -a` to create collations; this image has no locales besides C.
[ "$1" = -a ] && printf 'C\nPOSIX\n'
exit 0
