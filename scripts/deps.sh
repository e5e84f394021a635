#!/bin/bash
# SPDX-License-Identifier: MIT
# Install the Debian packages the build and the tests need, when missing.
#   scripts/deps.sh [base] [kunit] [...]   groups, default: base
# man: what make man needs (make check's base has it too). Groups that
# the tiers and targets using them install themselves: lint (shellcheck), view (chromium, to
# render `vasinfo layout --svg` pictures headless and look), matrix (what
# scripts/build-matrix.sh needs besides the kernels it fetches), arm64 (the
# cross compiler for the arm64 kernels of build-matrix.sh), arm64-vm (what
# tests/vm/tier.sh needs besides for an arm64 kernel), deb (make deb).
set -euo pipefail

declare -A groups=(
	[base]="build-essential make gcc libc6-dev kmod cpio gzip busybox-static qemu-system-x86 linux-image-amd64 linux-headers-amd64 dkms procps tmux man-db groff-base pandoc"
	# scripts/man.sh converts with pandoc; tests/host/man.sh renders with man
	[man]="pandoc man-db groff-base"
	# the debug kernel (scripts/debug-kernel.sh); its source is linux-source-6.1
	[kunit]="linux-source-6.1 build-essential gcc make libc6-dev flex bison bc libelf-dev libssl-dev cpio xz-utils kmod util-linux"
	# scripts/debug-kernel.sh 6.12: the same, from linux-source-6.12
	[kunit-6.12]="linux-source-6.12 build-essential gcc make libc6-dev flex bison bc libelf-dev libssl-dev cpio xz-utils kmod util-linux"
	# make check's lint tier: the kernel's checkpatch.pl, kernel-doc and .clang-format
	# come from linux-source-6.1
	[lint]="shellcheck sparse clang-format perl xz-utils linux-source-6.1"
	# make bench-profile: perf inside the VM
	[profile]="linux-perf"
	[view]="chromium"
	# libFuzzer (clang -fsanitize=fuzzer), llvm-symbolizer for its stack traces
	[fuzz]="clang libclang-rt-dev llvm"
	# scripts/build-matrix.sh: pahole makes module BTF on the host kernels
	# (6.12), gcc-12 builds 5.10, 6.1 and 6.12; scripts/debian-kernel.sh fetches
	# with apt and the archive's keyring, debootstraps (wget, gpgv) the sid root
	[matrix]="dwarves gcc-12 make binutils wget gpgv debian-archive-keyring util-linux"
	# arm64 kernels (scripts/debian-kernel.sh's *-arm64* series): the cross
	# compiler their headers ask for (aarch64-linux-gnu-gcc-12 on bookworm)
	[arm64]="gcc-aarch64-linux-gnu"
	# tests/vm/tier.sh debian:*-arm64*: the VM, its static programs, its initramfs
	[arm64-vm]="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm cpio gzip"
	# make deb and the deb tier: Debian's own packaging tools (debhelper
	# compat 13, dh-dkms), lintian on the result, pkg-config to try the
	# -dev package, man pages (pandoc), the dkms package built (dkms, headers)
	[deb]="debhelper dh-dkms dpkg-dev fakeroot lintian pkg-config pandoc man-db groff-base build-essential dkms linux-headers-amd64"
	# tests/distro/: a Debian system debootstrapped into an ext4 image
	# (mkfs.ext4 -d; debugfs reads files back out of it) and booted by qemu
	[distro]="debootstrap debian-archive-keyring e2fsprogs util-linux qemu-system-x86"
)

want=()
for g in "${@:-base}"; do
	[[ -n "${groups[$g]:-}" ]] || { echo "deps.sh: unknown group '$g'" >&2; exit 2; }
	read -ra pkgs <<<"${groups[$g]}"
	want+=("${pkgs[@]}")
done

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
((${#missing[@]})) || exit 0

if [[ $(id -u) != 0 ]]; then
	echo "vasinfo: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
	exit 1
fi
echo "vasinfo: installing ${missing[*]}" >&2
apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	"${missing[@]}" >&2
