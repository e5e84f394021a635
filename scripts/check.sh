#!/bin/bash
# SPDX-License-Identifier: MIT
# make check: install what is missing, run every test tier, count.
#   scripts/check.sh [TIER...]   tiers: host fuzz dkms vm-stock shell lab
#                                vm-debug kunit fuzz-long vm-fuzz (default:
#                                host fuzz dkms vm-stock shell lab vm-debug;
#                                vm-debug includes kunit; make fuzz runs the
#                                last two)
# Each tier prints KTAP ("ok N - ..." / "not ok N - ..."); a tier that
# cannot run at all counts as one failure. The last line is
# "N passed, N failed"; the exit status is non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
logs=$root/build/check
mkdir -p "$logs"
passed=0 failed=0

tier() { # tier NAME COMMAND...
	local name=$1 start=$SECONDS p f st
	shift
	echo "== $name"
	"$@" 2>"$logs/$name.err" | tee "$logs/$name.log"
	st=${PIPESTATUS[0]}
	p=$(grep -cE '^ok [0-9]+' "$logs/$name.log")
	f=$(grep -cE '^not ok [0-9]+' "$logs/$name.log")
	if ((p + f == 0)) || { ((st != 0)) && ((f == 0)); }; then
		echo "not ok - tier $name did not run (exit $st):"
		tail -15 "$logs/$name.err" | sed 's/^/#   /'
		f=$((f + 1))
	fi
	echo "== $name: $p passed, $f failed in $((SECONDS - start)) s"
	passed=$((passed + p))
	failed=$((failed + f))
}

host_unit() {
	make -s -C userspace O="$root/build/host" &&
		make -s -C labs O="$root/build/host" &&
		make -s -C tests O="$root/build/host" host || return 1
	local t st=0
	for t in "$root"/build/host/tests/test_*; do
		"$t" || st=1
	done
	tests/host/man.sh || st=1
	return $st
}

if ! scripts/deps.sh base >"$logs/deps.log" 2>&1; then
	tail -20 "$logs/deps.log"
	echo "make check: could not install the packages the tests need"
	echo "0 passed, 1 failed"
	exit 1
fi

wanted=("$@")
((${#wanted[@]})) || wanted=(host fuzz dkms vm-stock shell lab vm-debug)
for t in "${wanted[@]}"; do
	case $t in
	host) tier host host_unit ;;
	# A fixed slice of the libFuzzer harnesses: the same inputs every run.
	fuzz) tier fuzz scripts/fuzz.sh --runs "${FUZZ_RUNS:-200000}" --seed 1 ;;
	# make fuzz: each harness FUZZ_SECONDS, then t_fuzz in the VM
	# (FUZZ_KERNEL debug or stock) FUZZ_VM_SECONDS per uid, random seeds.
	fuzz-long) tier fuzz-long scripts/fuzz.sh "${FUZZ_SECONDS:-60}" ;;
	vm-fuzz) tier vm-fuzz env VASINFO_FUZZ_SECONDS="${FUZZ_VM_SECONDS:-300}" \
		tests/vm/tier.sh "${FUZZ_KERNEL:-debug}" fuzz ;;
	dkms) tier dkms tests/host/dkms.sh ;;
	vm-stock) tier vm-stock tests/vm/tier.sh stock test ;;
	# make shell, driven through tmux as a person would.
	shell) tier shell tests/host/shell.sh ;;
	# docs/lab.md: every step still runs, and the sheet is what lab.sh made.
	lab) tier lab scripts/lab.sh --check ;;
	# KUnit, then the integration tests, under KASAN, lockdep, kmemleak.
	vm-debug) tier vm-debug tests/vm/tier.sh debug test ;;
	kunit) tier kunit tests/vm/tier.sh debug kunit ;;
	*) echo "check.sh: unknown tier '$t'" >&2; exit 2 ;;
	esac
done

echo
echo "$passed passed, $failed failed"
((failed == 0))
