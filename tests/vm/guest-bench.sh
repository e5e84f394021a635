#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench, inside the VM: vasinfo against pagemap, PAGEMAP_SCAN and
# maps in one run of one kernel (tests/bench/bench.c), as root.
insmod /lib/vasinfo/vasinfo.ko || { echo "Bail out! vasinfo.ko does not load"; exit 1; }
echo "# kernel $(uname -r), $(nproc) CPUs, $(sed -n 's/^MemTotal: *//p' /proc/meminfo) RAM"
echo always >/sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null
/lib/vasinfo/bench "${VASINFO_BENCH_MIB:-256}"
