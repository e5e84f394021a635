#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs shellcheck over the shell scripts of the tree; KTAP, one case a script.
#   scripts/lint-shell.sh [FILE...]   default: every shell script of the tree
# A script is found by its name (*.sh, *.bash) or by its "#!" line naming
# sh, bash, dash or ksh, among the files git tracks or would add (outside
# git: every file but build/), so a new script is checked without being
# listed anywhere. A finding prints as "# " lines before the script's
# "not ok". shellcheck itself: scripts/deps.sh lint.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1

if ! command -v shellcheck >/dev/null; then
	echo "lint-shell.sh: no shellcheck (scripts/deps.sh lint installs it)" >&2
	exit 2
fi

is_shell() { # is_shell FILE
	local first
	case $1 in
	*.sh | *.bash) return 0 ;;
	esac
	IFS= read -r first <"$1" 2>/dev/null || return 1
	[[ $first =~ ^#!.*[/\ ](ba|da|k)?sh([[:space:]]|$) ]]
}

files=("$@")
if ((${#files[@]} == 0)); then
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		mapfile -t all < <(git ls-files --cached --others --exclude-standard |
			sort -u)
	else
		mapfile -t all < <(find . \( -path ./build -o -path ./.git \) -prune \
			-o -type f -print | sed 's|^\./||' | sort)
	fi
	for f in "${all[@]}"; do
		[[ -f $f ]] && is_shell "$f" && files+=("$f")
	done
fi

echo "KTAP version 1"
echo "# suite: shellcheck"
echo "1..${#files[@]}"
n=0 failed=0
for f in "${files[@]}"; do
	n=$((n + 1))
	if out=$(shellcheck --external-sources --format=gcc -- "$f" 2>&1); then
		echo "ok $n - shellcheck $f"
	else
		mapfile -t found <<<"$out"
		printf '# %s\n' "${found[@]}"
		echo "not ok $n - shellcheck $f"
		failed=1
	fi
done
exit "$failed"
