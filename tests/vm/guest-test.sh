#!/bin/sh
# SPDX-License-Identifier: MIT
# The test run inside the VM. Prints KTAP; the host counts ok / not ok.
n=0
result() { # result PASS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# run PROGRAM [ARG...]: its KTAP, as it prints it. Then a failure for an
# exit status above 1 (0: all passed, 1: some case failed and said so; a
# crash or a usage error leaves cases out) and for a count of results off
# its plan: tier.sh renumbers every line, so only here is a program's own
# "1..N" still beside its results.
run() {
	name="${1##*/}"
	[ $# -gt 1 ] && name="$name $(shift; echo "$*")"
	{
		"$@"
		echo $? >/tmp/run.st
		# What a program that stopped early left running would keep
		# this pipe open, and tee and the whole run waiting: end it.
		read -r me _ </proc/self/stat
		pipe=$(readlink "/proc/$me/fd/1")
		for p in /proc/[0-9]*; do
			[ "${p#/proc/}" != "$me" ] && [ "$(readlink "$p/fd/1" 2>/dev/null)" = "$pipe" ] &&
				kill -9 "${p#/proc/}" 2>/dev/null
		done
	} | tee /tmp/run.out
	st=$(cat /tmp/run.st)
	planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' /tmp/run.out | head -n 1)
	printed=$(grep -cE '^(not )?ok [0-9]+' /tmp/run.out)
	if [ "$st" -gt 1 ]; then
		result 1 "$name ended abnormally (exit status $st; planned ${planned:-no} cases, printed $printed)"
	elif [ -z "$planned" ]; then
		result 1 "$name printed no plan (1..N after its header)"
	elif [ "$planned" != "$printed" ]; then
		result 1 "$name planned $planned cases and printed $printed"
	fi
}

echo "KTAP version 1"
echo "# kernel $(uname -r)"
# Asked for on the debug kernel; if it is missing or off, that fails below.
kmemleak=
grep -q 'vasinfo.kmemleak=1' /proc/cmdline && kmemleak=/sys/kernel/debug/kmemleak
# Forget what boot left behind (find it, then mark it seen): only what
# happens from here on counts.
if [ -n "$kmemleak" ]; then
	if echo scan >$kmemleak && echo clear >$kmemleak; then st=0; else st=1; fi
	result $st "kmemleak is on and scans (nothing older than this run counts)"
fi
# The test build of vasinfo.ko (tier.sh debug) runs its KUnit suites
# while it loads; KTAP goes to the kernel log, from which each case is
# copied here.
kunit=
grep -q 'vasinfo.kunit=1' /proc/cmdline && [ -z "$VASINFO_FUZZ" ] && kunit=1
before=$(dmesg | wc -l)
insmod /lib/vasinfo/vasinfo.ko
loaded=$?
result $loaded "vasinfo.ko loads into $(uname -r)${kunit:+ and runs its KUnit suites}"
[ $loaded = 0 ] || exit 0
[ -c /dev/vasinfo ] && [ "$(stat -c %a /dev/vasinfo)" = 666 ]
result $? "/dev/vasinfo is a character device of mode 0666"

[ -n "$VASINFO_FUZZ" ] && echo "# fuzz: t_fuzz $VASINFO_FUZZ, as root and as uid 1000"
if [ -n "$kunit" ]; then
	# tier.sh wrote the cases the build holds (tests/kunit/cases.sh), one
	# "suite.case" a line; each is one result here, in the order it ran.
	# A skipped case proved nothing on a kernel we configured ourselves, a
	# suite whose init failed prints only its own "not ok" line, and a
	# case of the list that never ran, one not in it, one that ran twice
	# and a bail-out are failures too.
	dmesg | tail -n +$((before + 1)) | sed 's/^\[[^]]*\] //' |
		awk -v list=/lib/vasinfo/kunit-cases '
		BEGIN {
			while ((getline l < list) > 0)
				if (l != "") { want[l] = 1; order[++n] = l }
		}
		/# Subtest: vasinfo_/ { suite = $NF; cases = 0; next }
		/^    (not )?ok [0-9]+ / && suite {
			st = ($1 == "not") ? "FAIL" : "PASS"
			if (/# SKIP/) st = "FAIL"
			sub(/^ *(not )?ok [0-9]+ (- )?/, "")
			key = suite "." $1
			cases++
			if (!(key in want)) {
				print "FAIL kunit " key " ran, but the build has no such case"
				bad++
			} else if (key in seen) {
				print "FAIL kunit " key " ran twice"
				bad++
			} else {
				seen[key] = 1
				ran++
				print st " kunit " suite "." $0
			}
			next
		}
		/^(not )?ok [0-9]+ (- )?vasinfo_/ {
			suites++
			if (!cases) {
				print "FAIL kunit suite " $NF " ran no case (its init failed?)"
				bad++
			}
			suite = ""
		}
		/Bail out!/ { print "FAIL kunit bailed out: " $0; bad++ }
		/^    # .*(Expected|EXPECTATION|ASSERTION|at tests\/kunit)/ { print "DIAG " $0 }
		END {
			for (i = 1; i <= n; i++)
				if (!(order[i] in seen)) {
					print "FAIL kunit " order[i] " did not run"
					bad++
				}
			print "RAN " n + 0, ran + 0, suites + 0, bad + 0
		}' >/tmp/kunit
	while read -r st rest; do
		case $st in
		PASS) result 0 "$rest" ;;
		FAIL) result 1 "$rest" ;;
		DIAG) echo "# $rest" ;;
		RAN) ran=$rest ;;
		esac
	done </tmp/kunit
	# shellcheck disable=SC2086 # four numbers: want ran suites bad
	set -- $ran
	[ "$1" -gt 0 ] && [ "$2" = "$1" ] && [ "$4" = 0 ]
	result $? "exactly the $1 KUnit cases of the build ran ($2 of them, in $3 suites)"
fi

if [ -z "$VASINFO_ONLY_KUNIT" ]; then
# Swap on zram (from the kernel's own modules) and 2 MiB huge pages for the
# translation tests; the 1 GiB page is reserved on the command line.
for m in /lib/vasinfo/kmod/*.ko; do insmod "$m" 2>/dev/null; done
if [ -e /sys/block/zram0 ]; then
	echo 64M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
		swapon /dev/zram0
fi
grep -q zram0 /proc/swaps
result $? "swap on zram is active"
# Huge pages of the default size, the PMD's (2 MiB; 32 MiB with 16 KiB pages).
echo 8 >/proc/sys/vm/nr_hugepages
# The 1 GiB page (a PUD's with 4 KiB pages, contiguous PMDs' with 16 KiB):
# if boot could not set one aside, try now (CONFIG_CONTIG_ALLOC).
page_kb=$(awk '/^KernelPageSize:/ { print $2; exit }' /proc/self/smaps)
g=/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages
[ -w $g ] && [ "$(cat $g)" = 0 ] && echo 1 >$g
echo "# $page_kb KiB pages; hugepages:$(for h in /sys/kernel/mm/hugepages/hugepages-*; do
	[ "$(cat "$h/nr_hugepages")" = 0 ] || printf ' %s x %s' "$(cat "$h/nr_hugepages")" "${h##*hugepages-}"
done); THP $(cat /sys/kernel/mm/transparent_hugepage/enabled)"

if [ -n "$VASINFO_FUZZ" ]; then
	# make fuzz (guest-fuzz.sh): t_fuzz alone, for longer.
	# shellcheck disable=SC2086 # its options are words
	run /lib/vasinfo/tests/t_fuzz $VASINFO_FUZZ
	# shellcheck disable=SC2086
	run /lib/vasinfo/tests/t_fuzz --user 1000 $VASINFO_FUZZ
else
	for t in /lib/vasinfo/tests/t_*; do
		for who in "" "--user 1000"; do
			# shellcheck disable=SC2086 # who is zero or two words
			run "$t" $who
		done
	done
fi

fi # VASINFO_ONLY_KUNIT

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
if [ -n "$kmemleak" ]; then
	# kmemleak reports only objects older than 5 s; scan twice.
	sleep 6
	echo scan >$kmemleak && sleep 1 && echo scan >$kmemleak &&
		cat $kmemleak >/tmp/leaks && [ ! -s /tmp/leaks ]
	result $? "kmemleak: nothing leaked while the module was loaded, used and unloaded"
	head -60 /tmp/leaks | sed 's/^/# /'
fi
dmesg | grep -E 'BUG:|WARNING:|Oops|Call Trace|KASAN|circular locking|kmemleak: Kernel memory leak detector disabled' >/tmp/bad
[ ! -s /tmp/bad ]
result $? "kernel log has no BUG, WARNING, Oops or Call Trace"
sed 's/^/# /' /tmp/bad
