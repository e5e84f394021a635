#!/bin/bash
# SPDX-License-Identifier: MIT
# dist/vasinfo.bash, the bash completion, offers exactly what the client
# says it has: the commands of `vasinfo --help`, and for each command the
# options its `--help` lists ("-v, --verbose", "--color=WHEN" and
# "--svg FILE" counted as the option's name). A command or an option added
# to the client and not to the completion (or the other way) fails here.
# Prints KTAP.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# VASINFO, COMPLETION: another client and completion (the deb tier's,
# from the packages).
vasinfo=${VASINFO:-$root/build/host/vasinfo}
completion=${COMPLETION:-$root/dist/vasinfo.bash}
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# What the completion offers for the words "vasinfo WORDS... CUR".
offer() {
	bash -c 'source "$1"; shift; COMP_WORDS=(vasinfo "$@"); COMP_CWORD=$#
		_vasinfo; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@" |
		sed 's/=$//' | sort
}
# The options of a usage text: lines "  -v, --verbose  text", "  --svg FILE".
usage_opts() {
	awk '/^  -/ { sub(/^  /, ""); sub(/  .*/, ""); print }' |
		tr ',' '\n' | sed -E 's/^ +//; s/[= ].*//' | grep . | sort
}

mapfile -t cmds < <("$vasinfo" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
echo "KTAP version 1"
echo "# suite: bash completion"
echo "1..$((${#cmds[@]} + 1))"

want=$(printf '%s\n' "${cmds[@]}" -h --help --version | sort)
got=$(offer "")
[[ ${#cmds[@]} -gt 0 && $want == "$got" ]]
result $? "vasinfo <TAB> offers the ${#cmds[@]} commands of vasinfo --help, -h, --help, --version"
[[ $want == "$got" ]] || diff <(echo "$want") <(echo "$got") | sed 's/^/# /'

for c in "${cmds[@]}"; do
	want=$("$vasinfo" "$c" --help | usage_opts)
	got=$(offer "$c" -)
	[[ -n $want && $want == "$got" ]]
	result $? "vasinfo $c -<TAB> offers the options of vasinfo $c --help (${want//$'\n'/ })"
	[[ $want == "$got" ]] || diff <(echo "$want") <(echo "$got") | sed 's/^/# (<: --help, >: completion) /'
done
