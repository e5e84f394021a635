#!/bin/bash
# SPDX-License-Identifier: MIT
# A first arm64 boot, not part of make check yet (issue 13): Debian 12's
# arm64 6.1 kernel under qemu-system-aarch64 (TCG), a busybox:arm64
# initramfs, the module cross-built against that kernel's headers and
# loaded with insmod, and tests/vm/arm64/pagemap1.c comparing a few
# translations with /proc/self/pagemap. KTAP on stdout; exit 0 when they
# all pass and the console shows no BUG, WARNING or Oops.
#   tests/vm/arm64.sh [SERIES]      6.1-arm64 (default) or 6.12-arm64-16k
# Kernel, headers and busybox come from scripts/debian-kernel.sh's cache;
# the build and the console log go to build/arm64/ (VASINFO_ARM64_OUT).
set -euo pipefail
shopt -s inherit_errexit
root=$(cd "$(dirname "$0")/../.." && pwd)
series=${1:-6.1-arm64}
out=${VASINFO_ARM64_OUT:-$root/build/arm64}/$series
dk=$root/scripts/debian-kernel.sh

"$root/scripts/deps.sh" arm64-vm >&2
env=$("$dk" fetch "$series")
KVER='' VMLINUZ='' KARCH=''
eval "$env"
[[ $KARCH == arm64 ]] || { echo "Bail out! $series is not an arm64 kernel"; exit 1; }
busybox=$("$dk" deb busybox-static:arm64)/bin/busybox
[[ -x $busybox ]] || { echo "Bail out! no busybox in busybox-static:arm64"; exit 1; }

rm -rf "$out" && mkdir -p "$out/src" "$out/stage/bin"
cp -r "$root/Kbuild" "$root/module" "$root/include" "$out/src/"
if ! "$dk" make "$series" "$out/src" modules >"$out/build.log" 2>&1 ||
	grep -qE 'warning:|WARNING:' "$out/build.log"; then
	echo "Bail out! the module does not build cleanly for $KVER (log: $out/build.log)"
	exit 1
fi
aarch64-linux-gnu-gcc -static -O2 -Wall -Wextra -Werror -I"$root/include" \
	-o "$out/stage/bin/pagemap1" "$root/tests/vm/arm64/pagemap1.c"
cp "$out/src/vasinfo.ko" "$out/stage/"
cp "$busybox" "$out/stage/bin/busybox"
cat >"$out/stage/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "vasinfo-arm64: $(uname -r) $(uname -m)"
if insmod /vasinfo.ko; then
	/bin/pagemap1
	echo "vasinfo-arm64: exit $?"
else
	echo "Bail out! insmod vasinfo.ko failed"
fi
poweroff -f
INIT
chmod +x "$out/stage/init"
(cd "$out/stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$out/initrd.gz"

# pauth-impdef: pointer authentication with a cheap hash; plain -cpu max
# emulates QARMA in software and boots 3-5 times slower.
start=$SECONDS
timeout 300 qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -accel tcg \
	-smp 2 -m 1G -nographic -no-reboot -kernel "$VMLINUZ" \
	-initrd "$out/initrd.gz" -append "console=ttyAMA0 panic=-1 loglevel=4" \
	</dev/null >"$out/console.log" 2>&1 || true
tr -d '\r' <"$out/console.log" >"$out/console.txt"
echo "# $KVER under qemu-system-aarch64 (TCG) in $((SECONDS - start)) s; console: $out/console.txt"
grep -E '^(KTAP|1\.\.|ok |not ok |# |Bail out!)' "$out/console.txt" || true
if grep -qE 'BUG:|WARNING:|Oops|Call trace:|Kernel panic' "$out/console.txt"; then
	echo "Bail out! the kernel complained (console: $out/console.txt)"
	exit 1
fi
grep -qx 'vasinfo-arm64: exit 0' "$out/console.txt"
