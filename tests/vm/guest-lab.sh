#!/bin/sh
# SPDX-License-Identifier: MIT
# The steps of docs/lab.md, run inside the VM (tests/vm/tier.sh stock lab).
# Each step prints "@@step NAME", the command as "$ ...", its output, then
# "@@status NAME RC"; scripts/lab.sh puts them into docs/lab.md.in's
# "@@run NAME@@" lines.
export NO_COLOR=1 TERM=dumb
echo "# kernel $(uname -r)"
# In the busybox VM the module is insmod'ed here; on an installed system
# (tests/distro) modprobe has loaded it already.
grep -q '^vasinfo ' /proc/modules || insmod /lib/vasinfo/vasinfo.ko ||
	{ echo "Bail out! insmod failed"; exit 0; }
cd /tmp || exit 0

# Debian's busybox sh runs its own free, ps and pmap before PATH; the lab
# means procps's (in /usr/local/bin when the image has them).
real() {
	case $1 in
	free* | pmap* | ps*)
		[ -x "/usr/local/bin/${1%% *}" ] && { echo "/usr/local/bin/$1"; return; } ;;
	esac
	echo "$1"
}

step() { # step NAME COMMAND (a shell command line, shown as typed)
	name=$1
	shift
	echo "@@step $name"
	echo "# $*"
	sh -c "$(real "$*")" </dev/null 2>&1
	echo "@@status $name $?"
}
# As the student (uid 1000), as the lab is meant to be done.
student() { # student NAME COMMAND
	name=$1
	shift
	echo "@@step $name"
	echo "\$ $*"
	su student -c "$(real "$*")" </dev/null 2>&1
	echo "@@status $name $?"
}

step free 'free -m'
su student -c 'memory-user 256 8 >/tmp/mu.out 2>&1 &'
sleep 3
mu=$(sed -n 's/^memory-user: pid \([0-9]*\),.*/\1/p' /tmp/mu.out)
echo "@@step memory_user"
echo "\$ memory-user 256 8 &"
cat /tmp/mu.out
echo "@@status memory_user $([ -n "$mu" ] && echo 0 || echo 1)"
step free_during 'free -m'
student pmap "pmap $mu"
student pmap_x "pmap -X $mu | cut -c1-120"
student maps_counts "vasinfo maps --counts $mu"
student layout "vasinfo layout --color=never $mu"
kill "$mu" 2>/dev/null
sleep 0.5

su student -c 'memory-user --rate 2 64 8 >/tmp/mu2.out 2>&1 &'
sleep 1
mu=$(sed -n 's/^memory-user: pid \([0-9]*\),.*/\1/p' /tmp/mu2.out)
student watch "vasinfo watch --count 3 $mu"
kill "$mu" 2>/dev/null

student va "va"
echo "@@step va_root"
echo "# va"
va 2>&1
echo "@@status va_root $?"
step layout_phys "vasinfo layout --color=never --phys \$\$ | head -40"

sleep 1000 &
a=$!
sh -c 'sleep 1000 & wait' &
sleep 0.3
b=$(pgrep -P $! sleep 2>/dev/null || ps -o pid,ppid,comm | awk -v p=$! '$2 == p && $3 == "sleep" { print $1 }')
step shared "vasinfo shared $a $b"
student shared_user "vasinfo shared $a $b"
kill "$a" ${b:+"$b"} 2>/dev/null
# Not in the sheet: the same picture as SVG, for build/lab/layout.svg.
echo "@@svg"
vasinfo layout --phys --svg - $$
echo "@@endsvg"
echo "@@done"
