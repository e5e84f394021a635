#!/bin/bash
# SPDX-License-Identifier: MIT
# Build vasinfo.ko against every kernel header tree given (default: every
# /usr/src/linux-headers-*-amd64 found; other kernels' headers can be
# extracted anywhere as FIELD-NOTES describes) and print one KTAP line per
# tree:
#   ok N - build 6.1.0-56-amd64 (modpost; no BTF)
#   not ok N - build 7.2.13+deb14-amd64: <why>
#   scripts/build-matrix.sh [KDIR...]      logs: build/matrix/<release>/
# A tree passes when the module compiles without a warning and links with
# no undefined symbol. Where the tree's own tools cannot run here, the
# build adapts, and the KTAP line says how:
#  - the tree's compiler (CONFIG_CC_VERSION_TEXT) is missing: gcc is used;
#    with an older gcc than the tree's, the options only the newer one has
#    are turned off (CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT) and the header's
#    `counted_by' attributes it ignores are not counted as our warnings;
#  - no pahole: no BTF for the module (CONFIG_DEBUG_INFO_BTF_MODULES=);
#  - objtool or modpost built against a newer glibc than this one: objtool
#    is skipped, and instead of modpost every undefined symbol of vasinfo.o
#    (nm -u) must be exported in the tree's Module.symvers.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out_root=${VASINFO_MATRIX_OUT:-$root/build/matrix}

trees=("$@")
if ((${#trees[@]} == 0)); then
	for t in /usr/src/linux-headers-*-amd64; do
		[[ -f $t/Module.symvers ]] && trees+=("$t")
	done
fi
if ((${#trees[@]} == 0)); then
	echo "not ok 1 - build-matrix: no kernel header tree found"
	exit 1
fi

# Does this binary run here? (Not: "version `GLIBC_2.38' not found".)
runs_here() {
	local msg
	msg=$("$@" 2>&1 </dev/null)
	[[ $msg != *"GLIBC_"*"not found"* ]]
}

first_error() { # the compiler's or modpost's first complaint, else make's
	grep -m1 -E 'error:|ERROR:' "$1" || grep -m1 -E 'Error' "$1"
}

conf() { # conf KDIR NAME -> value of CONFIG_NAME (quotes removed)
	sed -n "s/^CONFIG_$2=\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$1/include/config/auto.conf"
}

build_one() { # build_one KDIR OUT -> 0 ok; the note or the reason on fd 3
	local kdir=$1 out=$2 cc ver mine notes=() args=() modpost=1 undef
	cc=$(conf "$kdir" CC_VERSION_TEXT | cut -d' ' -f1)
	ver=$(conf "$kdir" GCC_VERSION)
	if [[ -n $cc ]] && ! command -v "$cc" >/dev/null; then
		mine=$(gcc -dumpfullversion | awk -F. '{ printf "%d%02d%02d", $1, $2, $3 }')
		args+=(CC=gcc)
		notes+=("gcc $(gcc -dumpfullversion) for $cc")
		if [[ -n $ver ]] && ((mine < ver)); then
			[[ $(conf "$kdir" CC_HAS_MIN_FUNCTION_ALIGNMENT) == y ]] &&
				args+=(CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT=)
			args+=(KCFLAGS=-Wno-attributes)
		fi
	else
		[[ -n $cc ]] && args+=(CC="$cc")
	fi
	if [[ $(conf "$kdir" DEBUG_INFO_BTF_MODULES) == y ]] && ! command -v pahole >/dev/null; then
		args+=(CONFIG_DEBUG_INFO_BTF_MODULES=)
		notes+=("no BTF")
	fi
	if [[ -x $kdir/tools/objtool/objtool ]] &&
		! SRCARCH=x86 runs_here "$kdir/tools/objtool/objtool" --help; then
		args+=(objtool=/bin/true)
		notes+=("objtool skipped")
	fi
	local mp
	for mp in "$kdir"/scripts/mod/modpost.real-lsb-64 "$kdir"/scripts/mod/modpost; do
		[[ -x $mp ]] || continue
		runs_here "$mp" || modpost=0
		break
	done

	rm -rf "$out" && mkdir -p "$out/src" || return 1
	cp -r "$root/Kbuild" "$root/module" "$root/include" "$out/src/"
	if ((modpost)); then
		make -C "$kdir" M="$out/src" "${args[@]}" modules >"$out/build.log" 2>&1 || {
			echo "build failed: $(first_error "$out/build.log")" >&3
			return 1
		}
		[[ -f $out/src/vasinfo.ko ]] || { echo "no vasinfo.ko" >&3; return 1; }
		notes=(modpost "${notes[@]}")
	else
		make -C "$kdir" M="$out/src" "${args[@]}" vasinfo.o >"$out/build.log" 2>&1 || {
			echo "build failed: $(first_error "$out/build.log")" >&3
			return 1
		}
		nm -u "$out/src/vasinfo.o" | awk '{ print $2 }' | sort -u >"$out/undefined"
		awk '{ print $2 }' "$kdir/Module.symvers" | sort -u >"$out/exported"
		# __this_module is what modpost's vasinfo.mod.c defines.
		undef=$(comm -23 "$out/undefined" "$out/exported" | grep -vx __this_module)
		if [[ -n $undef ]]; then
			echo "undefined: ${undef//$'\n'/ }" >&3
			return 1
		fi
		notes=("nm -u against Module.symvers: modpost cannot run here" "${notes[@]}")
	fi
	# Our warnings only: kbuild's notice that pahole's version differs is
	# about the missing pahole, not the module.
	local warn
	warn=$(grep 'warning:' "$out/build.log" | grep -v 'pahole version differs' | head -1)
	if [[ -n $warn ]]; then
		echo "warnings: $warn" >&3
		return 1
	fi
	local i line=${notes[0]}
	for ((i = 1; i < ${#notes[@]}; i++)); do
		line+="; ${notes[i]}"
	done
	echo "$line" >&3
}

n=0 failed=0
echo "KTAP version 1"
echo "1..${#trees[@]}"
for kdir in "${trees[@]}"; do
	n=$((n + 1))
	rel=$(basename "$kdir")
	rel=${rel#linux-headers-}
	out=$out_root/$rel
	mkdir -p "$out"
	if msg=$(build_one "$kdir" "$out" 3>&1 >/dev/null 2>&1); then
		echo "ok $n - build $rel ($msg)"
	else
		echo "not ok $n - build $rel: $msg (log: $out/build.log)"
		failed=$((failed + 1))
	fi
done
echo "# $((n - failed)) passed, $failed failed"
((failed == 0))
