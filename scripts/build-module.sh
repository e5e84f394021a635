#!/bin/bash
# SPDX-License-Identifier: MIT
# Build vasinfo.ko against the kernel tree KDIR in a private copy of the
# sources, so that builds for several kernels do not share objects.
#   scripts/build-module.sh KDIR OUTDIR [make args...]   -> OUTDIR/vasinfo.ko
# KDIR debian:KERNEL: a kernel of scripts/debian-kernel.sh, built with the
# toolchain it asks for (7.2's in a sid root), by its own modpost.
set -euo pipefail
kdir=$1 out=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ $kdir != debian:?* && ! -d $kdir ]]; then
	echo "build-module.sh: no kernel tree at $kdir" >&2
	exit 1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
# No module of an earlier build (or of an earlier layout) is left to copy.
rm -rf "$out/src" "$out"/*.ko
mkdir -p "$out/src"
cp -r "$root/Kbuild" "$root/module" "$root/include" "$out/src/"
[[ -d $root/tests/kunit ]] && mkdir -p "$out/src/tests" && cp -r "$root/tests/kunit" "$out/src/tests/"
if [[ $kdir == debian:* ]]; then
	"$root/scripts/debian-kernel.sh" make "${kdir#debian:}" "$out/src" "$@" modules
else
	make -C "$kdir" M="$out/src" "$@" modules
fi >"$out/build.log" 2>&1 || {
	tail -30 "$out/build.log" >&2
	echo "build-module.sh: module build against $kdir failed (log: $out/build.log)" >&2
	exit 1
}
grep -E 'warning:|WARNING:' "$out/build.log" >&2 && {
	echo "build-module.sh: the module must build without warnings" >&2
	exit 1
}
find "$out/src" -name "*.ko" -exec cp {} "$out/" \;
