#!/bin/bash
# SPDX-License-Identifier: MIT
# make install into a DESTDIR, as a packager or a user would, for the
# installed stock kernel: every file in its place, the library usable
# through its vasinfo.pc (tests/host/lib.sh on the installed copy), and
# make uninstall removes every file make install put there. Prints KTAP.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kver=$("$root/scripts/stock-kernel.sh") || exit 1
version=$(sed -n 's/^#define VASINFO_VERSION "\(.*\)"/\1/p' "$root/include/vasinfo.h")
major=${version%%.*}
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
diag() { sed 's/^/# /'; }
files() { (cd "$1" && find . \( -type f -o -type l \) | sed 's|^\./|/|' | sort); }

echo "KTAP version 1"
echo "# suite: make install / uninstall (DESTDIR, kernel $kver)"
echo "1..5"
dest=$(mktemp -d)
log=$root/build/install-check.log
mkdir -p "$root/build"
trap 'rm -rf "$dest"' EXIT

make -C "$root" install DESTDIR="$dest" KVER="$kver" >"$log" 2>&1
st=$?
result $st "make install DESTDIR=... KVER=$kver"
[[ $st == 0 ]] || tail -15 "$log" | diag

want="/etc/udev/rules.d/60-vasinfo.rules
/lib/modules/$kver/extra/vasinfo.ko
/usr/local/bin/vasinfo
/usr/local/include/libvasinfo.h
/usr/local/include/vasinfo.h
/usr/local/lib/libvasinfo.a
/usr/local/lib/libvasinfo.so
/usr/local/lib/libvasinfo.so.$major
/usr/local/lib/libvasinfo.so.$version
/usr/local/lib/pkgconfig/vasinfo.pc
/usr/local/share/bash-completion/completions/vasinfo
/usr/local/share/man/man1/vasinfo.1
/usr/local/share/man/man3/libvasinfo.3
/usr/local/share/man/man4/vasinfo.4"
got=$(files "$dest")
[[ $got == "$want" ]]
result $? "it installs the module, client, library, headers, vasinfo.pc, man pages, completion and udev rule ($(wc -l <<<"$got") files)"
[[ $got == "$want" ]] || diff <(echo "$want") <(echo "$got") | grep '^[<>]' | diag

flags=$(PKG_CONFIG_PATH=$dest/usr/local/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest \
	pkg-config --cflags --libs vasinfo 2>&1)
flags=${flags% }
[[ $flags == "-I$dest/usr/local/include -L$dest/usr/local/lib -lvasinfo" ]]
result $? "pkg-config --cflags --libs vasinfo: $flags"

# The installed library and headers, as lib.sh checks the built ones.
"$root/tests/host/lib.sh" "$dest/usr/local/lib" "$dest/usr/local/include" >"$dest.lib" 2>&1
! grep -q '^not ok' "$dest.lib" && grep -q '^ok 4 ' "$dest.lib"
result $? "the installed libvasinfo.so and headers pass tests/host/lib.sh"
grep -v '^ok' "$dest.lib" | grep -v '^KTAP\|^1\.\.' | diag
rm -f "$dest.lib"

make -C "$root" uninstall DESTDIR="$dest" KVER="$kver" >>"$log" 2>&1
st=$?
left=$(files "$dest")
[[ $st == 0 && -z $left ]]
result $? "make uninstall removes every file make install put there"
[[ -z $left ]] || diag <<<"left: $left"
