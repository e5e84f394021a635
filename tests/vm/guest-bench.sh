#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench, inside the VM: vasinfo against pagemap, PAGEMAP_SCAN and
# maps in one run of one kernel (tests/bench/bench.c), as root, with the
# scaling rows up to the largest size the VM's memory allows. With
# vasinfo.perf=ROW on the command line (make bench-profile), the rows
# named ROW (+ for spaces) run under perf instead, and its profile is
# printed; with vasinfo.row=ROW (make bench ROW=...) only those rows run.
insmod /lib/vasinfo/vasinfo.ko || { echo "Bail out! vasinfo.ko does not load"; exit 1; }
echo "# kernel $(uname -r), $(nproc) CPUs, $(sed -n 's/^MemTotal: *//p' /proc/meminfo) RAM"
echo always >/sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null
mib=${VASINFO_BENCH_MIB:-256}
# The scaling rows' largest size, a power of two: two regions of it
# (4 KiB pages and THPs) in what the VM has free (MemAvailable, beside
# the boot-time 1 GiB page), keeping 768 MiB for the rest (the target
# child's own 256 MiB among it).
avail=$(($(sed -n 's/^MemAvailable: *\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024))
max=$mib
while [ $((4 * max + 768)) -le "$avail" ]; do max=$((2 * max)); done
perf_row=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^vasinfo\.perf=//p' | tr + ' ')
row=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^vasinfo\.row=//p' | tr + ' ')
if [ -z "$perf_row" ]; then
	if [ -n "$row" ]; then
		/lib/vasinfo/bench "$mib" "$mib" "$row"
	else
		/lib/vasinfo/bench "$mib" "$max"
	fi
	exit 0
fi
command -v perf >/dev/null || { echo "Bail out! no perf in the image"; exit 1; }
echo 0 >/proc/sys/kernel/kptr_restrict
echo -1 >/proc/sys/kernel/perf_event_paranoid
perf record -q -e cpu-clock -F 4000 -g -o /tmp/perf.data \
	/lib/vasinfo/bench "$mib" "$mib" "$perf_row" 200
perf report -i /tmp/perf.data --stdio --no-children --sort sym \
	--percent-limit 0.1 -g none 2>/dev/null | grep -v '^$'
