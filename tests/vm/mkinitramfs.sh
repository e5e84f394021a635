#!/bin/bash
# SPDX-License-Identifier: MIT
# Build the VM's initramfs: busybox, our /init and guest scripts, users
# root and student (uid 1000), and everything under STAGE (copied over /).
#   tests/vm/mkinitramfs.sh OUT.cpio.gz STAGE [BUSYBOX]
# BUSYBOX: a static busybox of the guest's architecture (default: this
# machine's, /bin/busybox).
set -euo pipefail
out=$1 stage=$2 busybox=${3:-/bin/busybox}
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,etc/vasinfo,proc,sys,dev,tmp,root,home/student,lib/vasinfo}
cp "$busybox" "$root/bin/busybox"
# The applets of this machine's busybox: a foreign one cannot be run
# here, and tier.sh takes the same bookworm busybox-static for arm64.
for applet in $(/bin/busybox --list); do
	[[ $applet == busybox ]] || ln -s busybox "$root/bin/$applet"
done
install -m 755 "$here/init" "$root/init"
for f in "$here"/guest-*.sh; do
	b=$(basename "$f" .sh)
	install -m 755 "$f" "$root/etc/vasinfo/${b#guest-}.sh"
done
printf 'root:x:0:0:root:/root:/bin/sh\nstudent:x:1000:1000:student:/home/student:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nstudent:x:1000:\n' >"$root/etc/group"
chown 1000:1000 "$root/home/student"
cp -a "$stage/." "$root/"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
