#!/bin/bash
# SPDX-License-Identifier: MIT
# make matrix: the whole vm-stock tier (tests/vm/tier.sh debian:KERNEL test:
# every t_* program as root and as a user, the console scans) on each of
# Debian's kernels, one KTAP line per kernel with its counts.
#   scripts/matrix.sh [KERNEL...]   default: scripts/debian-kernel.sh series amd64
#                                   (5.10, 6.1, 6.12, 7.2)
#   ok 3 - 6.12.117+deb12-amd64: 495 passed, 0 failed, 0 skipped in 84 s
#   not ok 4 - 7.2: 0 passed, 1 failed (fetch: <why>)
# Each failed case follows its kernel's line as a "# " line. A kernel that
# cannot be fetched, built or booted is "not ok" with the reason, never a
# skip. Logs: build/matrix-vm/SERIES.{log,err}, the VM's in build/vm-KVER-test.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
out=$root/build/matrix-vm
mkdir -p "$out"

kernels=("$@")
((${#kernels[@]})) || mapfile -t kernels < <(scripts/debian-kernel.sh series amd64)
# pahole (module BTF), gcc-12 (5.10), debootstrap's wget and gpgv (7.2)
deps=
scripts/deps.sh matrix >&2 || deps="scripts/deps.sh matrix failed"

echo "KTAP version 1"
echo "1..${#kernels[@]}"
n=0 failed=0
for k in "${kernels[@]}"; do
	n=$((n + 1))
	if [[ -n $deps ]]; then
		echo "not ok $n - $k: $deps"
		failed=$((failed + 1))
		continue
	fi
	start=$SECONDS
	tests/vm/tier.sh "debian:$k" test >"$out/$k.log" 2>"$out/$k.err"
	st=$?
	secs=$((SECONDS - start))
	# Results of the tier: "ok"/"not ok", "# SKIP" skipped either way.
	read -r p f s < <(awk '
		/^(not )?ok [0-9]+/ {
			if ($0 ~ /^[^#]*# SKIP([^A-Za-z0-9_]|$)/) s++
			else if ($1 == "not") f++
			else p++
		}
		END { print p + 0, f + 0, s + 0 }' "$out/$k.log")
	kver=$(sed -n 's/^# harness: .* kernel \(.*\)$/\1/p' "$out/$k.log")
	what="${kver:-$k}: $p passed, $f failed, $s skipped in $secs s"
	if ((f == 0 && p > 0 && st == 0)); then
		echo "ok $n - $what"
	else
		failed=$((failed + 1))
		if ((f == 0)); then
			echo "not ok $n - $what; the tier did not run (exit $st)"
			tail -n 5 "$out/$k.err" | sed 's/^/# /'
		else
			echo "not ok $n - $what"
		fi
	fi
	grep -E '^not ok [0-9]+' "$out/$k.log" | sed 's/^/#   /'
done
echo "# $((n - failed)) passed, $failed failed"
((failed == 0))
