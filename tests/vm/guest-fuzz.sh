#!/bin/sh
# SPDX-License-Identifier: MIT
# The fuzz run inside the VM (tests/vm/tier.sh KIND fuzz): only t_fuzz, as
# root and as uid 1000, for vasinfo.fuzz_seconds= each with the seed
# vasinfo.fuzz_seed= from the kernel command line. Prints KTAP.
n=0
result() { # result PASS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

seed=1
seconds=60
# shellcheck disable=SC2013 # the command line is words
for w in $(cat /proc/cmdline); do
	case $w in
	vasinfo.fuzz_seed=*) seed=${w#vasinfo.fuzz_seed=} ;;
	vasinfo.fuzz_seconds=*) seconds=${w#vasinfo.fuzz_seconds=} ;;
	esac
done

echo "KTAP version 1"
echo "# kernel $(uname -r); fuzz seed $seed, $seconds s as root and $seconds s as uid 1000"
kmemleak=/sys/kernel/debug/kmemleak
grep -q 'vasinfo.kmemleak=1' /proc/cmdline && [ -w $kmemleak ] || kmemleak=
if [ -n "$kmemleak" ]; then
	echo scan >$kmemleak
	echo clear >$kmemleak
fi
insmod /lib/vasinfo/vasinfo.ko
loaded=$?
result $loaded "vasinfo.ko loads into $(uname -r)"
[ $loaded = 0 ] || exit 0

# Swap on zram, so that the mutating children's MADV_PAGEOUT makes swap
# entries for the walks to meet.
for m in /lib/vasinfo/kmod/*.ko; do insmod "$m" 2>/dev/null; done
if [ -e /sys/block/zram0 ]; then
	echo 64M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
		swapon /dev/zram0
fi
echo 8 >/proc/sys/vm/nr_hugepages

/lib/vasinfo/tests/t_fuzz --seed "$seed" --seconds "$seconds"
/lib/vasinfo/tests/t_fuzz --user 1000 --seed "$seed" --seconds "$seconds"

rmmod vasinfo
result $? "rmmod vasinfo after fuzzing"
if [ -n "$kmemleak" ]; then
	sleep 6
	echo scan >$kmemleak
	sleep 1
	echo scan >$kmemleak
	cat $kmemleak >/tmp/leaks
	[ ! -s /tmp/leaks ]
	result $? "kmemleak: nothing leaked while the module was fuzzed and unloaded"
	head -60 /tmp/leaks | sed 's/^/# /'
fi
dmesg | grep -E 'BUG:|WARNING:|Oops|Call Trace|KASAN|circular locking' >/tmp/bad
[ ! -s /tmp/bad ]
result $? "kernel log has no BUG, WARNING, Oops or Call Trace"
sed 's/^/# /' /tmp/bad
