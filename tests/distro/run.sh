#!/bin/bash
# SPDX-License-Identifier: MIT
# make distro-test: the packages of make deb installed into a real Debian 12
# system (tests/distro/mkimage.sh) booted by qemu with systemd as PID 1,
# then a kernel upgrade, a purge and the source route. KTAP on stdout.
#   tests/distro/run.sh [DEBDIR]      DEBDIR: the .debs (build/deb)
# Two boots of a copy of the cached image: the image's own kernel (phase 1:
# apt install offline, dkms, modprobe, udev, the client as a user, a
# program built with pkg-config, the errors a user meets, the upgrade to
# Debian's 6.12), then 6.12, taken out of the guest's own /boot (phase 2:
# the module dkms built for it, apt purge, make install / uninstall).
# Logs in build/distro/.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
debdir=${1:-$root/build/deb}
out=$root/build/distro
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
echo "KTAP version 1"

if ! env=$("$root/tests/distro/mkimage.sh" 2>"$root/build/distro-image.log"); then
	result 1 "the Debian image is made: $(grep -m1 'error:' "$root/build/distro-image.log")"
	exit 1
fi
IMAGE='' VMLINUZ='' INITRD='' KVER='' UPGRADE_KVER=''
eval "$env"
# What a user installs: the four packages, not the debug symbols.
debs=()
for d in "$debdir"/*.deb; do
	[[ $d == *-dbgsym_* || ! -e $d ]] || debs+=("$d")
done
((${#debs[@]} == 4))
result $? "the four packages are in $debdir (make deb): ${debs[*]##*/}"
((${#debs[@]})) || exit 1

rm -rf "$out" && mkdir -p "$out/payload/debs"
cp "${debs[@]}" "$out/payload/debs/"
cp "$root/tests/distro/guest.sh" "$root/tests/distro/stack.c" "$out/payload/"
sed -n 's/^#define VASINFO_VERSION "\(.*\)"$/\1/p' "$root/include/vasinfo.h" >"$out/payload/version"
printf 'UPGRADE_KVER=%q\n' "$UPGRADE_KVER" >"$out/payload/kernel.env"
# The source route gets the tree as git has it, without build products.
mkdir -p "$out/payload/src"
git -C "$root" ls-files -z | (cd "$root" && xargs -0 cp --parents -t "$out/payload/src")
mkfs.ext4 -q -F -L payload -d "$out/payload" "$out/payload.img" 256M >/dev/null
cp --sparse=always "$IMAGE" "$out/root.img"

# cache=unsafe: the disk is a throwaway copy, and dpkg's fsync of every
# file it unpacks (tens of thousands for a kernel's headers) would
# otherwise each wait for the host's disk.
boot() { # boot PHASE VMLINUZ INITRD: one boot; its logs in $out/PHASE.*
	local phase=$1 st=0 start=$SECONDS
	echo "# phase $phase: booting $2" >&2
	timeout --foreground -k 10 "${VASINFO_DISTRO_TIMEOUT:-1500}" \
		qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 2G \
		-display none -no-reboot -monitor none -nic none \
		-kernel "$2" -initrd "$3" \
		-append "root=/dev/vda rw console=ttyS0 panic=-1 vasinfo.phase=$phase" \
		-drive "file=$out/root.img,format=raw,if=virtio,cache=unsafe" \
		-drive "file=$out/payload.img,format=raw,if=virtio,readonly=on" \
		-serial "file:$out/$phase.console" -serial "file:$out/$phase.raw" \
		</dev/null || st=$?
	tr -d '\r' <"$out/$phase.raw" >"$out/$phase.log"
	echo "# phase $phase: the VM ran $((SECONDS - start)) s (qemu status $st)"
	while IFS= read -r line; do
		if [[ $line =~ ^(not\ )?ok\ -\ (.*)$ ]]; then
			[[ -z ${BASH_REMATCH[1]} ]]
			result $? "${BASH_REMATCH[2]}"
		elif [[ $line == '#'* ]]; then
			echo "$line"
		elif [[ $line == 'Bail out!'* ]]; then
			result 1 "phase $phase bailed out:${line#Bail out!}"
		fi
	done <"$out/$phase.log"
	grep -q '^vasinfo-distro: exit 0$' "$out/$phase.log" &&
		grep -q '^vasinfo-distro: done$' "$out/$phase.log"
	result $? "phase $phase ran to its end and the system powered off"
	bad=$(grep -E 'BUG:|WARNING:|Oops|Call Trace|Kernel panic' "$out/$phase.console")
	[[ -z $bad ]]
	result $? "phase $phase: the console has no BUG, WARNING, Oops, Call Trace or panic"
	[[ -n $bad ]] && head -20 <<<"$bad" | sed 's/^/# /'
	return 0
}

echo "# the image: Debian 12 with $KVER, the upgrade to $UPGRADE_KVER waiting in it"
boot 1 "$VMLINUZ" "$INITRD"
# The upgraded kernel, from the guest's own /boot.
for f in "vmlinuz-$UPGRADE_KVER" "initrd.img-$UPGRADE_KVER"; do
	debugfs -R "dump -p /boot/$f $out/$f" "$out/root.img" >/dev/null 2>&1
done
[[ -s $out/vmlinuz-$UPGRADE_KVER && -s $out/initrd.img-$UPGRADE_KVER ]]
result $? "the guest's /boot has $UPGRADE_KVER's kernel and initramfs"
if [[ -s $out/initrd.img-$UPGRADE_KVER ]]; then
	boot 2 "$out/vmlinuz-$UPGRADE_KVER" "$out/initrd.img-$UPGRADE_KVER"
fi
echo "1..$n"
