#!/bin/bash
# SPDX-License-Identifier: MIT
# dkms add / build / remove against the installed stock headers, as a
# packager would, from what make install-dkms puts in /usr/src; and what
# the module holds, built by dkms and by make module: no exported symbol,
# no test code (scripts/ko-check.sh). Prints KTAP.
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
diag() { [[ -z $1 ]] || while IFS= read -r l; do echo "# $l"; done <<<"$1"; }
echo "KTAP version 1"
echo "# suite: dkms ($name $ver, kernel $kver)"
echo "1..9"

cleanup() {
	dkms remove -m "$name" -v "$ver" --all >/dev/null 2>&1
	rm -rf "$src"
}
cleanup
log=$(mktemp)
# The files the vasinfo-dkms package holds, and only those: a copy of
# module/ would carry the objects of an earlier make module along.
make -s -C "$root" install-dkms >"$log" 2>&1 &&
	dkms add -m "$name" -v "$ver" >>"$log" 2>&1
result $? "dkms add $name/$ver"
dkms build -m "$name" -v "$ver" -k "$kver" >>"$log" 2>&1
st=$?
result $st "dkms build against linux-headers-$kver"
[[ $st == 0 ]] || sed 's/^/# /' "$log" | tail -20
ko=$(find "/var/lib/dkms/$name/$ver/$kver" -name "$name.ko*" 2>/dev/null | head -1)
[[ -n $ko ]] && modinfo -F vermagic "$ko" | grep -q "^$kver "
result $? "the dkms-built module's vermagic is $kver"
why=$("$root/scripts/ko-check.sh" "$ko")
result $? "the dkms-built module exports nothing and holds no test code"
diag "$why"
dkms status -m "$name" -v "$ver" -k "$kver" 2>/dev/null | grep -q built
result $? "dkms status says built"
dkms remove -m "$name" -v "$ver" --all >>"$log" 2>&1
result $? "dkms remove"
cleanup

# make module, as a user would: the same checks, and its Module.symvers
# (modpost's list of what the module exports) is empty.
kdir=/lib/modules/$kver/build
out=$root/build/module-dkms-check
"$root/scripts/build-module.sh" "$kdir" "$out" >>"$log" 2>&1
st=$?
result $st "vasinfo.ko builds against $kdir (make module)"
why=
[[ $st == 0 ]] && why=$("$root/scripts/ko-check.sh" "$out/vasinfo.ko")
st=$?
[[ -s $out/src/Module.symvers ]] && { st=1; why+=$'\n'"Module.symvers: $(cut -f2 "$out/src/Module.symvers" | tr '\n' ' ')"; }
result $st "that vasinfo.ko exports nothing (Module.symvers empty) and holds no test code"
diag "$why"
# The test build needs a kernel with KUnit. Without one it must stop, not
# make a module that quietly has no suites.
if grep -q '^CONFIG_KUNIT=[ym]' "$kdir/.config"; then
	"$root/scripts/build-module.sh" "$kdir" "$out-kunit" VASINFO_KUNIT=1 >>"$log" 2>&1 &&
		why=$("$root/scripts/ko-check.sh" --kunit "$out-kunit/vasinfo.ko")
	result $? "make module VASINFO_KUNIT=1 links the KUnit suites into vasinfo.ko, which still exports nothing"
	diag "$why"
else
	! "$root/scripts/build-module.sh" "$kdir" "$out-kunit" VASINFO_KUNIT=1 >>"$log" 2>&1 &&
		grep -q 'VASINFO_KUNIT=1: the kernel in .* has no CONFIG_KUNIT' "$out-kunit/build.log"
	result $? "make module VASINFO_KUNIT=1 stops with a message: $kver has no KUnit"
fi
rm -f "$log"
