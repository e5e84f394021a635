#!/bin/bash
# SPDX-License-Identifier: MIT
# dkms add / build / remove against the installed stock headers, as a
# packager would. Prints KTAP.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
name=vasinfo
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$root/dkms.conf")
kver=$("$root/scripts/stock-kernel.sh") || exit 1
src=/usr/src/$name-$ver
n=0
result() {
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
echo "KTAP version 1"
echo "# suite: dkms ($name $ver, kernel $kver)"

cleanup() {
	dkms remove -m "$name" -v "$ver" --all >/dev/null 2>&1
	rm -rf "$src"
}
cleanup
mkdir -p "$src"
cp -r "$root/dkms.conf" "$root/Kbuild" "$root/module" "$root/include" "$src/"
log=$(mktemp)
dkms add -m "$name" -v "$ver" >"$log" 2>&1
result $? "dkms add $name/$ver"
dkms build -m "$name" -v "$ver" -k "$kver" >>"$log" 2>&1
st=$?
result $st "dkms build against linux-headers-$kver"
[[ $st == 0 ]] || sed 's/^/# /' "$log" | tail -20
ko=$(find "/var/lib/dkms/$name/$ver/$kver" -name "$name.ko*" 2>/dev/null | head -1)
[[ -n $ko ]] && modinfo -F vermagic "$ko" | grep -q "^$kver "
result $? "the dkms-built module's vermagic is $kver"
dkms status -m "$name" -v "$ver" -k "$kver" 2>/dev/null | grep -q built
result $? "dkms status says built"
dkms remove -m "$name" -v "$ver" --all >>"$log" 2>&1
result $? "dkms remove"
cleanup
rm -f "$log"
