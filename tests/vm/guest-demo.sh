#!/bin/sh
# SPDX-License-Identifier: MIT
# What `make demo` shows, run inside the VM.
set -e
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
insmod /lib/vasinfo/vasinfo.ko
echo "Debian's own kernel $(uname -r), vasinfo $(cat /sys/module/vasinfo/version) loaded."

say cat /dev/vasinfo
cat /dev/vasinfo

sleep 1000 &
pid=$!
sleep 0.3 # let it exec
say "exec 3<>/dev/vasinfo; echo pid $pid >&3; cat <&3     # another process: busybox sleep"
exec 3<>/dev/vasinfo
echo "pid $pid" >&3
cat <&3
exec 3<&-
say "cat /proc/$pid/maps     # the kernel's own view of the same process"
cat /proc/$pid/maps
kill $pid

say "su student: echo pid 1 > /dev/vasinfo     # an ordinary user asks for init"
su student -c 'echo pid 1 > /dev/vasinfo' 2>&1 || true

say "vasinfo self     # OSTEP's va.c: every address you see is virtual"
vasinfo self
say "vasinfo translate -v \$\$ ADDR     # the walk, level by level, for this shell's stack"
stack=$(sed -n "s/^[0-9a-f]*-\([0-9a-f]*\) .*\[stack\]$/\1/p" /proc/$$/maps)
stack=$(printf "0x%x" $((0x$stack - 8)))
vasinfo translate -v $$ "$stack"
say "vasinfo maps --counts \$\$"
vasinfo maps --counts $$
say "vasinfo translate --json \$\$ $stack 0x1000     # for scripts"
vasinfo translate --json $$ "$stack" 0x1000
say "vasinfo range \$\$ START END     # the stack as runs"
start=$(sed -n "s/^\([0-9a-f]*\)-[0-9a-f]* .*\[stack\]$/\1/p" /proc/$$/maps)
vasinfo range $$ "0x$start" "$stack"
say "vasinfo layout \$\$     # OSTEP's figure 13.3 for this shell: highest addresses on top"
vasinfo layout $$
say "vasinfo layout --phys \$\$     # and where each region's frames lie in physical RAM"
vasinfo layout --phys $$

/lib/vasinfo/tests/t_watch_shared --grow &
pid=$!
sleep 0.3
say "vasinfo watch --count 3 $pid | cat     # a program filling its heap, page by page"
vasinfo watch --count 3 $pid | cat
say "vasinfo watch --json --count 2 --interval 0.5 $pid     # JSON Lines, one frame a line"
vasinfo watch --json --count 2 --interval 0.5 $pid
kill $pid

/lib/vasinfo/tests/t_watch_shared --pair >/tmp/pair &
holder=$!
while [ ! -s /tmp/pair ]; do sleep 0.1; done
read -r parent child _ </tmp/pair
say "vasinfo shared $parent $child     # after fork: 48 private pages, the child rewrote 20; 8 MAP_SHARED pages"
vasinfo shared "$parent" "$child"
kill $holder

sleep 1000 &
a=$!
sleep 1000 &
b=$!
sleep 0.3
say "vasinfo shared $a $b     # two unrelated busybox sleeps: only the program file is shared"
vasinfo shared "$a" "$b"
kill $a $b
say "su student -c 'vasinfo shared $$ $$'"
su student -c "vasinfo shared $$ $$" 2>&1 || true
