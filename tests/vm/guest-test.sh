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

# Swap on zram (from the kernel's own modules) and 2 MiB huge pages for the
# translation tests; the 1 GiB page is reserved on the command line.
for m in /lib/vasinfo/kmod/*.ko; do insmod "$m" 2>/dev/null; done
if [ -e /sys/block/zram0 ]; then
	echo 64M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
		swapon /dev/zram0
fi
grep -q zram0 /proc/swaps
result $? "swap on zram is active"
echo 8 >/proc/sys/vm/nr_hugepages
echo "# hugepages: $(cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages) x 2 MiB, $(cat /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages 2>/dev/null) x 1 GiB; THP $(cat /sys/kernel/mm/transparent_hugepage/enabled)"

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
