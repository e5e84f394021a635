#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot a kernel with our initramfs under qemu and bring out what the guest
# wrote on its second serial port.
#   tests/vm/run.sh KERNEL INITRD MODE OUTDIR [TIMEOUT] [EXTRA_APPEND]
# OUTDIR/console.log: everything the kernel printed (ttyS0; arm64: ttyAMA0)
# OUTDIR/results.log: the guest scripts' output (ttyS1; arm64: ttyS0, a PCI
# serial port), \r removed
# VASINFO_VM_ARCH: amd64 (qemu-system-x86_64, the default) or arm64
# (qemu-system-aarch64, its virt machine).
# OUTDIR/boot-retried: present when a first boot panicked before the guest's
# init ran (its console kept as console-boot1.log) and the VM was booted again
# Exit status: 0 when the guest reached the end of its script, else 1.
# MODE shell: ttyS0 is this terminal instead (Ctrl-A X leaves qemu), and
# TIMEOUT 0 means none.
set -euo pipefail
kernel=$1 initrd=$2 mode=$3 out=$4 limit=${5:-600} extra=${6:-}
mkdir -p "$out"
rm -f "$out/console.log" "$out/console-boot1.log" "$out/boot-retried" \
	"$out/results.raw" "$out/results.log"

# KVM did not work on these machines (FIELD-NOTES); use it only on request.
accel=(-accel tcg -cpu max)
[[ ${VASINFO_ACCEL:-tcg} == kvm ]] && accel=(-accel kvm -cpu host)

console=(-serial "file:$out/console.log") stdin=/dev/null
[[ $mode == shell ]] && console=(-serial mon:stdio) stdin=/dev/stdin
results=(-serial "file:$out/results.raw")
qemu=qemu-system-x86_64 tty=ttyS0
if [[ ${VASINFO_VM_ARCH:-amd64} == arm64 ]]; then
	# pauth-impdef: pointer authentication with a cheap hash; plain
	# -cpu max emulates QARMA in software, 3-5 times slower (FIELD-NOTES).
	qemu=qemu-system-aarch64 tty=ttyAMA0
	accel=(-M virt -accel tcg -cpu "max,pauth-impdef=on")
	# virt has one UART, the console; the results go to a PCI serial
	# port, the guest's ttyS0 (8250 is built into Debian's arm64 kernel).
	results=(-chardev "file,id=results,path=$out/results.raw"
		-device "pci-serial,chardev=results")
	extra="vasinfo.port=ttyS0 $extra"
fi
boot() {
	status=0
	timeout --foreground -k 10 "$limit" "$qemu" "${accel[@]}" \
		-smp 2 -m "${VASINFO_VM_MEM:-3G}" -display none -no-reboot -monitor none \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=$tty panic=-1 oops=panic vasinfo.mode=$mode $extra" \
		"${console[@]}" "${results[@]}" \
		<"$stdin" || status=$?
}
boot
# A kernel that panics before PID 1 wrote its first line has not met
# vasinfo yet (the module loads later, from the guest's script). The debug
# kernel under TCG has done so, rarely and not reproducibly, in early boot
# (KASAN in do_raw_spin_lock, before the second CPU came up): boot once
# more, keeping the first console and saying so in boot-retried.
if [[ $mode != shell ]] && ! grep -q '^vasinfo-vm: init' "$out/results.raw" &&
	grep -q 'Kernel panic' "$out/console.log"; then
	mv "$out/console.log" "$out/console-boot1.log"
	grep -m1 -E 'BUG:|Kernel panic' "$out/console-boot1.log" >"$out/boot-retried"
	echo "run.sh: the kernel panicked before the guest's init ran ($(cat "$out/boot-retried")); booting again" >&2
	: >"$out/results.raw"
	boot
fi
tr -d '\r' <"$out/results.raw" >"$out/results.log"
if [[ $status == 124 || $status == 137 ]]; then
	echo "run.sh: the VM did not finish within ${limit}s (console: $out/console.log)" >&2
	exit 1
fi
if [[ $mode == shell ]] && ! grep -q '^vasinfo-vm: done$' "$out/results.log"; then
	echo "run.sh: qemu ended before the VM's shell did (Ctrl-A X?; qemu status $status)" >&2
	exit 1
fi
if ! grep -q '^vasinfo-vm: done$' "$out/results.log"; then
	echo "run.sh: the guest did not reach the end of its script (qemu status $status); last console lines:" >&2
	tail -20 "$out/console.log" >&2
	exit 1
fi
