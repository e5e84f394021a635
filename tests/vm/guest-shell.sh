#!/bin/sh
# SPDX-License-Identifier: MIT
# make shell, inside the VM: load the module, print what is there, and
# become an interactive root shell on the console (ttyS0, qemu's stdio).
# /init runs this in the background and powers off when the shell ends or
# when poweroff, halt or reboot signal it.
con=/dev/ttyS0
insmod /lib/vasinfo/vasinfo.ko || echo "make shell: insmod vasinfo.ko failed: $?"
dmesg -n 1	# kernel messages to the log only, not over the prompt

# The host terminal's size and type, from the kernel command line.
rows='' cols='' term=vt100
# shellcheck disable=SC2013 # the command line is words
for w in $(cat /proc/cmdline); do
	case $w in
	vasinfo.rows=*) rows=${w#vasinfo.rows=} ;;
	vasinfo.cols=*) cols=${w#vasinfo.cols=} ;;
	vasinfo.term=*) term=${w#vasinfo.term=} ;;
	esac
done
[ -n "$rows" ] && [ -n "$cols" ] && stty -F $con rows "$rows" cols "$cols"

# Debian's procps (ps, free, pmap -X, vmstat) is in /usr/local/bin; the
# labs are in /usr/bin. busybox's shell runs its own applets (ps, free)
# before it looks at PATH: aliases, in the file every interactive shell
# reads ($ENV, so su shells too), make procps's win.
cat >/etc/profile <<EOF
export PATH=/usr/local/bin:/usr/bin:/bin:/sbin
export TERM=$term
export PS1='\\u@\\h:\\w\\$ '
export ENV=/etc/shrc
cd "\$HOME" 2>/dev/null
EOF
: >/etc/shrc
for p in /usr/local/bin/*; do
	[ -x "$p" ] && echo "alias ${p##*/}=$p" >>/etc/shrc
done
procps="busybox's ps, free and pmap (procps was not found on the build machine)"
[ -x /usr/local/bin/pmap ] && procps="Debian's procps"

cat <<EOF

vasinfo shell: Debian's kernel $(uname -r) in qemu, vasinfo $(cat /sys/module/vasinfo/version 2>/dev/null || echo "NOT") loaded.
  vasinfo maps|translate|range|self ...  the address space, page by page (vasinfo --help)
  memory-user [--rate MBPS] MB [SECONDS] OSTEP ch. 13 homework: use MB megabytes (--help)
  va [--wait]                            OSTEP's va.c: code, heap and stack, translated
  free, ps, pmap -X PID, vmstat          $procps
  su - student                           become an ordinary user (uid 1000); exit to come back
Leave with: poweroff (or exit in this root shell). If stuck: Ctrl-A X.

EOF
export HOME=/root
exec setsid cttyhack sh -l
