#!/bin/bash
# SPDX-License-Identifier: MIT
# Make (once) the Debian 12 system the packages are installed into, and
# print where it is.
#   tests/distro/mkimage.sh
# Stdout: KEY=VALUE lines for eval: IMAGE (an ext4 file system image, the
# whole system, to be copied before use), VMLINUZ and INITRD (its own
# kernel and initramfs, for qemu -kernel), KVER (that kernel's release),
# UPGRADE_KVER (the second kernel whose packages wait in /opt/vasinfo/kernel
# for the upgrade test). Stderr: progress.
#
# The system: debootstrap's bookworm with systemd as PID 1, udev, kmod,
# dkms, gcc, make, pkg-config, procps, sudo, Debian's linux-image-amd64 and
# linux-headers-amd64 (6.1), a user "student" with sudo, and the packages of
# Debian's 6.12 kernel and headers from bookworm-security kept for a kernel
# upgrade without network. It boots to multi-user.target and starts
# vasinfo-distro.service, which runs the payload disk's guest.sh (see
# tests/distro/run.sh) with its output on the second serial port.
#
# Cached in ${XDG_CACHE_HOME:-$HOME/.cache}/vasinfo/distro/KEY, KEY hashing
# RECIPE, the package list, the agent's two files and the bookworm kernels'
# versions it found: a new kernel in the archive or a change to what goes
# in makes a new image, and the old ones go.
set -euo pipefail
shopt -s inherit_errexit
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
mirror=${VASINFO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${VASINFO_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/vasinfo/distro
stamp_name=.vasinfo-complete
# Bump when the steps below change what the image holds.
RECIPE=3
# What the system holds. Each one is there because a user's machine has it
# and the test uses it: dkms builds the module at install (gcc, make, the
# headers), kmod and udev load it and make the node, pkg-config and
# libc6-dev build a program against libvasinfo, procps is pmap and free,
# sudo is how the user becomes root, pandoc and man-db are what make install
# asks for (the man pages), zstd is initramfs-tools' default compressor.
packages=systemd-sysv,udev,kmod,dkms,gcc,make,libc6-dev,pkg-config,procps,sudo,linux-image-amd64,linux-headers-amd64,initramfs-tools,ca-certificates,xz-utils,pandoc,man-db,groff-base,zstd

say() { echo "distro: $*" >&2; }
die() { say "error: $*"; exit 1; }
((EUID == 0)) || die "making the image needs root (debootstrap, chroot)"

"$root/scripts/deps.sh" distro >&2 || die "scripts/deps.sh distro failed"

# The kernels the archive has now: the stock one (linux-image-amd64's
# dependency) and the newest 6.12 of bookworm-security. They are part of
# the key; the image's own kernel is read from it once it is made.
dep=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: linux-image-\([^ ]*\)$/\1/p' | head -1)
kver=${dep%-unsigned}
up=$(apt-cache pkgnames linux-image-6.12 | grep -E '^linux-image-6\.12\.[0-9]+\+deb12-amd64$' | sort -V | tail -1)
upver=${up#linux-image-}
[[ -n $kver && -n $upver ]] || die "cannot tell the kernels (stock '$kver', 6.12 '$upver'): apt-get update?"

key=$({
	echo "recipe=$RECIPE packages=$packages kernels=$kver $upver"
	cat "$here/vasinfo-distro.service" "$here/guest-run"
} | sha256sum | cut -c1-12)
dir=$cache/$key
emit() {
	printf 'IMAGE=%q\nVMLINUZ=%q\nINITRD=%q\nKVER=%q\nUPGRADE_KVER=%q\n' \
		"$dir/root.img" "$dir/vmlinuz-$kver" "$dir/initrd.img-$kver" "$kver" "$upver"
}

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [[ -f $dir/$stamp_name ]]; then
	kver=$(<"$dir/kver")
	emit
	exit 0
fi
for d in "$cache"/*/; do
	d=${d%/}
	[[ ${d##*/} =~ ^[0-9a-f]{12}$ && $d != "$dir" ]] || continue
	say "removing the stale image $d"
	rm -rf --one-file-system -- "$d" "$d.log"
done

start=$SECONDS
log=$cache/$key.log
tree=$dir/tree
# A finished debootstrap is kept when a later step failed: the next run
# starts from it (the configuration steps below can be run again).
if [[ ! -f $tree/.vasinfo-debootstrapped ]]; then
	rm -rf --one-file-system -- "$dir"
	mkdir -p "$dir"
	say "debootstrapping bookworm into $tree; takes minutes (log: $log)"
	# In a mount namespace of its own, so that nothing debootstrap or the
	# chroot steps mount outlives them, even on failure.
	if ! unshare --mount --propagation private -- \
		debootstrap --include="$packages" bookworm "$tree" "$mirror" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		die "debootstrap failed (log: $log)"
	fi
	touch "$tree/.vasinfo-debootstrapped"
fi

say "configuring the system"
cat >"$tree/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $security bookworm-security main
EOF
echo vasinfo-distro >"$tree/etc/hostname"
printf '127.0.1.1\tvasinfo-distro\n' >>"$tree/etc/hosts"
echo '/dev/vda / ext4 defaults 0 1' >"$tree/etc/fstab"
# The test's service and what it runs (the payload disk brings the rest).
install -m 644 "$here/vasinfo-distro.service" "$tree/etc/systemd/system/"
install -m 755 "$here/guest-run" "$tree/usr/local/sbin/vasinfo-distro-run"
# shellcheck disable=SC2016 # expanded by the chroot's shell
unshare --mount --propagation private -- /bin/sh -c '
	tree=$1 upver=$2
	mount -t proc proc "$tree/proc"
	cp /etc/resolv.conf "$tree/etc/resolv.conf"
	chroot "$tree" /bin/sh -eux -c "
		id student >/dev/null 2>&1 || useradd -m -s /bin/bash student
		echo \"student ALL=(ALL) NOPASSWD: ALL\" >/etc/sudoers.d/student
		chmod 440 /etc/sudoers.d/student
		passwd -d root
		# An initramfs of the modules this machine needs, not of most of
		# them: the upgrade makes one under emulation, where MODULES=most
		# took minutes (gzip of all of it) and this takes seconds.
		sed -i \"s/^MODULES=.*/MODULES=dep/\" /etc/initramfs-tools/initramfs.conf
		systemctl enable vasinfo-distro.service
		# Nothing the test needs, and minutes under emulation.
		systemctl mask apt-daily.timer apt-daily-upgrade.timer \
			man-db.timer e2scrub_all.timer fstrim.timer \
			systemd-timesyncd.service
		apt-get update
		# The upgrade and whatever apt would fetch with it (pahole, which
		# the 6.12 kbuild package needs), kept for an apt install offline.
		apt-get clean
		apt-get install -y --download-only linux-image-$upver linux-headers-$upver
		mkdir -p /opt/vasinfo/kernel
		mv /var/cache/apt/archives/*.deb /opt/vasinfo/kernel/
		apt-get clean
		rm -rf /var/lib/apt/lists/*
	"
	rm -f "$tree/etc/resolv.conf"
' sh "$tree" "$upver" >>"$log" 2>&1 || {
	tail -n 30 "$log" >&2
	die "configuring the image failed (log: $log)"
}
ls "$tree/opt/vasinfo/kernel/linux-image-${upver}"_*.deb >/dev/null ||
	die "the $upver packages were not downloaded (log: $log)"
# debootstrap installs from bookworm itself, whose kernel may be a point
# release behind the security suite's: the image's kernel is what it has.
kver=$(find "$tree/boot" -name "vmlinuz-*" -printf "%f\n" | sed "s/^vmlinuz-//" | sort -V | tail -n1)
[[ -n $kver && -f $tree/boot/initrd.img-$kver ]] || die "no kernel and initramfs in the image's /boot (log: $log)"
cp "$tree/boot/vmlinuz-$kver" "$tree/boot/initrd.img-$kver" "$dir/"
echo "$kver" >"$dir/kver"

say "making the file system image"
# Room for dkms builds, a second kernel and its headers.
rm -f "$tree/.vasinfo-debootstrapped"
mkfs.ext4 -q -F -L vasinfo-root -d "$tree" "$dir/root.img" 6G >>"$log" 2>&1 ||
	die "mkfs.ext4 -d failed (log: $log)"
rm -rf --one-file-system -- "$tree"
echo "built $(date -u +%FT%TZ) in $((SECONDS - start)) s" >"$dir/$stamp_name"
say "image made in $((SECONDS - start)) s: $dir/root.img"
emit
