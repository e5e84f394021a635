#!/bin/bash
# SPDX-License-Identifier: MIT
# The KUnit cases a test build of vasinfo.ko holds, one "suite.case" a line:
# for every suite file the build linked in (tests/kunit/*_test.o in
# DIR/vasinfo.mod), its suite's .name and the KUNIT_CASE()s of its file.
#   tests/kunit/cases.sh DIR    DIR: the tree the module was built in (M=)
# tests/vm/tier.sh puts the list into the image; the guest checks that
# exactly these cases ran.
set -euo pipefail
dir=${1:?usage: cases.sh DIR}
die() { echo "cases.sh: $*" >&2; exit 1; }
[[ -r $dir/vasinfo.mod ]] || die "no $dir/vasinfo.mod: build the module there first"
files=0
for o in $(tr ' ' '\n' <"$dir/vasinfo.mod"); do
	[[ $o == *_test.o ]] || continue
	[[ $o == /* ]] || o=$dir/$o
	c=${o%.o}.c
	[[ -r $c ]] || die "no source $c for $o"
	suite=$(sed -n 's/^[[:space:]]*\.name = "\([a-z0-9_]*\)",$/\1/p' "$c")
	[[ -n $suite && $suite != *$'\n'* ]] || die "$c: not exactly one suite .name"
	# A parameterised case runs once per parameter: not counted here.
	! grep -q 'KUNIT_CASE_' "$c" || die "$c: only plain KUNIT_CASE() is counted"
	grep -o 'KUNIT_CASE([a-z0-9_]*)' "$c" | sed "s/^KUNIT_CASE(\(.*\))$/$suite.\1/"
	files=$((files + 1))
done
((files)) || die "no suite in $dir/vasinfo.mod: not a test build (VASINFO_KUNIT=1)?"
