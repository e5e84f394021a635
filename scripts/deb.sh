#!/bin/bash
# SPDX-License-Identifier: MIT
# make deb: the Debian packages of debian/ (vasinfo-dkms, vasinfo,
# libvasinfo0, libvasinfo-dev), source and binary, unsigned, built by
# dpkg-buildpackage with debhelper and dh-dkms from a copy of the tree
# (dpkg-buildpackage writes into the parent of the tree it builds); then
# lintian on them.
#   scripts/deb.sh [OUTDIR]   default build/deb: the .deb, .dsc, .tar.xz,
#                             .buildinfo and .changes files, build.log,
#                             lintian.txt
# Fails when the versions of include/vasinfo.h, dkms.conf and
# debian/changelog differ, when the build fails, or when lintian reports an
# error (its warnings are in lintian.txt; README's "Debian packages" says
# why each is left). The tools: scripts/deps.sh deb.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/deb}
version=$(sed -n 's/^#define VASINFO_VERSION "\(.*\)"/\1/p' "$root/include/vasinfo.h")
dkms=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$root/dkms.conf")
changelog=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
if [[ $dkms != "$version" || $changelog != "$version" ]]; then
	echo "deb.sh: one version, please: include/vasinfo.h $version, dkms.conf $dkms, debian/changelog $changelog" >&2
	exit 1
fi

rm -rf "$out"
work=$out/src
tree=$work/vasinfo-$version
mkdir -p "$tree"
# The tree as git sees it, new files included, ignored ones (build/) not.
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$root" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [[ -e $f || -L $f ]] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -C "$tree" -xf -
else
	tar -C "$root" --exclude=./build --exclude=./.git -cf - . | tar -C "$tree" -xf -
fi

echo "deb.sh: dpkg-buildpackage -us -uc in $tree (log: $out/build.log)" >&2
if ! (cd "$tree" && dpkg-buildpackage -us -uc) >"$out/build.log" 2>&1; then
	tail -30 "$out/build.log" >&2
	echo "deb.sh: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
	exit 1
fi
find "$work" -maxdepth 1 -type f -exec mv -t "$out" {} +
rm -rf "$work"

changes=$(ls "$out"/vasinfo_"$version"_*.changes)
st=0
lintian --fail-on error --display-info --show-overrides "$changes" >"$out/lintian.txt" 2>&1 || st=$?
cat "$out/lintian.txt" >&2
ls "$out"/*.deb
if ((st)); then
	echo "deb.sh: lintian reports errors (exit $st)" >&2
	exit 1
fi
