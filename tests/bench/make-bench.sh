#!/bin/bash
# SPDX-License-Identifier: MIT
# make bench: tests/bench/bench.c in one VM on the stock kernel (Debian's
# 6.1) and in one on Debian's 6.12 (where PAGEMAP_SCAN and PROCMAP_QUERY
# exist), each run's output on stdout and in build/bench-KERNEL.txt, then
# the scaling rows of both drawn by tests/bench/plot.sh into
# build/bench-scaling.svg (docs/performance-scaling.svg is one of these).
# Figures only: the exit status says whether the VMs ran, not how fast.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
mkdir -p build
st=0 outs=()
for k in stock 6.12; do
	out=build/bench-$k.txt
	echo "## make bench: the $k kernel"
	if [[ $k == stock ]]; then
		VASINFO_KERNEL='' tests/vm/tier.sh stock bench | tee "$out"
	else
		VASINFO_KERNEL=$k tests/vm/tier.sh stock bench | tee "$out"
	fi
	[[ ${PIPESTATUS[0]} == 0 ]] || st=1
	outs+=("$out")
done
# make bench ROW=...: some rows only, maybe no scaling rows to draw.
[[ -n ${VASINFO_BENCH_ROW:-} ]] && exit $st
if tests/bench/plot.sh "${outs[@]}" >build/bench-scaling.svg; then
	echo "## the scaling rows drawn: build/bench-scaling.svg"
else
	st=1
fi
exit $st
