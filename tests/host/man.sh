#!/bin/bash
# SPDX-License-Identifier: MIT
# The man pages: made from docs/man/vasinfo.md, rendered by man(1) without
# a warning, and true to the code: every command of `vasinfo --help` has
# its entry in vasinfo(1), every request of include/vasinfo.h and every
# errno of docs/security.md's table has its entry in vasinfo(4).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/man
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "KTAP version 1"
echo "# suite: man pages"
"$root/scripts/man.sh" "$out" >/dev/null
result $? "scripts/man.sh makes vasinfo.1 and vasinfo.4 from docs/man/vasinfo.md"
for page in vasinfo.1 vasinfo.4; do
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$out/$page" 2>&1 >/dev/null)
	lines=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$out/$page" 2>/dev/null | wc -l)
	[[ -z $warn && $lines -gt 40 ]]
	result $? "$page renders without warnings ($lines lines)"
	[[ -n $warn ]] && echo "$warn" | head -5 | sed 's/^/# /'
done

# Each command the client lists, as a tagged entry of vasinfo(1).
cmds=$("$root/build/host/vasinfo" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
missing=()
for c in $cmds; do
	grep -q "^\\\\fB$c\\\\fR" "$out/vasinfo.1" || missing+=("$c")
done
[[ -n $cmds && ${#missing[@]} == 0 ]]
result $? "vasinfo(1) describes every command of vasinfo --help ($(echo $cmds | wc -w))${missing:+; missing: ${missing[*]}}"

reqs=$(grep -o '^#define VASINFO_IOC_[A-Z_]*' "$root/include/vasinfo.h" | awk '{ print $2 }' | grep -v MAGIC)
missing=()
for r in $reqs; do
	grep -q "^\\\\fB${r//_/\\_}\\\\fR\$\|^\\\\fB$r\\\\fR\$" "$out/vasinfo.4" || missing+=("$r")
done
[[ -n $reqs && ${#missing[@]} == 0 ]]
result $? "vasinfo(4) describes every request of include/vasinfo.h ($(echo $reqs | wc -w))${missing:+; missing: ${missing[*]}}"

errs=$(sed -n '/^## Hostile input/,/^## /p' "$root/docs/security.md" | grep -o '`E[A-Z0-9]*`' | tr -d '`' | sort -u)
missing=()
for e in $errs; do
	grep -q "^\\\\fB$e\\\\fR\$" "$out/vasinfo.4" || missing+=("$e")
done
[[ -n $errs && ${#missing[@]} == 0 ]]
result $? "vasinfo(4) lists every errno of docs/security.md ($(echo $errs | wc -w))${missing:+; missing: ${missing[*]}}"
