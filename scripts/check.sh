#!/bin/bash
# SPDX-License-Identifier: MIT
# make check: install what is missing, run every test tier, count.
#   scripts/check.sh [TIER...]   tiers: lint host fuzz dkms vm-stock
#                                vm-arm64 vm-arm64-16k shell lab vm-debug
#                                vm-debug-6.12 kunit kunit-6.12 deb distro
#                                fuzz-long vm-fuzz matrix
#                                (default: lint host fuzz dkms deb vm-stock
#                                vm-arm64 vm-arm64-16k shell lab vm-debug
#                                vm-debug-6.12 distro;
#                                vm-debug includes kunit, vm-debug-6.12
#                                kunit-6.12; distro uses deb's packages; make
#                                fuzz runs fuzz-long and vm-fuzz; make matrix
#                                runs matrix)
# Each tier prints KTAP ("ok N - ..." / "not ok N - ..."; "ok N - ... # SKIP
# why" is skipped, not passed). A program whose plan ("1..N") its results
# do not match, and a tier that cannot run at all, count as one failure
# each. The last line is "N passed, N failed, N skipped"; the exit status
# is non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
logs=$root/build/check
mkdir -p "$logs"
passed=0 failed=0 skipped=0

# count LOG: the results of a tier's KTAP, one document per "KTAP version"
# line (a tier may run several programs). Prints a "not ok" line for each
# document whose count is not its plan's, then "PASSED FAILED SKIPPED",
# those documents counted as failed. Only unindented lines count: nested
# KTAP belongs to its parent's result.
count() {
	awk '
	function end_document(  what) {
		what = name == "" ? "a test program" : name
		if (plans > 1) {
			printf "not ok - %s printed %d plans\n", what, plans
			f++
		} else if (plans && plan != results) {
			printf "not ok - %s planned %d cases and printed %d: it stopped short or ran on\n",
				what, plan, results
			f++
		}
		plans = 0; results = 0; name = ""
	}
	/^K?TAP version [0-9]+$/ { end_document(); next }
	/^# suite: / && name == "" { name = "suite " substr($0, 10) }
	/^1\.\.[0-9]+( |$)/ { plans++; plan = substr($1, 4) + 0; next }
	/^(not )?ok [0-9]+/ {
		results++
		# The directive starts at the first "#"; SKIP counts whether
		# the line says ok or not ok (ktap.rst).
		if ($0 ~ /^[^#]*# SKIP([^A-Za-z0-9_]|$)/) s++
		else if ($1 == "not") f++
		else p++
	}
	END { end_document(); print p + 0, f + 0, s + 0 }
	' "$1"
}

tier() { # tier NAME COMMAND...
	local name=$1 start=$SECONDS p f s st counts
	shift
	echo "== $name"
	"$@" 2>"$logs/$name.err" | tee "$logs/$name.log"
	st=${PIPESTATUS[0]}
	counts=$(count "$logs/$name.log")
	sed '$d' <<<"$counts"
	read -r p f s <<<"${counts##*$'\n'}"
	if ((p + f + s == 0)) || { ((st != 0)) && ((f == 0)); }; then
		echo "not ok - tier $name did not run (exit $st):"
		tail -15 "$logs/$name.err" | sed 's/^/#   /'
		f=$((f + 1))
	fi
	echo "== $name: $p passed, $f failed, $s skipped in $((SECONDS - start)) s"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
}

host_unit() {
	make -s -C userspace O="$root/build/host" &&
		make -s -C labs O="$root/build/host" &&
		make -s -C tests O="$root/build/host" host || return 1
	local t rc st=0
	for t in "$root"/build/host/tests/test_*; do
		"$t"
		rc=$?
		((rc == 0)) || st=1
		# 1: a case failed and said so. Anything else (a crash, a
		# signal, an exit()) left cases out: that is a failure too.
		((rc <= 1)) || printf 'KTAP version 1\n1..1\nnot ok 1 - %s ended abnormally (exit status %d)\n' "${t##*/}" "$rc"
	done
	tests/host/man.sh || st=1
	tests/host/lib.sh || st=1
	tests/host/completion.sh || st=1
	tests/host/version.sh || st=1
	return $st
}

# dkms from the tree, and make install / uninstall into a DESTDIR: both
# build the module against the installed stock headers.
dkms_tier() {
	local st=0
	tests/host/dkms.sh || st=1
	tests/host/install.sh || st=1
	return $st
}

if ! scripts/deps.sh base >"$logs/deps.log" 2>&1; then
	tail -20 "$logs/deps.log"
	echo "make check: could not install the packages the tests need"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi

wanted=("$@")
((${#wanted[@]})) || wanted=(lint host fuzz dkms deb vm-stock vm-arm64 vm-arm64-16k shell lab vm-debug vm-debug-6.12 distro)
for t in "${wanted[@]}"; do
	case $t in
	# checkpatch, sparse, kernel-doc, clang-format, shellcheck.
	lint) tier lint scripts/lint.sh ;;
	host) tier host host_unit ;;
	# A fixed slice of the libFuzzer harnesses: the same inputs every run.
	fuzz) tier fuzz scripts/fuzz.sh --runs "${FUZZ_RUNS:-200000}" --seed 1 ;;
	# make fuzz: each harness FUZZ_SECONDS, then t_fuzz in the VM
	# (FUZZ_KERNEL debug or stock) FUZZ_VM_SECONDS per uid, random seeds.
	fuzz-long) tier fuzz-long scripts/fuzz.sh "${FUZZ_SECONDS:-60}" ;;
	vm-fuzz) tier vm-fuzz env VASINFO_FUZZ_SECONDS="${FUZZ_VM_SECONDS:-300}" \
		tests/vm/tier.sh "${FUZZ_KERNEL:-debug}" fuzz ;;
	dkms) tier dkms dkms_tier ;;
	# make deb, lintian, and what the packages hold, unpacked.
	deb) tier deb tests/host/deb.sh ;;
	# The packages in a real Debian 12 system: apt, dkms, modprobe, udev,
	# a kernel upgrade, purge; then the source route (tests/distro/).
	distro) tier distro tests/distro/run.sh ;;
	vm-stock) tier vm-stock tests/vm/tier.sh stock test ;;
	# The same suite on Debian's arm64 6.1 (4 KiB pages), cross-built,
	# under qemu-system-aarch64.
	vm-arm64) tier vm-arm64 tests/vm/tier.sh debian:6.1-arm64 test ;;
	# And on Debian 12's 6.12 arm64 kernel with 16 KiB pages (32 MiB THP).
	vm-arm64-16k) tier vm-arm64-16k tests/vm/tier.sh debian:6.12-arm64-16k test ;;
	# make shell, driven through tmux as a person would.
	shell) tier shell tests/host/shell.sh ;;
	# docs/lab.md: every step still runs, and the sheet is what lab.sh made.
	lab) tier lab scripts/lab.sh --check ;;
	# KUnit, then the integration tests, under KASAN, lockdep, kmemleak.
	vm-debug) tier vm-debug tests/vm/tier.sh debug test ;;
	kunit) tier kunit tests/vm/tier.sh debug kunit ;;
	# The same on a debug kernel from 6.12: the RCU-protected PTE read
	# (6.5+) and per-CPU RSS counters (6.2+) under lockdep and KASAN.
	vm-debug-6.12) tier vm-debug-6.12 tests/vm/tier.sh debug:6.12 test ;;
	kunit-6.12) tier kunit-6.12 tests/vm/tier.sh debug:6.12 kunit ;;
	# The vm-stock tier on each of Debian's 5.10, 6.1, 6.12 and 7.2, the
	# module built by each kernel's own toolchain: one line per kernel.
	matrix) tier matrix scripts/matrix.sh ;;
	*) echo "check.sh: unknown tier '$t'" >&2; exit 2 ;;
	esac
done

echo
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
