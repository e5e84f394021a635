#!/bin/bash
# SPDX-License-Identifier: MIT
# Build vasinfo.ko against kernels and print one KTAP line per kernel:
#   scripts/build-matrix.sh                  Debian's 5.10, 6.1, 6.12 and 7.2,
#                                            and arm64's 6.1 and 6.12-16k
#   scripts/build-matrix.sh KERNEL|KDIR...   a series or release (fetched by
#                                            scripts/debian-kernel.sh), or a
#                                            header tree by its path
# Logs: build/matrix/<release>/ (VASINFO_MATRIX_OUT), fetch.log and build.log.
#   ok 4 - build 7.2.13+deb14-amd64 (gcc 16.2.0 in the sid root; modpost; BTF)
#   not ok 2 - build 6.1: fetch: <why>
#
# A Debian kernel is fetched into the cache (scripts/debian-kernel.sh) and
# built with its own toolchain: the headers' gcc, the kernel's own modpost
# and objtool, pahole for BTF; 7.2 in a debootstrapped sid root. The one
# exception is said in its line: 5.10 is built with gcc-12, as its gcc-10
# cannot be installed on bookworm. It passes when modpost linked
# vasinfo.ko, the log has no warning (the compiler's or modpost's), and the
# module has BTF wherever the kernel makes module BTF and its headers ship
# the vmlinux that needs; the line names the compiler found in the .ko.
# An arm64 kernel is cross-compiled with aarch64-linux-gnu-gcc-12 and the
# host's (amd64) modpost of the same kbuild version; its line says so.
# A kernel that cannot be fetched or built is "not ok" with the reason.
#
# A header tree given by its path passes when the module compiles without a
# warning and links with no undefined symbol. Where the tree's own tools
# cannot run here, the build adapts, and the KTAP line says how:
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

kernels=("$@")
if ((${#kernels[@]} == 0)); then
	mapfile -t kernels < <("$root/scripts/debian-kernel.sh" series)
fi
# pahole, gcc-12, what debian-kernel.sh runs: a new machine has none of it
deps_missing=
groups=(matrix)
[[ " ${kernels[*]}" == *arm64* ]] && groups+=(arm64)
"$root/scripts/deps.sh" "${groups[@]}" >&2 ||
	deps_missing="scripts/deps.sh ${groups[*]} failed (see stderr)"

# Does this binary run here? (Not: "version `GLIBC_2.38' not found".)
runs_here() {
	local msg
	msg=$("$@" 2>&1 </dev/null)
	[[ $msg != *"GLIBC_"*"not found"* ]]
}

first_error() { # the compiler's or modpost's first complaint, else make's
	grep -m1 -E 'error:|ERROR:' "$1" || grep -m1 -E 'Error' "$1"
}

# btf_note KDIR KO: whether the module has BTF, and why not; fails when it
# should have it (the kernel makes module BTF, the vmlinux it needs is there)
btf_note() {
	if readelf -S "$2" | grep -q ' \.BTF '; then
		echo BTF
	elif [[ $(conf "$1" DEBUG_INFO_BTF_MODULES) != y ]]; then
		echo "no BTF: the kernel makes none for modules"
	elif [[ ! -f $1/vmlinux ]]; then
		echo "no BTF: the headers ship no vmlinux"
	else
		echo "no BTF, though the kernel makes it and its vmlinux is there"
		return 1
	fi
}

copy_source() { # copy_source OUT: a fresh copy of the module's source in OUT/src
	rm -rf "$1" && mkdir -p "$1/src" &&
		cp -r "$root/Kbuild" "$root/module" "$root/include" "$1/src/"
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

	copy_source "$out" || return 1
	if ((modpost)); then
		make -C "$kdir" M="$out/src" "${args[@]}" modules >"$out/build.log" 2>&1 || {
			echo "build failed: $(first_error "$out/build.log")" >&3
			return 1
		}
		[[ -f $out/src/vasinfo.ko ]] || { echo "no vasinfo.ko" >&3; return 1; }
		notes=(modpost "${notes[@]}")
		if command -v pahole >/dev/null; then
			local btf
			btf=$(btf_note "$kdir" "$out/src/vasinfo.ko") || { echo "$btf" >&3; return 1; }
			notes+=("$btf")
		fi
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

reason() { # reason LOG: debian-kernel.sh's error, else the log's last line
	local r
	r=$(sed -n 's/^debian-kernel: error: //p' "$1" | tail -n1)
	[[ -n $r ]] || r=$(tail -n1 "$1")
	echo "${r:-no output}"
}

# build_debian SPEC: fetch the kernel, build with its toolchain; prints
# "KVER" on fd 4, the note or the reason on fd 3; 0 when it passes.
build_debian() {
	local spec=$1 out log kcc cc btf notes=()
	mkdir -p "$out_root"
	# debian-kernel.sh's progress shows on stderr as it goes, and is kept
	# for the reason of a failure.
	log=$out_root/fetch-$spec.log
	"$root/scripts/debian-kernel.sh" fetch "$spec" 2>&1 >"$log.env" | tee "$log" >&2
	if ((PIPESTATUS[0] != 0)); then
		echo "fetch: $(reason "$log")" >&3
		return 1
	fi
	local KVER KDIR KCC_NOTE KROOT_SUITE KARCH='' KCROSS=''
	# shellcheck source=/dev/null
	. "$log.env"
	echo "$KVER" >&4
	out=$out_root/$KVER
	copy_source "$out" || return 1
	mv "$log" "$out/fetch.log"
	mv "$log.env" "$out/kernel.env"
	if [[ -n $KROOT_SUITE ]]; then
		# made once, minutes: shown here rather than inside build.log
		"$root/scripts/debian-kernel.sh" root "$spec" 2>&1 >/dev/null | tee "$out/root.log" >&2
		if ((PIPESTATUS[0] != 0)); then
			echo "$KROOT_SUITE build root: $(reason "$out/root.log")" >&3
			return 1
		fi
	fi
	"$root/scripts/debian-kernel.sh" make "$spec" "$out/src" modules >"$out/build.log" 2>&1 || {
		echo "build failed: $(first_error "$out/build.log")" >&3
		return 1
	}
	[[ -f $out/src/vasinfo.ko ]] || { echo "no vasinfo.ko" >&3; return 1; }
	# modpost writes the module's .mod.c and Module.symvers: a .ko without
	# them was not linked by the kernel's modpost.
	[[ -f $out/src/vasinfo.mod.c && -f $out/src/Module.symvers ]] ||
		{ echo "modpost did not run" >&3; return 1; }
	local warn
	warn=$(grep -m1 -E 'warning:|WARNING:' "$out/build.log")
	[[ -z $warn ]] || { echo "warnings: $warn" >&3; return 1; }

	cc=$(readelf -p .comment "$out/src/vasinfo.ko" | grep -o 'GCC: .*' | sort -u)
	[[ $cc != *$'\n'* && -n $cc ]] || { echo "compiled by: ${cc//$'\n'/, }" >&3; return 1; }
	cc="gcc ${cc##* }"
	kcc=$(sed -n 's/^CC = .*\(gcc-[0-9][0-9]*\)$/\1/p' "$KDIR/.kernelvariables")
	[[ -n $KCC_NOTE ]] && cc+=" for the headers' $kcc: $KCC_NOTE"
	[[ -n $KROOT_SUITE ]] && cc+=" in the $KROOT_SUITE root"
	[[ -n $KCROSS ]] && cc+=" cross-compiling for $KARCH with ${KCROSS}$kcc"
	notes+=("$cc" modpost)

	btf=$(btf_note "$KDIR" "$out/src/vasinfo.ko") || { echo "$btf" >&3; return 1; }
	notes+=("$btf")
	local i line=${notes[0]}
	for ((i = 1; i < ${#notes[@]}; i++)); do
		line+="; ${notes[i]}"
	done
	echo "$line" >&3
}

n=0 failed=0
echo "KTAP version 1"
echo "1..${#kernels[@]}"
for k in "${kernels[@]}"; do
	n=$((n + 1))
	if [[ -n $deps_missing ]]; then
		echo "not ok $n - build $k: $deps_missing"
		failed=$((failed + 1))
		continue
	fi
	if [[ -d $k ]]; then
		rel=$(basename "$k")
		rel=${rel#linux-headers-}
		out=$out_root/$rel
		mkdir -p "$out"
		if msg=$(build_one "$k" "$out" 3>&1 >/dev/null 2>&1); then
			echo "ok $n - build $rel ($msg)"
		else
			echo "not ok $n - build $rel: $msg (log: $out/build.log)"
			failed=$((failed + 1))
		fi
		continue
	fi
	relf=$(mktemp)
	if msg=$(build_debian "$k" 3>&1 4>"$relf" >/dev/null); then
		echo "ok $n - build $(<"$relf") ($msg)"
	else
		rel=$(<"$relf")
		if [[ -n $rel ]]; then
			echo "not ok $n - build $rel: $msg (logs: $out_root/$rel/)"
		else
			echo "not ok $n - build $k: $msg"
		fi
		failed=$((failed + 1))
	fi
	rm -f "$relf"
done
echo "# $((n - failed)) passed, $failed failed"
((failed == 0))
