#!/bin/bash
# SPDX-License-Identifier: MIT
# Build the libFuzzer harnesses of tests/fuzz/ (ASan + UBSan) and run each.
#   scripts/fuzz.sh [SECONDS]            each harness SECONDS (default 60),
#                                        random seed, corpus kept in
#                                        build/fuzz/corpus/ between runs
#   scripts/fuzz.sh --runs N [--seed S]  each harness N inputs from the seed
#                                        corpus alone, seed S (default 1):
#                                        the same run every time
# KTAP: one case per harness ("N executions, no crash"); a crash prints the
# reproducer's path and how to run it. Ends "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
seconds=60 runs='' seed=''
while (($#)); do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	[0-9]*) seconds=$1; shift ;;
	*) echo "usage: scripts/fuzz.sh [--runs N [--seed S]] [SECONDS]" >&2; exit 2 ;;
	esac
done
[[ -n $runs ]] && seed=${seed:-1}

out=$root/build/fuzz
harnesses=(tests/fuzz/fuzz_*.c)
echo "KTAP version 1"
echo "1..${#harnesses[@]}"
n=0 passed=0 failed=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then
		echo "ok $n - $2"
		passed=$((passed + 1))
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
finish() { echo "$passed passed, $failed failed"; ((failed == 0)); exit; }

if ! scripts/deps.sh fuzz >&2; then
	result 1 "clang and libFuzzer are installed (scripts/deps.sh fuzz)"
	finish
fi
if ! make -s -C tests/fuzz O="$out" >"$out.build.log" 2>&1; then
	result 1 "the fuzz harnesses build with clang -fsanitize=fuzzer,address,undefined"
	sed 's/^/# /' "$out.build.log" | tail -20
	finish
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
mkdir -p "$out/crashes" "$out/logs"
for src in "${harnesses[@]}"; do
	h=$(basename "$src" .c)
	name=${h#fuzz_}
	args=(-artifact_prefix="$out/crashes/$name-" -timeout=10 -print_final_stats=1)
	[[ $name == regions ]] && args+=(-max_len=8192) # names past VI_NAME_MAX
	if [[ -n $runs ]]; then
		# Only the seeds, into a scratch corpus: the same run every time.
		corpus=$(mktemp -d)
		args+=(-runs="$runs" -seed="$seed")
	else
		corpus=$out/corpus/$name
		mkdir -p "$corpus"
		args+=(-max_total_time="$seconds")
		[[ -n $seed ]] && args+=(-seed="$seed")
	fi
	log=$out/logs/$name.log
	start=$SECONDS
	"$out/$h" "${args[@]}" "$corpus" "tests/fuzz/corpus/$name" >"$log" 2>&1
	st=$?
	[[ -n $runs ]] && rm -rf "$corpus"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	used=$(sed -n 's/^INFO: Seed: //p' "$log" | head -1)
	crash=$(sed -n "s/.*Test unit written to //p" "$log" | tail -1)
	cov=$(sed -n 's/^#[0-9]*.*DONE *cov: \([0-9]*\) .*/\1/p' "$log" | tail -1)
	if ((st == 0)) && [[ -z $crash && -n $execs ]]; then
		result 0 "$h: $execs executions in $((SECONDS - start)) s (seed $used, ${cov:-?} edges covered), no crash"
		continue
	fi
	result 1 "$h: crashed or failed (exit $st) after $((SECONDS - start)) s (seed $used)"
	grep -m3 -E 'invariant broken|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error|SUMMARY' "$log" |
		cut -c1-400 | sed 's/^/# /'
	if [[ -n $crash ]]; then
		echo "# reproducer: $crash"
		echo "# run it again: $out/$h $crash"
	fi
	echo "# log: $log"
done
finish
