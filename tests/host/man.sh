#!/bin/bash
# SPDX-License-Identifier: MIT
# The man pages: made from docs/man/*.md, rendered by man(1) without a
# warning, and true to the code: every command of `vasinfo --help` has its
# entry in vasinfo(1), every request of include/vasinfo.h and every errno
# of docs/security.md's table has its entry in vasinfo(4), every function
# of userspace/lib/libvasinfo.h has its entry in libvasinfo(3).
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
echo "1..8"
"$root/scripts/man.sh" "$out" >/dev/null
result $? "scripts/man.sh makes vasinfo.1, vasinfo.4 and libvasinfo.3 from docs/man/"
for page in vasinfo.1 vasinfo.4 libvasinfo.3; do
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$out/$page" 2>&1 >/dev/null)
	lines=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$out/$page" 2>/dev/null | wc -l)
	[[ -z $warn && $lines -gt 40 ]]
	result $? "$page renders without warnings ($lines lines)"
	[[ -n $warn ]] && echo "$warn" | head -5 | sed 's/^/# /'
done

# The tags of a page's tagged paragraphs (the line after each .TP), as
# plain text: whatever fonts the converter chose, "maps pid" or "EINTR".
tags() { # tags PAGE
	awk 'prev == ".TP" { print } { prev = $0 }' "$1" |
		sed -e 's/\\f\[[A-Z]*\]//g' -e 's/\\f(..//g' -e 's/\\f.//g' \
			-e 's/\\-/-/g; s/\\[&%]//g'
}
# has_tags PAGE WANT...: prints the WANTs that no tag is, or starts with
# as a word.
has_tags() {
	local page=$1 want all
	shift
	all=$(tags "$page")
	for want in "$@"; do
		grep -qE "^$want( |\$)" <<<"$all" || echo "$want"
	done
}

# Each command the client lists, as a tagged entry of vasinfo(1).
mapfile -t cmds < <("$root/build/host/vasinfo" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
mapfile -t missing < <(has_tags "$out/vasinfo.1" "${cmds[@]}")
((${#cmds[@]} && ${#missing[@]} == 0))
result $? "vasinfo(1) describes every command of vasinfo --help (${#cmds[@]})${missing[*]:+; missing: ${missing[*]}}"

mapfile -t reqs < <(grep -o '^#define VASINFO_IOC_[A-Z_]*' "$root/include/vasinfo.h" | awk '{ print $2 }' | grep -v MAGIC)
mapfile -t missing < <(has_tags "$out/vasinfo.4" "${reqs[@]}")
((${#reqs[@]} && ${#missing[@]} == 0))
result $? "vasinfo(4) describes every request of include/vasinfo.h (${#reqs[@]})${missing[*]:+; missing: ${missing[*]}}"

# shellcheck disable=SC2016 # the backquotes are Markdown's, matched as text
mapfile -t errs < <(sed -n '/^## Hostile input/,/^## /p' "$root/docs/security.md" | grep -o '`E[A-Z0-9]*`' | tr -d '`' | sort -u)
mapfile -t missing < <(has_tags "$out/vasinfo.4" "${errs[@]}")
((${#errs[@]} && ${#missing[@]} == 0))
result $? "vasinfo(4) lists every errno of docs/security.md (${#errs[@]})${missing[*]:+; missing: ${missing[*]}}"

# Each function of the library's header, as the tag of an entry of
# libvasinfo(3) ("int vi_open(void)").
mapfile -t fns < <(grep -o '\bvi_[a-z0-9_]*(' "$root/userspace/lib/libvasinfo.h" | tr -d '(' | sort -u)
mapfile -t missing < <(comm -23 <(printf '%s\n' "${fns[@]}") \
	<(tags "$out/libvasinfo.3" | grep -o '\bvi_[a-z0-9_]*(' | tr -d '(' | sort -u))
((${#fns[@]} && ${#missing[@]} == 0))
result $? "libvasinfo(3) describes every function of libvasinfo.h (${#fns[@]})${missing[*]:+; missing: ${missing[*]}}"
