#!/bin/sh
# SPDX-License-Identifier: MIT
# The test run inside the VM. Prints KTAP; the host counts ok / not ok.
n=0
result() { # result PASS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "KTAP version 1"
echo "# kernel $(uname -r)"
insmod /lib/vasinfo/vasinfo.ko
loaded=$?
result $loaded "vasinfo.ko loads into $(uname -r)"
[ $loaded = 0 ] || exit 0
[ -c /dev/vasinfo ] && [ "$(stat -c %a /dev/vasinfo)" = 666 ]
result $? "/dev/vasinfo is a character device of mode 0666"

for t in /lib/vasinfo/tests/t_*; do
	"$t"
	"$t" --user 1000
done

# Unloading with a descriptor open is refused; after closing, it works.
exec 3</dev/vasinfo
if rmmod vasinfo 2>/dev/null; then busy=1; else busy=0; fi
[ $busy = 0 ] && [ -c /dev/vasinfo ]
result $? "rmmod refused while /dev/vasinfo is open"
exec 3<&-
rmmod vasinfo
result $? "rmmod vasinfo"
[ ! -e /dev/vasinfo ]
result $? "/dev/vasinfo gone after rmmod"
dmesg | grep -E 'BUG:|WARNING:|Oops|Call Trace|KASAN|circular locking' >/tmp/bad
[ ! -s /tmp/bad ]
result $? "kernel log has no BUG, WARNING, Oops or Call Trace"
sed 's/^/# /' /tmp/bad
