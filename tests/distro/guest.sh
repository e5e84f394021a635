#!/bin/bash
# SPDX-License-Identifier: MIT
# The distro test inside the Debian guest (tests/distro/run.sh), as root,
# from the read-only payload disk at /mnt/payload: debs/ (the packages of
# make deb), src/ (the source tree), kernel.env (UPGRADE_KVER).
#   guest.sh 1   on the image's own kernel: install the packages offline,
#                use them as a user, upgrade the kernel
#   guest.sh 2   on the upgraded kernel: use the module dkms built for it,
#                purge, then the source route (make install / uninstall)
# Prints "ok - ..." / "not ok - ..." lines and "# ..." diagnostics; the
# host numbers them.
set -uo pipefail
phase=${1:-}
payload=/mnt/payload
# shellcheck source=/dev/null
. "$payload/kernel.env"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

check() { # check DESCRIPTION CMD...: ok when CMD succeeds; its output as diagnostics on failure
	local what=$1 outp st
	shift
	outp=$("$@" 2>&1)
	st=$?
	if ((st == 0)); then
		echo "ok - $what"
	else
		echo "not ok - $what (exit $st)"
		tail -n 25 <<<"$outp" | sed 's/^/# /'
	fi
	return $st
}
show() { # show CMD...: the command and its output, as diagnostics
	echo "# \$ $*"
	"$@" 2>&1 | sed 's/^/# /'
}
as_user() { sudo -u student -H -- "$@"; }

# The one-line error a user gets, and that it says what to do.
error_says() { # error_says WHAT CMD...
	local what=$1 outp
	shift
	outp=$(as_user "$@" 2>&1) && return 1
	echo "# $(head -n 3 <<<"$outp" | tr '\n' ' ')"
	grep -qF -- "$what" <<<"$outp"
}

version=$(cat "$payload/version")

use_module() { # the checks a user's first minutes make, on any kernel
	check "modprobe vasinfo loads the module on $(uname -r)" modprobe vasinfo
	check "/dev/vasinfo exists, made by udev" test -c /dev/vasinfo
	mode=$(stat -c %a /dev/vasinfo 2>/dev/null)
	rule_mode=$(grep -hv '^#' /etc/udev/rules.d/*vasinfo*.rules /lib/udev/rules.d/*vasinfo*.rules \
		/usr/lib/udev/rules.d/*vasinfo*.rules 2>/dev/null |
		sed -n 's/.*MODE="\{0,1\}\([0-7]*\).*/\1/p' | head -n1)
	[[ -n $rule_mode && ${mode: -3} == "${rule_mode: -3}" ]]
	check "/dev/vasinfo has the udev rule's mode ($mode, rule ${rule_mode:-none})" test $? = 0
	check "the module loaded is vasinfo $version" \
		grep -qx "$version" /sys/module/vasinfo/version
	check "a user runs 'vasinfo maps PID' on their shell" \
		as_user bash -c 'vasinfo maps $$ | grep -q "\[stack\]"'
	check "a user runs 'vasinfo self'" as_user vasinfo self
	# shellcheck disable=SC2016 # the user's shell expands it
	check "a user runs 'vasinfo translate' on their process" \
		as_user bash -c 'vasinfo translate $$ "0x$(grep -m1 stack /proc/$$/maps | cut -d- -f1)"'
}

# docs/lab.md's steps on a real Debian: procps's free and pmap, the lab's
# programs built by the student against the installed libvasinfo-dev, and
# each step's status checked against the sheet by scripts/lab.sh.
lab() {
	local src=/tmp/vasinfo-src log=/tmp/lab.log steps
	rm -rf "$src" && cp -r "$payload/src" "$src"
	check "the student builds memory-user and va against the installed libvasinfo" \
		as_user bash -c "cd && cc -O2 -o memory-user $src/labs/memory-user.c -lm &&
			cc -O2 -o va $src/labs/va.c \$(pkg-config --cflags --libs vasinfo)"
	install -m 755 /home/student/memory-user /home/student/va /usr/local/bin/
	sh "$src/tests/vm/guest-lab.sh" >"$log" 2>&1
	steps=$("$src/scripts/lab.sh" --steps "$log")
	sed -n 's/^\(not \)\{0,1\}ok [0-9]* - /\1ok - lab: /p' <<<"$steps"
	check "lab: 'pmap -X' is procps's (its header names the columns)" \
		grep -q '^ *Address Perm' "$log"
	check "lab: 'free -m' is procps's" grep -q '^Mem: ' "$log"
	grep -q '^not ok' <<<"$steps" && sed 's/^/# /' "$log"
	rm -f /usr/local/bin/memory-user /usr/local/bin/va
}

# A module of another ABI major than the installed client (a half-done
# upgrade, or a module built from another tree): the client says so in one
# line and what to do, instead of misreading the module's answers.
abi_mismatch() {
	local abi=/tmp/vasinfo-abi2
	rm -rf "$abi" && cp -r "$payload/src" "$abi"
	sed -i 's/^#define VASINFO_ABI_MAJOR 1$/#define VASINFO_ABI_MAJOR 2/' "$abi/include/vasinfo.h"
	check "a module of ABI 2.x builds from a changed copy of the tree" \
		bash -c "grep -q 'VASINFO_ABI_MAJOR 2' $abi/include/vasinfo.h && make -s -C $abi module"
	rmmod vasinfo
	insmod "$abi/vasinfo.ko"
	check "client of ABI 1, module of ABI 2: the client says so and what to do" \
		error_says "module speaks ABI 2." vasinfo self
	rmmod vasinfo
	modprobe vasinfo
	check "the packaged module is back" grep -qx "$version" /sys/module/vasinfo/version
}

case $phase in
1)
	echo "# $(uname -r); $(grep -m1 PRETTY_NAME /etc/os-release)"
	check "systemd is PID 1" test "$(cat /proc/1/comm)" = systemd
	show ls "$payload/debs"
	debs=("$payload"/debs/*.deb)
	# No network in here and no package lists: apt can only succeed if
	# everything the packages depend on is in a bookworm system already.
	check "apt install of ${#debs[@]} packages, offline" \
		apt-get install -y "${debs[@]}"
	show dkms status
	check "dkms built and installed vasinfo $version for $(uname -r)" \
		bash -c "dkms status vasinfo | grep -F >/dev/null '$version, $(uname -r), x86_64: installed'"
	use_module
	check "a program built with \`cc \$(pkg-config --cflags --libs vasinfo)\` translates its own stack" \
		as_user bash -c "cd && cc -o stack $payload/stack.c \$(pkg-config --cflags --libs vasinfo) && ./stack"

	lab

	# What a user sees when something is off: one line, what to do.
	rmmod vasinfo
	check "module not loaded: the client says to modprobe it" \
		error_says "modprobe vasinfo" vasinfo self
	modprobe vasinfo
	chmod 600 /dev/vasinfo
	check "/dev/vasinfo not readable: the client says so, with the device" \
		error_says "/dev/vasinfo" vasinfo self
	# udev, not only the module's own request at creation, sets the mode:
	# an add event puts the rule's mode back.
	udevadm trigger --action=add --sysname-match=vasinfo
	udevadm settle
	check "udev's rule gives /dev/vasinfo back its mode (now $(stat -c %a /dev/vasinfo))" \
		test "$(stat -c %a /dev/vasinfo)" = 666

	# A kernel upgrade: Debian's 6.12, installed as apt does it.
	check "apt install of Debian's $UPGRADE_KVER kernel and headers, offline" \
		apt-get install -y /opt/vasinfo/kernel/*.deb
	show dkms status
	check "dkms built vasinfo for $UPGRADE_KVER as the kernel was installed" \
		bash -c "dkms status vasinfo | grep -F >/dev/null '$version, $UPGRADE_KVER, x86_64: installed'"
	check "the module for $UPGRADE_KVER is in its tree" \
		bash -c "modinfo -k $UPGRADE_KVER -F version vasinfo | grep -qx $version"
	;;
2)
	echo "# $(uname -r) after the upgrade"
	check "booted the upgraded kernel $UPGRADE_KVER" test "$(uname -r)" = "$UPGRADE_KVER"
	show dkms status
	use_module
	abi_mismatch

	check "apt purge of the packages" \
		apt-get purge -y vasinfo-dkms vasinfo libvasinfo0 libvasinfo-dev
	show dkms status
	check "dkms status is empty after the purge" test -z "$(dkms status)"
	check "nothing left in /usr/src" bash -c '! ls -d /usr/src/vasinfo* 2>/dev/null'
	check "no vasinfo.ko left for any kernel" \
		bash -c '! find /lib/modules -name "vasinfo.ko*" | grep -q .'
	check "the module is unloaded and /dev/vasinfo gone" \
		bash -c '! grep -q "^vasinfo " /proc/modules && ! test -e /dev/vasinfo'
	check "no library, header, pkg-config file, client or udev rule left" \
		bash -c '! ls /usr/lib/x86_64-linux-gnu/libvasinfo* /usr/include/*vasinfo* \
			/usr/lib/x86_64-linux-gnu/pkgconfig/vasinfo.pc /usr/bin/vasinfo \
			/lib/udev/rules.d/*vasinfo* /usr/lib/udev/rules.d/*vasinfo* 2>/dev/null'

	# From source, as the README says.
	cp -r "$payload/src" /home/student/vasinfo
	chown -R student: /home/student/vasinfo
	check "make, as a user, in a copy of the tree" as_user make -C /home/student/vasinfo
	check "sudo make install" as_user sudo make -C /home/student/vasinfo install
	use_module
	rmmod vasinfo
	check "sudo make uninstall" as_user sudo make -C /home/student/vasinfo uninstall
	# (The test's own agent, vasinfo-distro-run, lives in /usr/local/sbin.)
	# shellcheck disable=SC2016 # expanded by the inner bash
	check "nothing of make install is left" \
		bash -c 'left=$(find /lib/modules /usr/local /etc/udev -name "*vasinfo*" \
			! -name vasinfo-distro-run); [[ -z $left ]] || { echo "$left"; false; }'
	;;
*)
	echo "Bail out! guest.sh: no such phase '$phase'"
	exit 2
	;;
esac
