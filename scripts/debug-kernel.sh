#!/bin/bash
# SPDX-License-Identifier: MIT
# Build (once) a debug kernel of the KUnit/KASAN tier and print its tree.
#   scripts/debug-kernel.sh [SERIES]      6.1 (default) or 6.12
# Stdout: only the path of the built tree, usable as KDIR for
# `make -C TREE M=DIR modules`, with TREE/arch/x86/boot/bzImage in it.
# Stderr: progress; the full build log is TREE/vasinfo-build.log.
#
# The tree is Debian's linux-source-SERIES (both from bookworm's own
# archive) under
#   ${XDG_CACHE_HOME:-$HOME/.cache}/vasinfo/debug-kernel/SERIES/KEY
# configured as `make tinyconfig` + tests/kernel/debug.config (+
# tests/kernel/debug-SERIES.config, what that series needs besides) +
# olddefconfig. KEY hashes the source package's version, the gcc version, the
# fragments and RECIPE below: change any and the next run rebuilds, and
# removes the series' trees of other keys. A complete tree (stamp written
# last) makes this a no-op. 6.12 matters beside 6.1: the RCU-protected PTE
# read and per-CPU RSS counters exist only from 6.5 and 6.2 on.
set -euo pipefail

# Bump when the build steps below change in a way that changes the result.
RECIPE=1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
series=${1:-6.1}
case $series in
6.1 | 6.12) ;;
*)
	echo "debug-kernel: error: unknown series '$series' (6.1 or 6.12)" >&2
	exit 2
	;;
esac
fragment=$here/tests/kernel/debug.config
extra=$here/tests/kernel/debug-$series.config
[[ -f $extra ]] || extra=
srcpkg=linux-source-$series
tarball=/usr/src/$srcpkg.tar.xz
top=${XDG_CACHE_HOME:-$HOME/.cache}/vasinfo/debug-kernel
cache=$top/$series
stamp_name=.vasinfo-complete

say() { echo "debug-kernel: $*" >&2; }
die() { say "error: $*"; exit 1; }

# A parent make (make check) must not leak its flags or M=/O= into ours.
unset MAKEFLAGS MFLAGS MAKEOVERRIDES MAKELEVEL KBUILD_OUTPUT KBUILD_EXTMOD \
	O M ARCH CROSS_COMPILE LLVM KCONFIG_CONFIG

[[ -r $fragment ]] || die "missing $fragment"

# --- build dependencies (the kunit groups of the project's one installer) ---
group=kunit
[[ $series == 6.1 ]] || group=kunit-$series
"$here/scripts/deps.sh" "$group" >&2 || die "the build dependencies are missing (scripts/deps.sh $group)"
[[ -r $tarball ]] || die "$tarball missing although $srcpkg is installed"

# --- the key ---
srcver=$(dpkg-query -W -f='${Version}' "$srcpkg")
gccver=$(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion)
key=$({
	printf 'recipe=%s\nsource=%s %s\ngcc=%s\n' "$RECIPE" "$srcpkg" "$srcver" "$gccver"
	cat "$fragment" ${extra:+"$extra"}
} | sha256sum | cut -c1-12)
tree=$cache/$key
log=$tree/vasinfo-build.log

mkdir -p "$cache"
exec 9>"$top/.lock"
if ! flock -n 9; then
	say "waiting for another debug-kernel.sh run to finish"
	flock 9
fi

# Before 6.12 was added, the 6.1 trees sat directly in $top: keep a complete
# one of the current key rather than building it again.
if [[ ! -e $tree && -f $top/$key/$stamp_name ]]; then
	mv -- "$top/$key" "$tree"
fi

# Keep only the current key's tree.
for d in "$cache"/*/; do
	d=${d%/}
	name=${d##*/}
	[[ $name != "$key" && $name =~ ^[0-9a-f]{12}$ ]] || continue
	say "removing stale build $d"
	rm -rf -- "$d"
done

if [[ -f $tree/$stamp_name && -f $tree/arch/x86/boot/bzImage ]]; then
	echo "$tree"
	exit 0
fi

start=$SECONDS
step() {
	# step DESCRIPTION CMD...: run CMD in the tree, output to the log.
	local what=$1
	shift
	say "$what"
	echo "=== $what: $*" >>"$log"
	if ! (cd "$tree" && "$@") >>"$log" 2>&1; then
		say "error: '$*' failed; last lines of $log:"
		tail -n 40 "$log" >&2
		exit 1
	fi
}

say "building $srcpkg $srcver (key $key) in $tree; takes several minutes"

# --- unpack (redone if a previous run stopped half-way through it) ---
if [[ ! -f $tree/.vasinfo-unpacked ]]; then
	rm -rf -- "$tree"
	mkdir -p "$tree"
	: >"$log"
	step "unpacking $tarball" tar -xJf "$tarball" --strip-components=1
	touch "$tree/.vasinfo-unpacked"
fi

# --- configure, then check every line of the fragment made it ---
jobs=$(nproc)
step "make tinyconfig" make tinyconfig
step "merging ${fragment#"$here"/} ${extra#"$here"/}" \
	./scripts/kconfig/merge_config.sh -m .config "$fragment" ${extra:+"$extra"}
step "make olddefconfig" make olddefconfig

bad=()
while IFS= read -r line; do
	if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
		sym=${BASH_REMATCH[1]}
		grep -qxF -- "$line" "$tree/.config" || bad+=("$sym: wanted ${BASH_REMATCH[2]}, got $(
			grep -m1 -E "^(# )?${sym}[= ]" "$tree/.config" || echo 'absent (dependency not met?)')")
	elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
		sym=${BASH_REMATCH[1]}
		if got=$(grep -m1 -E "^$sym=" "$tree/.config"); then
			bad+=("$sym: wanted not set, got $got")
		fi
	fi
done < <(cat "$fragment" ${extra:+"$extra"})
if ((${#bad[@]})); then
	say "error: olddefconfig did not keep these options of tests/kernel/debug*.config:"
	printf '  %s\n' "${bad[@]}" >&2
	say "see the merge/olddefconfig output in $log"
	exit 1
fi
say "config verified: every option of ${fragment#"$here"/} ${extra#"$here"/} is in .config"

# --- build: bzImage, and modules for Module.symvers (out-of-tree modpost) ---
step "make -j$jobs bzImage modules (the log: $log)" make -j"$jobs" bzImage modules modules_prepare
if grep -q '=m$' "$tree/.config"; then
	rm -rf -- "$tree/modules-install"
	step "make modules_install" make INSTALL_MOD_PATH="$tree/modules-install" modules_install
fi
for f in arch/x86/boot/bzImage vmlinux Module.symvers scripts/mod/modpost; do
	[[ -e $tree/$f ]] || die "build finished but $tree/$f is missing"
done

elapsed=$((SECONDS - start))
printf 'key=%s\nsource=%s %s\ngcc=%s\nrecipe=%s\nbuild_seconds=%s\nrelease=%s\n' \
	"$key" "$srcpkg" "$srcver" "$gccver" "$RECIPE" "$elapsed" \
	"$(cat "$tree/include/config/kernel.release")" >"$tree/$stamp_name"
say "built in ${elapsed}s: $tree/arch/x86/boot/bzImage"
echo "$tree"
