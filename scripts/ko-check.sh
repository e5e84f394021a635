#!/bin/bash
# SPDX-License-Identifier: MIT
# What a built vasinfo.ko holds, checked.
#   scripts/ko-check.sh KO           a normal build: it exports no symbol
#                                    and holds no test code (no KUnit
#                                    suite, no use of KUnit, nothing of
#                                    tests/kunit/, no "test" modinfo)
#   scripts/ko-check.sh --kunit KO   a test build (make VASINFO_KUNIT=1):
#                                    it exports nothing either, and holds
#                                    the suites and what runs them
# KO may be compressed (.xz, .zst, .gz), as dkms may leave it. Prints what
# is wrong, one line each; the exit status is 1 if anything is.
set -uo pipefail
kunit=0
[[ ${1:-} == --kunit ]] && { kunit=1; shift; }
ko=${1:?usage: ko-check.sh [--kunit] KO}
[[ -r $ko ]] || { echo "no module at $ko"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $ko in
*.xz) xz -dc "$ko" >"$tmp/m.ko" ;;
*.zst) zstd -qdc "$ko" >"$tmp/m.ko" ;;
*.gz) gzip -dc "$ko" >"$tmp/m.ko" ;;
*) cp "$ko" "$tmp/m.ko" ;;
esac || { echo "cannot decompress $ko"; exit 1; }
m=$tmp/m.ko
bad=0
wrong() { echo "$*"; bad=1; }

# Sections, symbols (defined and undefined) and modinfo, once each.
objdump -h "$m" >"$tmp/sections" 2>/dev/null || { echo "objdump cannot read $ko"; exit 1; }
nm "$m" >"$tmp/syms" 2>/dev/null || { echo "nm cannot read $ko"; exit 1; }
test=$(modinfo -F test "$m" 2>/dev/null)

# An export is a __ksymtab* entry (modpost also lists it in Module.symvers).
exports=$(awk '$2 ~ /^__ksymtab/ && $3 !~ /^0+$/ { print $2 }' "$tmp/sections" |
	tr '\n' ' ')
[[ -z $exports ]] || wrong "exports symbols: non-empty sections $exports"
grep -E ' __(ksymtab|kstrtab|kcrctab)_' "$tmp/syms" >"$tmp/x" &&
	wrong "exports symbols: $(sed 's/.* __k[a-z]*tab_//' "$tmp/x" | sort -u | tr '\n' ' ')"

uses_kunit=$(grep -E '^ +U .*kunit' "$tmp/syms" | awk '{ print $2 }' | tr '\n' ' ')
if ((kunit)); then
	[[ $test == Y ]] || wrong "modinfo has no test=Y: not a test build"
	grep -q ' T vasinfo_kunit_run$' "$tmp/syms" ||
		wrong "no vasinfo_kunit_run: the suites are not linked in"
	grep -q ' U __kunit_test_suites_init$' "$tmp/syms" ||
		wrong "does not call __kunit_test_suites_init: the suites cannot run"
else
	[[ -z $test ]] || wrong "modinfo says test=$test: a test build"
	[[ -z $uses_kunit ]] || wrong "uses KUnit: $uses_kunit"
	grep -q '\.kunit_test_suites' "$tmp/sections" &&
		wrong "has a .kunit_test_suites section"
	grep -E ' [A-Za-z] (vasinfo_kunit_|vasinfo_test_|vasinfo_[a-z_]*_suite$)' "$tmp/syms" >"$tmp/x" &&
		wrong "holds test code: $(awk '{ print $3 }' "$tmp/x" | tr '\n' ' ')"
fi
exit $bad
