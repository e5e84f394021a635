#!/bin/bash
# SPDX-License-Identifier: MIT
# One version: VASINFO_VERSION of include/vasinfo.h. The module
# (MODULE_VERSION), the client (--version), the library (its file name
# and soname) and the man pages' footer take it from there when they are
# built; dkms.conf and debian/changelog must spell it out, since dkms and
# dpkg read them as they are: they are checked here. Prints KTAP.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^#define VASINFO_VERSION "\(.*\)"/\1/p' "$root/include/vasinfo.h")
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "KTAP version 1"
echo "# suite: one version, $version (include/vasinfo.h)"
echo "1..6"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]
result $? "VASINFO_VERSION is MAJOR.MINOR.PATCH: '$version'"

got=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$root/dkms.conf")
[[ $got == "$version" ]]
result $? "dkms.conf's PACKAGE_VERSION is $version ('$got')"

got=$(sed -n '1s/^[a-z0-9.+-]* (\([^)]*\)).*/\1/p' "$root/debian/changelog" 2>/dev/null)
[[ $got == "$version" ]]
result $? "debian/changelog's last entry is $version ('$got')"

grep -q '^MODULE_VERSION(VASINFO_VERSION);' "$root/module/main.c"
result $? "the module's MODULE_VERSION is VASINFO_VERSION"

got=$("$root/build/host/vasinfo" --version 2>/dev/null | head -1)
[[ $got == "vasinfo $version "* ]]
result $? "vasinfo --version says $version ('$got')"

got=$(objdump -p "$root/build/host/libvasinfo.so.$version" 2>/dev/null | awk '$1 == "SONAME" { print $2 }')
[[ $got == "libvasinfo.so.${version%%.*}" ]]
result $? "the library is libvasinfo.so.$version, soname libvasinfo.so.${version%%.*} ('$got')"
