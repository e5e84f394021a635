#!/bin/bash
# SPDX-License-Identifier: MIT
# make shell, used as a person would, through tmux: wait for the prompt, run
# vasinfo, memory-user, va, pmap -X, free and su, compare what they print
# with the VM's own /proc, poweroff, and see the VM end. Prints KTAP.
#   tests/host/shell.sh      (VASINFO_SHELL_BOOT: seconds to wait for the
#                            prompt, build included; default 240)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sock=vasinfo-shell-$$	# a tmux server of our own
logs=$root/build/check
mkdir -p "$logs"
screen=$logs/shell.screen	# the last capture of the pane
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
diag() { sed 's/^/# /'; }
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT

# Everything the pane showed, wrapped lines joined.
capture() { tm capture-pane -p -J -t shell -S - -E - >"$screen" 2>/dev/null; }

# wait_for PATTERN SECONDS: poll the pane until an ERE matches a line.
wait_for() {
	local end=$((SECONDS + $2))
	while ((SECONDS < end)); do
		capture
		grep -qE "$1" "$screen" && return 0
		sleep 0.5
	done
	return 1
}

# cmd SECONDS COMMAND: type COMMAND and Enter, wait for it to finish; its
# output in $out, its exit status in $rc. The typed line ends with
# 'echo "rc=$? end-$((1000+k))"', which prints what the line itself does not
# contain: "rc=0 end-100k".
k=0 out='' rc=''
cmd() {
	k=$((k + 1))
	local end="end-$((1000 + k))" typed
	typed="$2; echo \"rc=\$? end-\$((1000+$k))\""
	tm send-keys -t shell -l -- "$typed"
	tm send-keys -t shell Enter
	out='' rc=timeout
	wait_for "^rc=[0-9]+ $end\$" "$1" || return 1
	rc=$(grep -E "^rc=[0-9]+ $end\$" "$screen" | sed 's/^rc=\([0-9]*\).*/\1/')
	out=$(awk -v typed="$typed" -v end="$end" '
		index($0, typed) { buf = ""; on = 1; next }
		on && $0 ~ "^rc=[0-9]+ " end "$" { printf "%s", buf; exit }
		on { buf = buf $0 "\n" }' "$screen")
}
show() { printf '%s\n' "$out" | head -20 | diag; }

echo "KTAP version 1"
echo "# suite: make shell, through tmux"
echo "1..10"
command -v tmux >/dev/null || { echo "not ok 1 - tmux is installed (scripts/deps.sh base)"; exit 1; }

start=$SECONDS
tm -f /dev/null start-server \; set -g history-limit 20000 \; \
	new-session -d -s shell -x 200 -y 50 \
	"cd '$root' && make -s shell; echo vasinfo-shell-exit=\$?; sleep 300"
wait_for '^root@vasinfo-vm:~# $' "${VASINFO_SHELL_BOOT:-240}"
st=$?
result $st "make shell: a root prompt after $((SECONDS - start)) s"
if [[ $st != 0 ]]; then
	tail -30 "$screen" | diag
	exit 1
fi
grep -q "vasinfo shell: Debian's kernel .* vasinfo [0-9.]* loaded" "$screen" &&
	grep -q 'memory-user' "$screen" && grep -q 'pmap -X' "$screen" &&
	grep -q 'su - student' "$screen" && grep -q 'Leave with: poweroff' "$screen"
result $? "make shell: the banner names the module, the labs, procps, su - student and poweroff"

# The kernel's own view of PID 1's first three mappings, for comparison.
cmd 30 'head -3 /proc/1/maps'
maps=$out
read -r m_start m_end m_perms < <(sed -n '1s/^\([0-9a-f]*\)-\([0-9a-f]*\) \([-rwxps]*\) .*/\1 \2 \3/p' <<<"$maps")
[[ $rc == 0 && -n ${m_start:-} ]]
result $? "head -3 /proc/1/maps"
[[ -n ${m_start:-} ]] || { show; m_start=0 m_end=0 m_perms=none; }
kb=$(((0x$m_end - 0x$m_start) / 1024))

cmd 30 'vasinfo maps 1 | head'
first=$(grep -m1 -E '^[0-9a-f]{16} ' <<<"$out")
read -r v_start v_kb v_perms _ <<<"$first"
[[ $rc == 0 && $(grep -c . <<<"$out") == 10 && $out == *Address*Kbytes*Perm* &&
	$((0x${v_start:-1})) == $((0x$m_start)) && ${v_kb:-} == "$kb" && ${v_perms:-} == "$m_perms" ]]
result $? "vasinfo maps 1 | head: 10 lines; the first region is /proc/1/maps's ($m_start, $kb kB, $m_perms)"
[[ $rc == 0 && $((0x${v_start:-1})) == $((0x$m_start)) ]] || show

cmd 60 'memory-user 10 2'
[[ $rc == 0 && $out =~ memory-user:\ pid\ [0-9]+,\ 10\ MB\ at\ 0x[0-9a-f]+ &&
	$out == *"all 10 MB touched"* && $out == *"time limit of 2 s reached"* ]]
result $? "memory-user 10 2: its pid and array, all touched, exit 0 after 2 s"
[[ $rc == 0 ]] || show

cmd 30 'pmap -X 1'
first=$(grep -m1 -E '^ *[0-9a-f]+ [-rwxps]{4} ' <<<"$out")
read -r p_start p_perms _ _ _ p_kb _ <<<"$first"
[[ $rc == 0 && $out =~ Address\ +Perm\ +Offset\ +Device\ +Inode\ +Size\ +Rss\ +Pss &&
	$out == *busybox* && $((0x${p_start:-1})) == $((0x$m_start)) && ${p_kb:-} == "$kb" &&
	${p_perms:-} == "$m_perms" ]]
result $? "pmap -X 1: procps's extended format; the first mapping is /proc/1/maps's ($m_start, $kb kB, $m_perms)"
[[ $rc == 0 && $((0x${p_start:-1})) == $((0x$m_start)) ]] || show

cmd 30 'grep MemTotal /proc/meminfo'
memtotal=$(awk '/^MemTotal:/ { print $2 }' <<<"$out")
cmd 30 'free'
read -r _ total _ <<<"$(grep '^Mem:' <<<"$out")"
[[ $rc == 0 && -n ${memtotal:-} && ${total:-} == "$memtotal" && $out == *available* ]]
result $? "free: Mem total ${total:-?} kB is /proc/meminfo's MemTotal (${memtotal:-?} kB)"
[[ $rc == 0 && ${total:-} == "${memtotal:-}" ]] || show

cmd 30 'ps --version'
[[ $rc == 0 && $out == *procps-ng* ]]
result $? "ps is Debian's procps, not busybox's applet"
[[ $rc == 0 && $out == *procps-ng* ]] || show

cmd 30 "su student -c 'id -u; va'"
[[ $rc == 0 && $(head -1 <<<"$out") == 1000 && $out == *"location of stack: 0x"* &&
	$(grep -c 'frame hidden' <<<"$out") == 3 ]]
result $? "su student -c 'id -u; va': uid 1000, va's three addresses, frames hidden"
[[ $rc == 0 ]] || show

start=$SECONDS
tm send-keys -t shell -l -- 'poweroff'
tm send-keys -t shell Enter
wait_for '^vasinfo-shell-exit=[0-9]+$' 60
st=$?
grep -q '^vasinfo-shell-exit=0$' "$screen"
result $? "poweroff: the VM ended cleanly within $((SECONDS - start)) s (make shell exit 0)"
[[ $st == 0 ]] || tail -10 "$screen" | diag
exit 0
