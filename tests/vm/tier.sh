#!/bin/bash
# SPDX-License-Identifier: MIT
# Build the module and the tests for one kernel, boot it, run MODE there.
#   tests/vm/tier.sh stock MODE   Debian's stock kernel (linux-image-amd64),
#                                 or VASINFO_KERNEL's when that is set
#   tests/vm/tier.sh debian:KERNEL MODE
#                                 a Debian kernel fetched by
#                                 scripts/debian-kernel.sh (a series: 5.10,
#                                 6.1, 6.12, 7.2, 6.1-arm64, 6.12-arm64-16k;
#                                 or a release), the module built by its own
#                                 toolchain; an arm64 kernel boots under
#                                 qemu-system-aarch64 with everything of the
#                                 image cross-built
#   tests/vm/tier.sh debug MODE   the debug kernel (KUnit, KASAN, lockdep,
#                                 kmemleak) built by scripts/debug-kernel.sh
#                                 from linux-source-6.1
#   tests/vm/tier.sh debug:6.12 MODE
#                                 the same debug kernel from linux-source-6.12
# MODE test: KTAP on stdout, the guest's cases plus the harness's own
# (module built, VM finished, console clean); MODE kunit: the same with the
# KUnit suites only. MODE demo (and bench): the guest's output on stdout. MODE shell
# (make shell): an interactive root shell on this terminal, with the module
# loaded, the labs and Debian's procps; poweroff ends it. MODE fuzz:
# KTAP as for test, from t_fuzz alone, VASINFO_FUZZ_SECONDS (default 300)
# as root and as much as a user, seed VASINFO_FUZZ_SEED (default: random,
# printed), both handed to the guest on the kernel command line.
set -uo pipefail
kind=${1:-stock}
mode=${2:-test}
arch=amd64
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
build=$root/build
# A 1 GiB huge page set aside at boot, while memory is whole: a PUD's with
# 4 KiB pages, contiguous PMDs' with arm64's 16 KiB pages.
append="hugepagesz=1G hugepages=1"
[[ $kind == stock && -n ${VASINFO_KERNEL:-} ]] && kind=debian:$VASINFO_KERNEL
# kdir: what build-module.sh builds against (a tree, or debian:KVER for
# the kernel's own toolchain); moddir: the kernel's own modules (zram).
case $kind in
stock)
	kver=$(scripts/stock-kernel.sh) || exit 1
	kernel=/boot/vmlinuz-$kver
	kdir=/usr/src/linux-headers-$kver
	moddir=/lib/modules/$kver/kernel
	;;
debian:?*)
	spec=${kind#debian:}
	mkdir -p "$build"
	if ! env=$(scripts/debian-kernel.sh fetch "$spec" 2>"$build/fetch-$spec.log"); then
		echo "KTAP version 1"
		echo "not ok 1 - Debian's $spec kernel is fetched: $(grep -m1 'error:' "$build/fetch-$spec.log")"
		exit 1
	fi
	KVER='' VMLINUZ='' MODULES='' KARCH=''
	eval "$env"
	# A cache from before KARCH was written holds amd64 kernels only.
	arch=${KARCH:-amd64}
	kver=$KVER
	kernel=$VMLINUZ
	kdir=debian:$KVER
	moddir=$MODULES
	;;
debug | debug:?*)
	# debug is the 6.1 debug kernel; debug:6.12 the same built from 6.12.
	dseries=6.1
	[[ $kind == debug:* ]] && dseries=${kind#debug:}
	if ! kdir=$(scripts/debug-kernel.sh "$dseries"); then
		echo "KTAP version 1"
		echo "not ok 1 - the $dseries debug kernel builds"
		exit 1
	fi
	kver=debug
	[[ $dseries == 6.1 ]] || kver=debug-$dseries
	kernel=$kdir/arch/x86/boot/bzImage
	moddir= # zram, if any, is built in
	# A WARNING stops the run; kmemleak is scanned by the guest.
	append="$append panic_on_warn=1 vasinfo.kmemleak=1"
	# KASAN's shadow and kmemleak's pool crowd out a 1 GiB boot-time page.
	export VASINFO_VM_MEM=${VASINFO_VM_MEM:-6G}
	;;
*)
	echo "tier.sh: unknown kernel kind '$kind'" >&2
	exit 2
	;;
esac
# The image's programs: this machine's compiler and busybox, or for an
# arm64 kernel the cross compiler and bookworm's busybox-static:arm64.
static=$build/static cross=() busybox=/bin/busybox
if [[ $arch == arm64 ]]; then
	scripts/deps.sh arm64-vm >&2 || exit 1
	static=$build/static-arm64
	cross=(CC=aarch64-linux-gnu-gcc AR=aarch64-linux-gnu-ar)
	busybox=$(scripts/debian-kernel.sh deb busybox-static:arm64)/bin/busybox || exit 1
	export VASINFO_VM_ARCH=arm64
fi
ktap=0
[[ $mode == test || $mode == kunit || $mode == fuzz ]] && ktap=1
# The test build (KUnit suites inside vasinfo.ko, run when it loads) for
# the debug kernel's test and kunit modes; everything else gets the module
# as it ships.
kunit=0
if [[ $kind == debug* && ($mode == test || $mode == kunit) ]]; then
	kunit=1
	append="$append vasinfo.kunit=1"
fi
if [[ $mode == fuzz ]]; then
	fuzz_seed=${VASINFO_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
	fuzz_seconds=${VASINFO_FUZZ_SECONDS:-300}
	append="$append vasinfo.fuzz_seed=$fuzz_seed vasinfo.fuzz_seconds=$fuzz_seconds"
	# Both runs, plus boot and the debug kernel's slowness.
	: "${VASINFO_VM_TIMEOUT:=$((2 * fuzz_seconds * 3 / 2 + 900))}"
fi
out=$build/vm-$kver-$mode
# One image per mode: a make shell does not change a running test's image.
stage=$build/stage-$kver-$mode
initrd=$build/initrd-$kver-$mode.cpio.gz
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
log() { echo "$*" >&2; }

((ktap)) && echo "KTAP version 1" && echo "# harness: $kind kernel $kver"
[[ $mode == fuzz ]] && echo "# fuzz: seed $fuzz_seed, $fuzz_seconds s per uid (again: VASINFO_FUZZ_SEED=$fuzz_seed VASINFO_FUZZ_SECONDS=$fuzz_seconds tests/vm/tier.sh $kind fuzz)"
if ((kunit)); then
	# tests/kunit/.kunitconfig: the options the suites need.
	missing=$(grep -E '^CONFIG_' tests/kunit/.kunitconfig | grep -vxF -f "$kdir/.config")
	[[ -z $missing ]]
	((ktap)) && result $? "the $kind kernel has every option of tests/kunit/.kunitconfig"
	[[ -n $missing ]] && while IFS= read -r l; do echo "# missing: $l"; done <<<"$missing"
	# A kernel with KUnit is where the module once exported its internals
	# (issue 10): built as it ships, it must export nothing, and hold no
	# test code, here too.
	why=
	scripts/build-module.sh "$kdir" "$build/module-$kver-plain" >&2 &&
		why=$(scripts/ko-check.sh "$build/module-$kver-plain/vasinfo.ko")
	st=$?
	((ktap)) && result $st "vasinfo.ko as it ships, built against the $kind kernel (CONFIG_KUNIT=y), exports nothing and holds no test code"
	[[ -n $why ]] && while IFS= read -r l; do echo "# $l"; done <<<"$why"
	scripts/build-module.sh "$kdir" "$build/module-$kver" VASINFO_KUNIT=1 >&2
	st=$?
	((ktap)) && result $st "vasinfo.ko with its KUnit suites (VASINFO_KUNIT=1) builds against the $kind kernel ($kdir) without warnings"
	[[ $st == 0 ]] || exit 1
	# The guest runs KUnit because the command line says so; a module
	# without the suites must not turn into a tier without KUnit.
	why=$(scripts/ko-check.sh --kunit "$build/module-$kver/vasinfo.ko")
	st=$?
	((ktap)) && result $st "vasinfo.ko is the test build (the suites, what runs them, modinfo test: Y) and exports nothing"
	[[ -n $why ]] && while IFS= read -r l; do echo "# $l"; done <<<"$why"
	[[ $st == 0 ]] || exit 1
	# What the guest must see run: the KUNIT_CASE()s of every suite file
	# this build linked in, by name.
	tests/kunit/cases.sh "$build/module-$kver/src" >"$build/kunit-cases-$kver"
	st=$?
	cases=$(wc -l <"$build/kunit-cases-$kver")
	suites=$(cut -d. -f1 "$build/kunit-cases-$kver" | sort -u | wc -l)
	((ktap)) && result $st "the test build holds $cases KUnit cases in $suites suites (tests/kunit/cases.sh)"
	[[ $st == 0 ]] || exit 1
else
	scripts/build-module.sh "$kdir" "$build/module-$kver" >&2
	st=$?
	((ktap)) && result $st "vasinfo.ko builds against the $kind kernel ($kdir) without warnings"
	[[ $st == 0 ]] || exit 1
fi
{
	make -s -C userspace O="$static" STATIC=1 "${cross[@]}" &&
		make -s -C labs O="$static" STATIC=1 "${cross[@]}" &&
		make -s -C tests O="$static" STATIC=1 "${cross[@]}" vm bench
} >&2
st=$?
((ktap)) && result $st "static user-space programs build"
[[ $st == 0 ]] || exit 1

rm -rf "$stage"
mkdir -p "$stage/lib/vasinfo/tests" "$stage/bin"
cp "$build/module-$kver"/*.ko "$stage/lib/vasinfo/"
((kunit)) && cp "$build/kunit-cases-$kver" "$stage/lib/vasinfo/kunit-cases"
cp "$static"/tests/t_* "$stage/lib/vasinfo/tests/"
cp "$static/tests/bench" "$stage/lib/vasinfo/"
# zram and what it needs, from the kernel's own modules, each after what
# `modinfo -F depends` says it needs (lz4_compress and lz4hc_compress on
# 6.12); one built in (zsmalloc on 6.12) is in modules.builtin.
mkdir -p "$stage/lib/vasinfo/kmod"
kmods=() seen=" "
kmod_order() { # kmod_order NAME: appends its file to kmods, needs first
	local name=${1//-/_} f dep
	[[ $seen == *" $name "* ]] && return 0
	seen+="$name "
	grep -qE "/(${name}|${name//_/-})\.ko\$" "$moddir/../modules.builtin" 2>/dev/null && return 0
	f=$(find "$moddir" \( -name "$name.ko*" -o -name "${name//_/-}.ko*" \) -print -quit)
	[[ -n $f ]] || { log "tier.sh: $name: not in $moddir nor built in"; return 1; }
	for dep in $(modinfo -F depends "$f" | tr ',' ' '); do
		kmod_order "$dep" || return 1
	done
	kmods+=("$f")
}
[[ -n $moddir ]] && kmod_order zram
i=0
for f in "${kmods[@]}"; do
	i=$((i + 1))
	m=$stage/lib/vasinfo/kmod/$(printf %02d $i)-$(basename "${f%.ko*}").ko
	case $f in
	*.ko.xz) xz -dc "$f" >"$m" ;;
	*.ko.zst) zstd -qdc "$f" >"$m" ;;
	*.ko.gz) gzip -dc "$f" >"$m" ;;
	*) cp "$f" "$m" ;;
	esac || log "tier.sh: could not unpack $f"
done
[[ -n $moddir ]] && log "tier.sh: zram from $moddir: ${kmods[*]##*/}"
[[ -x $static/vasinfo ]] && cp "$static/vasinfo" "$stage/bin/"
# The OSTEP lab programs, on PATH.
mkdir -p "$stage/usr/bin"
cp "$static"/labs/* "$stage/usr/bin/"

# Programs of this machine with the libraries ldd names and the dynamic
# loader, at the same paths in the image (the rest of it is static).
add_dynamic() { # add_dynamic DIR PROGRAM...
	local dir=$1 p lib
	shift
	for p in "$@"; do
		p=$(command -v "$p") && ldd "$p" >/dev/null 2>&1 || return 1
		for lib in $(ldd "$p" | grep -o '/[^ ]*'); do
			mkdir -p "$stage$(dirname "$lib")"
			cp -L "$lib" "$stage$lib" || return 1
		done
		mkdir -p "$stage$dir"
		cp -L "$p" "$stage$dir/" || return 1
	done
}
timeout=${VASINFO_VM_TIMEOUT:-1800}
if [[ $arch == amd64 && ($mode == shell || $mode == lab) ]]; then
	# OSTEP asks for pmap -X, which only procps's pmap has.
	add_dynamic /usr/local/bin ps free pmap vmstat ||
		log "tier.sh: could not copy procps into the image: busybox's ps, free and pmap it is"
fi
# The bench's scaling rows go up to what the VM's memory allows: 2 GiB of
# 4 KiB pages and 2 GiB of THPs fit in 7 GiB (guest-bench.sh).
[[ $mode == bench ]] && export VASINFO_VM_MEM=${VASINFO_VM_MEM:-7G}
if [[ $arch == amd64 && $mode == bench && -n ${VASINFO_BENCH_PERF:-} ]]; then
	# make bench-profile: Debian's perf in the image, to see where a
	# row's time goes (the rows whose name has VASINFO_BENCH_PERF, with
	# + for spaces).
	add_dynamic /usr/bin perf || log "tier.sh: could not copy perf into the image"
	append="$append vasinfo.perf=$VASINFO_BENCH_PERF"
elif [[ $mode == bench && -n ${VASINFO_BENCH_ROW:-} ]]; then
	# make bench ROW=...: only the rows whose name has it.
	append="$append vasinfo.row=$VASINFO_BENCH_ROW"
fi
if [[ $mode == shell ]]; then
	append="$append quiet"
	if size=$(stty size </dev/tty 2>/dev/null) && [[ $size =~ ^([0-9]+)\ ([0-9]+)$ ]]; then
		append="$append vasinfo.rows=${BASH_REMATCH[1]} vasinfo.cols=${BASH_REMATCH[2]}"
	fi
	[[ ${TERM:-} =~ ^[A-Za-z0-9._+-]+$ ]] && append="$append vasinfo.term=$TERM"
	timeout=${VASINFO_VM_TIMEOUT:-0}
fi
tests/vm/mkinitramfs.sh "$initrd" "$stage" "$busybox" || exit 1

log "vasinfo: booting $kver ($arch) under qemu ($mode)..."
start=$SECONDS
tests/vm/run.sh "$kernel" "$initrd" "$mode" "$out" \
	"$timeout" "$append ${VASINFO_VM_APPEND:-}"
vm_st=$?
log "vasinfo: VM ran $((SECONDS - start)) s; logs in $out"

if ((!ktap)); then
	grep -v -E '^vasinfo-vm: (init|done)$' "$out/results.log"
	exit $vm_st
fi
# The guest's cases, renumbered after ours. A program that bails out stops
# before its remaining cases: that is a failure, not a shorter list.
while IFS= read -r line; do
	if [[ $line =~ ^(not\ )?ok\ [0-9]+\ -\ (.*)$ ]]; then
		st=0
		[[ -n ${BASH_REMATCH[1]} ]] && st=1
		result $st "${BASH_REMATCH[2]}"
	elif [[ $line == 'Bail out!'* ]]; then
		result 1 "a guest test bailed out:${line#Bail out!}"
	elif [[ $line == '#'* ]]; then
		echo "$line"
	fi
done <"$out/results.log"
[[ -f $out/boot-retried ]] &&
	echo "# the first boot panicked before the guest's init ran, booted again: $(cat "$out/boot-retried")"
# run.sh's own status: a hang (timeout), a panic or an unfinished script
# fails here whatever the guest printed before it.
result $vm_st "the VM ran the whole test script and powered off"
bad=$(grep -E 'BUG:|WARNING:|Oops|Call Trace|KASAN|circular locking|Kernel panic|kmemleak: .*new suspected|kmemleak: Kernel memory leak detector disabled' "$out/console.log")
[[ -z $bad ]]
result $? "console has no BUG, WARNING, Oops, Call Trace or panic"
[[ -n $bad ]] && head -40 <<<"$bad" | while IFS= read -r l; do echo "# $l"; done
exit 0
