#!/bin/bash
# SPDX-License-Identifier: MIT
# Debian's kernels that vasinfo targets, fetched from Debian's archive with a
# private apt configuration (never the machine's own sources, never its
# installed kernel) and cached outside the clone, in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/vasinfo/kernels
#
#   scripts/debian-kernel.sh series [ARCH]    the series (of amd64 or arm64), one a line
#   scripts/debian-kernel.sh fetch KERNEL     fetch (once); print its paths
#   scripts/debian-kernel.sh make KERNEL DIR [MAKE-ARG...]
#                 make -C KDIR M=DIR MAKE-ARG... with the kernel's toolchain
#   scripts/debian-kernel.sh root KERNEL      make (once) and print the build
#                                             root the kernel needs, if any
#   scripts/debian-kernel.sh deb PACKAGE:ARCH  fetch (once) bookworm's
#                                             package of ARCH (busybox-static
#                                             for an arm64 VM); print its
#                                             unpacked folder
#   scripts/debian-kernel.sh update           refresh the package lists now
#   scripts/debian-kernel.sh prune            delete the kernels no series uses
# KERNEL is a series (5.10, 6.1, 6.12, 7.2, 6.1-arm64, 6.12-arm64-16k: the
# newest ABI of it in the lists) or an exact release to pin one
# (5.10.0-32-amd64).
#
# fetch prints shell assignments (also in CACHE/KVER/kernel.env), for
# `eval "$(scripts/debian-kernel.sh fetch 6.12)"`:
#   KSERIES KVER      series and release (uname -r)
#   KPKGVER KSUITE    the packages' Debian version and suite
#   VMLINUZ           the kernel image
#   KDIR              its headers' build tree: make -C "$KDIR" M=... works
#   MODULES           the kernel's own lib/modules/KVER/kernel (zram, ...)
#   KCC KCC_NOTE      the compiler to build with when it is not the one the
#                     headers ask for, and why; empty when it is
#   KARCH             the kernel's architecture (Debian's name: amd64, arm64)
#   KCROSS            CROSS_COMPILE for a kernel of another architecture
#                     than the host's (`make` passes it); empty for amd64
#   KROOT_SUITE       the suite of the debootstrapped build root the module
#                     must be built in (`make` and `root` use it); empty:
#                     the host's tools are the kernel's own
# Everything is re-created by this script on an empty cache; deleting the
# cache is always safe. The package lists are refreshed when older than
# VASINFO_KERNEL_LISTS_DAYS (7; 0: never by age), and once when a download
# fails (the archive dropped a superseded ABI): a series then moves to its
# newest ABI. Concurrent runs wait for each other (flock); a kernel tree
# appears complete or not at all (built aside, then renamed).
set -euo pipefail
shopt -s inherit_errexit

cache=${XDG_CACHE_HOME:-$HOME/.cache}/vasinfo/kernels
aptdir=$cache/apt
mirror=${VASINFO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${VASINFO_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
lists_days=${VASINFO_KERNEL_LISTS_DAYS:-7}

# The series: which releases belong to each (a regex over the names of the
# linux-headers-KVER packages), and how each is built where the host's
# tools are not the kernel's own.
#  5.10  bullseye and bullseye-security (its LTS updates). Its headers ask
#        for gcc-10, which bookworm cannot install: built with gcc-12.
#  6.1   bookworm-security, with the host's gcc-12 as the headers ask.
#  6.12  bookworm-security's 6.12 (+deb12, built with gcc-12; trixie's 6.12
#        needs gcc-14).
#  7.2   sid. Its headers ask for gcc-16 and its modpost and objtool for
#        glibc 2.38: built in a debootstrapped sid root.
#  6.1-arm64, 6.12-arm64-16k  bookworm-security's arm64 kernels (4 KiB and
#        16 KiB pages), cross-built with aarch64-linux-gnu-gcc-12: their
#        headers' scripts and tools point at linux-kbuild-6.1/6.12, which
#        apt fetches for the host (amd64), the package of the same version.
series_list=(5.10 6.1 6.12 7.2 6.1-arm64 6.12-arm64-16k)
declare -A series_re=(
	[5.10]='5\.10\.0-[0-9]+-amd64'
	[6.1]='6\.1\.0-[0-9]+-amd64'
	[6.12]='6\.12\.[0-9]+\+deb12-amd64'
	[7.2]='7\.2\.[0-9]+\+deb14-amd64'
	[6.1-arm64]='6\.1\.0-[0-9]+-arm64'
	[6.12-arm64-16k]='6\.12\.[0-9]+\+deb12-arm64-16k'
)
declare -A series_arch=([6.1-arm64]=arm64 [6.12-arm64-16k]=arm64)
declare -A arch_cross=([arm64]=aarch64-linux-gnu-)
declare -A series_cc=([5.10]=gcc-12)
declare -A series_cc_note=([5.10]="bullseye's gcc-10 cannot be installed on bookworm")
declare -A series_root=([7.2]=sid)

say() { echo "debian-kernel: $*" >&2; }
die() {
	say "error: $*"
	exit 1
}
usage() {
	sed -n '/^#   scripts.debian-kernel.sh series/,/^# lists) or/s/^# \{0,1\}//p' \
		"${BASH_SOURCE[0]}" >&2
	exit 2
}

apt_opts=(
	-o Dir::Etc::sourcelist="$aptdir/sources.list"
	-o Dir::Etc::sourceparts=-
	-o Dir::State::Lists="$aptdir/lists"
	-o Dir::State::status="$aptdir/status"
	-o Dir::Cache="$aptdir/cache"
	# the machine's apt.conf.d may turn the cache off (Docker images do):
	# without it every apt-cache call parses 40 MB of lists again
	-o Dir::Cache::pkgcache=pkgcache.bin
	-o Dir::Cache::srcpkgcache=
	-o APT::Architecture=amd64
	-o APT::Architectures::=amd64
	# no dpkg --add-architecture: only these lists know of arm64
	-o APT::Architectures::=arm64
	# the downloads go to our cache, which apt's _apt user cannot write
	-o APT::Sandbox::User=root
	-q
)
papt_get() { apt-get "${apt_opts[@]}" "$@"; }
papt_cache() { apt-cache "${apt_opts[@]}" "$@"; }

# --- the private package lists ---

write_sources() {
	mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
	: >"$aptdir/status"
	local s="[signed-by=$keyring arch=amd64]"
	cat >"$aptdir/sources.list.new" <<EOF
deb $s $mirror bullseye main
deb $s $security bullseye-security main
deb ${s%]} arch=amd64,arm64] $security bookworm-security main
deb ${s%]} arch=arm64] $mirror bookworm main
deb $s $mirror sid main
EOF
	if ! cmp -s "$aptdir/sources.list.new" "$aptdir/sources.list"; then
		mv "$aptdir/sources.list.new" "$aptdir/sources.list"
		rm -f "$aptdir/updated"
	else
		rm -f "$aptdir/sources.list.new"
	fi
}

update_lists() { # with the lock held
	write_sources
	say "updating the package lists (bullseye, bullseye-security, bookworm-security, bookworm (arm64), sid)"
	if ! papt_get update >"$aptdir/update.log" 2>&1 ||
		grep -qE '^(W|E): ' "$aptdir/update.log"; then
		sed -n 's/^\([WE]: .*\)/  \1/p' "$aptdir/update.log" >&2
		die "apt-get update failed (log: $aptdir/update.log)"
	fi
	touch "$aptdir/updated"
}

lists_stale() {
	[[ -f $aptdir/updated && -f $aptdir/sources.list ]] || return 0
	((lists_days > 0)) || return 1
	[[ -n $(find "$aptdir/updated" -mtime +"$((lists_days - 1))") ]]
}

# --- which kernel ---

series_of() { # series_of KVER -> its series, or fails
	local s
	for s in "${series_list[@]}"; do
		[[ $1 =~ ^${series_re[$s]}$ ]] && { echo "$s"; return 0; }
	done
	return 1
}

newest_of() { # newest_of SERIES -> the newest KVER with headers in the lists
	papt_cache pkgnames linux-headers- |
		sed -nE "s/^linux-headers-(${series_re[$1]})$/\1/p" | sort -V | tail -n1
}

pkg_field() { # pkg_field PACKAGE[=VERSION] FIELD
	papt_cache show --no-all-versions "$1" 2>/dev/null |
		sed -n "s/^$2: //p" | head -n1
}

# The packages of the kernel's own version PACKAGE depends on (headers:
# -common, kbuild, and base on 7.2; image: binary and modules on 7.2): the
# first of alternatives, not linux-base, the compiler, nor the headers'
# "image or unsigned image", which is fetched by its own name.
linux_deps() { # linux_deps PACKAGE=VERSION
	pkg_field "$1" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*//; s/ //g' |
		grep -E '^linux-(headers|kbuild|base|binary|modules)-[0-9]' || true
}

# --- a kernel tree: CACHE/KVER/{root,debs,kernel.env} ---

env_complete() { # env_complete KVER: its tree is complete, and here
	local f=$cache/$1/kernel.env
	[[ -f $f ]] && grep -qxF "KDIR=$(printf %q "$cache/$1/root/usr/src/linux-headers-$1")" "$f"
}

# fetch_kver KVER SERIES TMP: download the packages of KVER into TMP/debs;
# fails (and says why) when a download fails.
fetch_kver() {
	local kver=$1 series=$2 tmp=$3 ver pkgs=() deps=()
	ver=$(pkg_field "linux-headers-$kver" Version)
	[[ -n $ver ]] || die "linux-headers-$kver is not in the package lists"
	[[ -n $(pkg_field "linux-image-$kver=$ver" Version) ]] ||
		die "linux-image-$kver $ver is not in the package lists"
	mapfile -t deps < <(linux_deps "linux-headers-$kver=$ver"; linux_deps "linux-image-$kver=$ver")
	mapfile -t pkgs < <(printf '%s\n' "linux-headers-$kver" "linux-image-$kver" "${deps[@]}" | sort -u)
	rm -rf --one-file-system "$tmp"
	mkdir -p "$tmp/debs" "$tmp/root"
	say "fetching $kver ($series, $ver): ${pkgs[*]}"
	echo "$ver" >"$tmp/version"
	if ! (cd "$tmp/debs" && papt_get download "${pkgs[@]/%/=$ver}") >"$tmp/download.log" 2>&1; then
		sed -n 's/^\(E: .*\)/  \1/p' "$tmp/download.log" >&2
		return 1
	fi
}

# unpack_kver KVER SERIES TMP: unpack TMP/debs, make the tree work where it
# will be (CACHE/KVER), move it there, then write its kernel.env.
unpack_kver() {
	local kver=$1 series=$2 tmp=$3 dir=$cache/$1 ver suite p root esc
	local kdir=usr/src/linux-headers-$kver vmlinuz modules link target arch
	ver=$(<"$tmp/version")
	suite=$(papt_cache policy "linux-headers-$kver" | awk '/^ +[0-9]+ [a-z]+:/ { print $3; exit }')
	suite=${suite%%/*}
	root=$dir/root # the paths written into the tree point there
	for p in "$tmp"/debs/*.deb; do
		dpkg-deb -x "$p" "$tmp/root" || die "dpkg-deb -x $p failed"
	done
	[[ -f $tmp/root/$kdir/Makefile ]] || die "$kver: no $kdir/Makefile in the headers"
	# The headers' Makefile includes the -common tree by absolute path (and
	# 7.2's sets KBUILD_OUTPUT to itself): point them into the cache.
	esc=$(printf '%s' "$root" | sed 's/[\\&|]/\\&/g')
	sed -i "s|/usr/src/|$esc/usr/src/|g" "$tmp/root/$kdir/Makefile"
	# Absolute symlinks (lib/modules/KVER/build, and scripts and tools in a
	# version that has them so) get the same prefix; the relative ones, as
	# scripts -> ../../lib/linux-kbuild-*/scripts in all four today, resolve
	# inside the tree as they are.
	while IFS= read -r -d '' link; do
		target=$(readlink "$link")
		ln -sfn "$root$target" "$link"
	done < <(find "$tmp/root" -type l -lname '/*' -print0)

	for vmlinuz in "boot/vmlinuz-$kver" "usr/lib/modules/$kver/vmlinuz" ""; do
		[[ -n $vmlinuz && -f $tmp/root/$vmlinuz ]] && break
	done
	[[ -n $vmlinuz ]] || die "$kver: no vmlinuz in $tmp/root"
	for modules in "lib/modules/$kver/kernel" "usr/lib/modules/$kver/kernel" ""; do
		[[ -n $modules && -d $tmp/root/$modules ]] && break
	done
	[[ -n $modules ]] || die "$kver: no lib/modules/$kver/kernel in $tmp/root"

	# Keep the headers' packages, for a build root; the image and the
	# modules are in root/ already.
	for p in "$tmp"/debs/*.deb; do
		case ${p##*/} in
		linux-headers-* | linux-kbuild-*) ;;
		*) rm -f "$p" ;;
		esac
	done
	rm -rf --one-file-system "$dir"
	mv "$tmp" "$dir"
	# Only now do the rewritten paths resolve: check them, then write the
	# kernel.env that marks the tree complete.
	for p in Makefile Module.symvers .config scripts/mod/modpost scripts/Makefile.build; do
		[[ -e $root/$kdir/$p ]] || die "$kver: $root/$kdir/$p does not resolve"
	done
	# The release a module's vermagic will carry:
	grep -qF "\"$kver\"" "$root/$kdir/include/generated/utsrelease.h" ||
		die "$kver: $root/$kdir/include/generated/utsrelease.h is not $kver's"
	make -s -C "$root/$kdir" ${series_cc[$series]:+CC="${series_cc[$series]}"} kernelversion >/dev/null ||
		die "$kver: make -C $root/$kdir kernelversion fails"
	{
		printf 'KSERIES=%q\nKVER=%q\nKPKGVER=%q\nKSUITE=%q\n' "$series" "$kver" "$ver" "$suite"
		printf 'VMLINUZ=%q\nKDIR=%q\nMODULES=%q\n' "$root/$vmlinuz" "$root/$kdir" "$root/$modules"
		printf 'KCC=%q\nKCC_NOTE=%q\nKROOT_SUITE=%q\n' "${series_cc[$series]:-}" \
			"${series_cc_note[$series]:-}" "${series_root[$series]:-}"
		arch=${series_arch[$series]:-amd64}
		printf 'KARCH=%q\nKCROSS=%q\n' "$arch" "${arch_cross[$arch]:-}"
	} >"$dir/kernel.env.new"
	mv "$dir/kernel.env.new" "$dir/kernel.env"
	say "$kver: $(du -sh "$dir" | cut -f1) in $dir"
}

# resolve SPEC -> KVER (SERIES -> the newest ABI, remembered in
# CACHE/series/SERIES until the lists change)
resolve() {
	local spec=$1 series kver
	if [[ -n ${series_re[$spec]:-} ]]; then
		series=$spec
		if [[ -f $cache/series/$series && $cache/series/$series -nt $aptdir/updated ]]; then
			cat "$cache/series/$series"
			return
		fi
		kver=$(newest_of "$series")
		[[ -n $kver ]] || die "no linux-headers-* of series $series in the lists (${series_re[$series]})"
		mkdir -p "$cache/series"
		echo "$kver" >"$cache/series/$series.new"
		mv "$cache/series/$series.new" "$cache/series/$series"
		echo "$kver"
	else
		echo "$spec"
	fi
}

fetch_locked() { # fetch_locked SPEC -> KVER; with the lock held
	local spec=$1 kver series attempt tmp
	# What a run killed half-way left (only the lock's holder makes these):
	rm -rf --one-file-system "$cache"/.tmp-*
	write_sources
	for attempt in 1 2; do
		if ((attempt == 2)) || lists_stale; then
			update_lists
		fi
		kver=$(resolve "$spec")
		series=$(series_of "$kver") || die "$spec: not a release of a known series (${series_list[*]})"
		env_complete "$kver" && { echo "$kver"; return; }
		tmp=$cache/.tmp-$kver.$$
		if fetch_kver "$kver" "$series" "$tmp"; then
			unpack_kver "$kver" "$series" "$tmp"
			echo "$kver"
			return
		fi
		rm -rf --one-file-system "$tmp"
		((attempt == 1)) && say "download failed; refreshing the lists and trying again"
	done
	die "could not download $spec (log: the lines above)"
}

locked() { # locked CMD...: run CMD holding the cache's lock
	mkdir -p "$cache"
	(
		exec 9>"$cache/.lock"
		if ! flock -n 9; then
			say "waiting for another debian-kernel.sh run"
			flock 9
		fi
		"$@"
	)
}

fetch() { # fetch SPEC -> KVER
	local kver
	# Fast path, no lock: a series already resolved against lists that are
	# fresh enough, or a pinned release, whose tree is complete.
	if [[ -z ${series_re[$1]:-} ]]; then
		kver=$1
	elif [[ -f $cache/series/$1 && $cache/series/$1 -nt $aptdir/updated ]] && ! lists_stale; then
		kver=$(<"$cache/series/$1")
	fi
	if [[ -n ${kver:-} ]] && env_complete "$kver"; then
		echo "$kver"
		return
	fi
	locked fetch_locked "$1"
}

# --- build roots: a debootstrapped tree with the toolchain a kernel needs ---

# root_of KVER -> prints the root's path, making it (and putting the
# kernel's headers in it, at their Debian paths) when needed.
root_of() {
	local kver=$1 suite cc dir kdir
	# shellcheck source=/dev/null
	. "$cache/$kver/kernel.env"
	suite=$KROOT_SUITE
	[[ -n $suite ]] || die "$kver is built on the host, not in a root"
	kdir=$cache/$kver/root/usr/src/linux-headers-$kver
	cc=$(sed -n 's/^CC = .*\(gcc-[0-9][0-9]*\)$/\1/p' "$kdir/.kernelvariables")
	[[ -n $cc ]] || die "$kver: no gcc-NN in $kdir/.kernelvariables"
	dir=$cache/roots/$suite-$cc
	mkdir -p "$cache/roots"
	(
		exec 8>"$cache/roots/.lock"
		if ! flock -n 8; then
			say "waiting for another debian-kernel.sh run to finish a build root"
			flock 8
		fi
		make_root "$suite" "$cc" "$dir"
		local mark=$dir/usr/src/linux-headers-$kver/.vasinfo-complete p
		if [[ ! -f $mark ]]; then
			say "putting the $kver headers into $dir"
			# tar, not dpkg-deb -x: a package's ./lib/ would replace the
			# root's lib -> usr/lib link with a directory (5.10's headers
			# have ./lib/modules/), and the root's loader would be gone.
			for p in "$cache/$kver"/debs/*.deb; do
				dpkg-deb --fsys-tarfile "$p" | tar -x --keep-directory-symlink -C "$dir" ||
					die "unpacking $p into $dir failed"
			done
			touch "$mark"
		fi
	) >&2
	echo "$dir"
}

# The packages of a root: the compiler the headers name, make, libc6-dev,
# pahole (module BTF), and the libraries modpost, objtool and the headers'
# prebuilt tools link against. Bump RECIPE when the way a root is made
# changes in a way that changes the result.
ROOT_RECIPE=1
root_packages() { echo "$1,make,libc6-dev,pahole,libelf1t64,libssl3t64,zlib1g"; }

make_root() { # make_root SUITE CC DIR; with the roots' lock held
	local suite=$1 cc=$2 dir=$3 want tmp dbs log=$3.log start=$SECONDS
	want="recipe=$ROOT_RECIPE suite=$suite packages=$(root_packages "$cc")"
	[[ -f $dir/.vasinfo-root && $(<"$dir/.vasinfo-root") == "$want" ]] && return
	((EUID == 0)) || die "making the $suite build root needs root (debootstrap, chroot)"
	# The suite's own debootstrap knows the suite (bookworm's may not know
	# what sid has become); it runs from where it is unpacked.
	dbs=$cache/roots/.debootstrap
	rm -rf --one-file-system "$dbs"
	mkdir -p "$dbs"
	locked update_lists_if_stale
	(cd "$dbs" && papt_get download "debootstrap/$suite") >"$log" 2>&1 ||
		die "apt-get download debootstrap/$suite failed (log: $log)"
	dpkg-deb -x "$dbs"/debootstrap_*.deb "$dbs/x"
	tmp=$dir.tmp.$$
	rm -rf --one-file-system "$dir".tmp.*
	say "debootstrapping $suite ($want) into $dir; takes minutes (log: $log)"
	# In a mount namespace of its own: the /proc (and any /dev) debootstrap
	# mounts in the tree go away with it, even when it fails half-way, so
	# no rm -rf below ever meets a mount.
	if ! unshare --mount --propagation private -- \
		env DEBOOTSTRAP_DIR="$dbs/x/usr/share/debootstrap" \
		"$dbs/x/usr/sbin/debootstrap" --variant=minbase --keyring="$keyring" \
		--include="$(root_packages "$cc")" "$suite" "$tmp" "$mirror" >>"$log" 2>&1; then
		tail -n 20 "$log" >&2
		rm -rf --one-file-system "$tmp"
		die "debootstrap $suite failed (log: $log)"
	fi
	rm -f "$tmp"/var/cache/apt/archives/*.deb
	echo "$want" >"$tmp/.vasinfo-root"
	rm -rf --one-file-system "$dir" "$dbs"
	mv "$tmp" "$dir"
	say "$suite root made in $((SECONDS - start)) s: $(du -sh "$dir" | cut -f1)"
}

update_lists_if_stale() {
	if lists_stale; then
		update_lists
	fi
}

# --- building a module with the kernel's toolchain ---

kmake() { # kmake KVER DIR [MAKE-ARG...]
	local kver=$1 dir root
	dir=$(cd "$2" && pwd -P) || die "no directory $2"
	shift 2
	# shellcheck source=/dev/null
	. "$cache/$kver/kernel.env"
	local args=(-C "$KDIR" M="$dir")
	[[ -n $KCC ]] && args+=(CC="$KCC")
	# The headers set ARCH themselves (.kernelvariables); the compiler's
	# prefix is ours to say. A tree from before KARCH was written is amd64.
	[[ -n ${KCROSS:-} ]] && args+=(CROSS_COMPILE="$KCROSS")
	if [[ -z $KROOT_SUITE ]]; then
		# A parent make's flags or M=/O= must not leak into this one.
		exec env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES -u MAKELEVEL \
			-u KBUILD_OUTPUT -u KBUILD_EXTMOD -u O -u M -u ARCH \
			-u CROSS_COMPILE -u LLVM LC_ALL=C make "${args[@]}" "$@"
	fi
	root=$(root_of "$kver")
	args[1]=/usr/src/linux-headers-$kver
	# DIR is bind-mounted at its own path in the root, so the paths in the
	# build's output are the same inside and out. The mounts live in a mount
	# namespace of their own and end with the build.
	mkdir -p "$root$dir"
	# shellcheck disable=SC2016 # expanded by the inner shell
	exec unshare --mount --propagation private -- /bin/sh -c '
		root=$1 dir=$2
		shift 2
		mount --bind "$dir" "$root$dir" &&
			mount -t proc proc "$root/proc" &&
			exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
				HOME=/root LC_ALL=C make "$@"' sh "$root" "$dir" "${args[@]}" "$@"
}

# --- deb: one package of another architecture, unpacked ---

deb_locked() { # deb_locked PACKAGE:ARCH -> its folder; with the lock held
	local spec=$1 ver dir tmp
	write_sources
	lists_stale && update_lists
	ver=$(pkg_field "$spec" Version)
	[[ -n $ver ]] || die "$spec is not in the package lists"
	dir=$cache/debs/${spec/:/_}_$ver
	if [[ ! -d $dir ]]; then
		tmp=$dir.tmp.$$
		rm -rf --one-file-system "$cache"/debs/*.tmp.*
		mkdir -p "$tmp/deb"
		(cd "$tmp/deb" && papt_get download "$spec=$ver") >"$tmp/download.log" 2>&1 ||
			die "apt-get download $spec=$ver failed (log: $tmp/download.log)"
		dpkg-deb -x "$tmp"/deb/*.deb "$tmp/root" || die "dpkg-deb -x $spec failed"
		mv "$tmp/root" "$dir"
		rm -rf --one-file-system "$tmp"
	fi
	echo "$dir"
}

# --- prune: delete the trees that no series points at ---

prune_locked() {
	local d kver keep=()
	for d in "$cache"/series/*; do
		[[ -f $d ]] && keep+=("$(<"$d")")
	done
	for d in "$cache"/*/; do
		d=${d%/}
		kver=${d##*/}
		[[ -f $d/kernel.env ]] || continue
		[[ " ${keep[*]} " == *" $kver "* ]] && continue
		say "removing $d"
		rm -rf --one-file-system "$d"
	done
}

cmd=${1:-}
(($#)) && shift
case $cmd in
series)
	# series [amd64|arm64]: all, or those of one architecture
	for s in "${series_list[@]}"; do
		case ${1:-} in
		'') ;;
		arm64) [[ $s == *-arm64* ]] || continue ;;
		amd64) [[ $s != *-arm64* ]] || continue ;;
		*) usage ;;
		esac
		echo "$s"
	done
	;;
fetch)
	(($# == 1)) || usage
	kver=$(fetch "$1")
	cat "$cache/$kver/kernel.env"
	;;
root)
	(($# == 1)) || usage
	kver=$(fetch "$1")
	root_of "$kver"
	;;
make)
	(($# >= 2)) || usage
	kver=$(fetch "$1")
	kmake "$kver" "${@:2}"
	;;
deb)
	(($# == 1)) || usage
	locked deb_locked "$1"
	;;
update)
	(($# == 0)) || usage
	locked update_lists
	;;
prune)
	(($# == 0)) || usage
	locked prune_locked
	;;
*)
	usage
	;;
esac
