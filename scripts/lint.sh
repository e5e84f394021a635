#!/bin/bash
# SPDX-License-Identifier: MIT
# make check's lint tier: the kernel's own checkers on the kernel code, and
# the shell scripts through shellcheck. KTAP, one line per checker and file:
#   checkpatch.pl --strict   module/, the UAPI header, tests/kunit/; the
#                            checks left are named, with reasons, in
#                            scripts/checkpatch.allow
#   sparse (C=2)             the module against Debian's headers, no warning;
#                            and a planted __user dereference in a scratch
#                            copy must be reported, so a sparse that stops
#                            early (as __has_include once made it) fails here
#   kernel-doc -none -v      no warning, and every non-static function of
#                            module/ has a kernel-doc comment
#   clang-format --dry-run   the kernel's .clang-format, module/ and KUnit
#   the shell scripts        scripts/lint-shell.sh (shellcheck)
# The checkers come from linux-source-6.1 (checkpatch.pl, kernel-doc,
# .clang-format), extracted once into ${XDG_CACHE_HOME:-~/.cache}/vasinfo/lint.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
out=$root/build/lint
cache=${XDG_CACHE_HOME:-$HOME/.cache}/vasinfo/lint
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
diag() { sed 's/^/# /'; }

echo "KTAP version 1"
scripts/deps.sh base lint >&2 || { echo "not ok 1 - lint: the checkers install"; exit 1; }
mkdir -p "$out"

# The kernel's checkers, from the source package of the kernel we build on.
ksrc=$cache/linux-source-6.1
if [[ ! -x $ksrc/scripts/checkpatch.pl ]]; then
	rm -rf "$cache.tmp" && mkdir -p "$cache.tmp"
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$cache.tmp" \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch \
		linux-source-6.1/scripts/kernel-doc \
		linux-source-6.1/.clang-format &&
		mkdir -p "$cache" && rm -rf "$ksrc" &&
		mv "$cache.tmp/linux-source-6.1" "$ksrc"
	rm -rf "$cache.tmp"
fi
[[ -x $ksrc/scripts/checkpatch.pl ]]
result $? "the kernel's checkpatch.pl, kernel-doc and .clang-format (linux-source-6.1)"
[[ -x $ksrc/scripts/checkpatch.pl ]] || exit 1

kernel_c=(module/*.c module/*.h module/arch/*.h)
kunit_c=()
for f in tests/kunit/*.c tests/kunit/*.h; do
	[[ -e $f ]] && kunit_c+=("$f")
done

# --- checkpatch ---
allowed_types() { # the types scripts/checkpatch.allow allows for FILE
	awk -v f="$1" '!/^#/ && NF >= 2 && $1 == f { printf "%s%s", sep, $2; sep = "," }' \
		scripts/checkpatch.allow
}
for f in "${kernel_c[@]}" include/vasinfo.h "${kunit_c[@]}"; do
	ignore=$(allowed_types "$f")
	msgs=$("$ksrc/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
		--no-summary ${ignore:+--ignore "$ignore"} -f "$f" 2>&1)
	[[ -z $msgs ]]
	result $? "checkpatch --strict $f${ignore:+ (allowed: $ignore)}"
	[[ -n $msgs ]] && head -20 <<<"$msgs" | diag
done
# An allow-list entry for a check that no longer fires is stale.
stale=$(awk '!/^#/ && NF >= 2 { print $1, $2 }' scripts/checkpatch.allow |
	while read -r f t; do
		[[ -e $f ]] || { echo "$f: no such file"; continue; }
		[[ -n $("$ksrc/scripts/checkpatch.pl" --strict --no-tree --terse \
			--show-types --no-summary --types "$t" -f "$f" 2>&1 </dev/null) ]] ||
			echo "$f $t: no longer reported"
	done)
[[ -z $stale ]]
result $? "scripts/checkpatch.allow lists only checks that fire"
[[ -n $stale ]] && diag <<<"$stale"

# --- sparse, on the real module and on one with a planted mistake ---
kver=$(scripts/stock-kernel.sh) || exit 1
kdir=/usr/src/linux-headers-$kver
scripts/build-module.sh "$kdir" "$out/sparse" C=2 >/dev/null 2>&1
st=$?
msgs=$(grep -E '(warning|error):' "$out/sparse/build.log")
[[ $st == 0 && -z $msgs ]] && grep -q 'CHECK.*module/walk.c' "$out/sparse/build.log"
result $? "sparse (C=2) checks every module file against $kver with no warning"
[[ -n $msgs ]] && head -20 <<<"$msgs" | diag

plant=$out/sparse-planted
rm -rf "$plant" && mkdir -p "$plant"
cp -r Kbuild module include "$plant/"
cat >>"$plant/module/walk.c" <<'EOF'

int vasinfo_lint_planted(int __user *p);
int vasinfo_lint_planted(int __user *p)
{
	return *p;
}
EOF
make -C "$kdir" M="$plant" C=2 modules >"$plant/build.log" 2>&1
grep -q 'walk.c:[0-9:]* warning: dereference of noderef expression' "$plant/build.log"
result $? "sparse reports a __user pointer dereferenced in a scratch copy of walk.c"

# --- kernel-doc ---
msgs=$(perl "$ksrc/scripts/kernel-doc" -none -v "${kernel_c[@]}" "${kunit_c[@]}" 2>&1 |
	grep -E 'warning|error')
[[ -z $msgs ]]
result $? "kernel-doc -none -v: no warning in module/ and tests/kunit/"
[[ -n $msgs ]] && head -20 <<<"$msgs" | diag
# Functions other files call: a definition at column 0 that is not static.
missing=$(for f in module/*.c "${kunit_c[@]}"; do
	[[ $f == *.c ]] || continue
	grep -oE '^[a-z][a-z_ 0-9*]*[ *]([a-z][a-z0-9_]*)\(' "$f" | grep -v '^static' |
		sed -E 's/.*[ *]([a-z][a-z0-9_]*)\($/\1/' | while read -r fn; do
		grep -qE "^ \* $fn - " "$f" || echo "$f: $fn"
	done
done)
[[ -z $missing ]]
result $? "every non-static function has a kernel-doc comment"
[[ -n $missing ]] && diag <<<"$missing"

# --- clang-format, with the kernel's style ---
for f in "${kernel_c[@]}" "${kunit_c[@]}"; do
	msgs=$(clang-format --style="file:$ksrc/.clang-format" --dry-run "$f" 2>&1)
	[[ -z $msgs ]]
	result $? "clang-format (the kernel's .clang-format) $f"
	[[ -n $msgs ]] && head -10 <<<"$msgs" | diag
done

# --- shell scripts: shellcheck, one case per script ---
if [[ -x scripts/lint-shell.sh ]]; then
	while IFS= read -r line; do
		if [[ $line =~ ^(not\ )?ok\ [0-9]+\ -\ (.*)$ ]]; then
			st=0
			[[ -n ${BASH_REMATCH[1]} ]] && st=1
			result $st "${BASH_REMATCH[2]}"
		elif [[ $line == '# '* ]]; then
			echo "$line"
		fi
	done < <(scripts/lint-shell.sh)
else
	result 1 "scripts/lint-shell.sh runs shellcheck"
fi
