#!/bin/bash
# SPDX-License-Identifier: MIT
# Build everything for Debian's stock kernel, boot it, run MODE in the VM.
#   tests/vm/stock.sh test   KTAP on stdout: the guest's cases plus the
#                            harness's own (module built, VM finished,
#                            console clean)
#   tests/vm/stock.sh demo   the demo's output on stdout
set -uo pipefail
mode=${1:-test}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
build=$root/build
kver=$(scripts/stock-kernel.sh) || exit 1
out=$build/vm-$kver-$mode
stage=$build/stage-$kver
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
log() { echo "$*" >&2; }

[[ $mode == test ]] && echo "KTAP version 1" && echo "# harness: stock kernel $kver"
scripts/build-module.sh "/usr/src/linux-headers-$kver" "$build/module-$kver" >&2
st=$?
[[ $mode == test ]] && result $st "vasinfo.ko builds against linux-headers-$kver without warnings"
[[ $st == 0 ]] || exit 1
{
	make -s -C userspace O="$build/static" STATIC=1 &&
		make -s -C tests O="$build/static" STATIC=1 vm
} >&2
st=$?
[[ $mode == test ]] && result $st "static user-space programs build"
[[ $st == 0 ]] || exit 1

rm -rf "$stage"
mkdir -p "$stage/lib/vasinfo/tests" "$stage/bin"
cp "$build/module-$kver/vasinfo.ko" "$stage/lib/vasinfo/"
cp "$build"/static/tests/t_* "$stage/lib/vasinfo/tests/"
# zram and what it needs, in load order, from the stock kernel's modules.
mkdir -p "$stage/lib/vasinfo/kmod"
i=0
for m in kernel/mm/zsmalloc.ko kernel/drivers/block/zram/zram.ko; do
	i=$((i + 1))
	for f in "/lib/modules/$kver/$m"*; do
		case $f in
		*.xz) xz -dc "$f" >"$stage/lib/vasinfo/kmod/$i-$(basename "$m")" ;;
		*.ko) cp "$f" "$stage/lib/vasinfo/kmod/$i-$(basename "$m")" ;;
		esac
	done
done
[[ -x $build/static/vasinfo ]] && cp "$build/static/vasinfo" "$stage/bin/"
tests/vm/mkinitramfs.sh "$build/initrd-$kver.cpio.gz" "$stage" || exit 1

log "vasinfo: booting $kver under qemu ($mode)..."
start=$SECONDS
tests/vm/run.sh "/boot/vmlinuz-$kver" "$build/initrd-$kver.cpio.gz" "$mode" "$out" \
	"${VASINFO_VM_TIMEOUT:-900}" "hugepagesz=1G hugepages=1 ${VASINFO_VM_APPEND:-}"
st=$?
log "vasinfo: VM ran $((SECONDS - start)) s; logs in $out"

if [[ $mode != test ]]; then
	grep -v '^vasinfo-vm: done$' "$out/results.log"
	exit $st
fi
# The guest's cases, renumbered after ours.
while IFS= read -r line; do
	if [[ $line =~ ^(not\ )?ok\ [0-9]+\ -\ (.*)$ ]]; then
		st=0
		[[ -n ${BASH_REMATCH[1]} ]] && st=1
		result $st "${BASH_REMATCH[2]}"
	elif [[ $line == '#'* || $line == 'Bail out!'* ]]; then
		echo "$line"
	fi
done <"$out/results.log"
result $st "the VM ran the whole test script and powered off"
bad=$(grep -E 'BUG:|WARNING:|Oops|Call Trace|KASAN|circular locking|Kernel panic' "$out/console.log")
[[ -z $bad ]]
result $? "console has no BUG, WARNING, Oops, Call Trace or panic"
[[ -n $bad ]] && head -40 <<<"$bad" | while IFS= read -r l; do echo "# $l"; done
exit 0
