# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# bash completion for vasinfo(1): its commands, each command's options as
# its --help lists them (tests/host/completion.sh checks that they agree),
# the values of --color, file names after --svg, pids for PID operands.
# Plain bash: it needs nothing from the bash-completion package.

_vasinfo() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd='' opts i
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]} && break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		mapfile -t COMPREPLY < <(compgen -W "maps translate range self layout watch shared -h --help --version" -- "$cur")
		return 0
	fi

	# --color=WHEN arrives as "--color" "=" "WHEN" when "=" breaks words.
	if [[ $prev == = && ${COMP_WORDS[COMP_CWORD - 2]} == --color ]]; then
		prev=--color
	elif [[ $cur == = && $prev == --color ]]; then
		cur=
	fi
	case $prev in
	--color)
		mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
		return 0
		;;
	--svg)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return 0
		;;
	--interval | --count)
		return 0
		;;
	esac

	case $cmd in
	maps) opts="--counts --json -h --help" ;;
	translate) opts="-v --verbose --json -h --help" ;;
	range) opts="--json -h --help" ;;
	self) opts="-v --verbose --json -h --help" ;;
	layout) opts="--all --phys --color= --svg --json -h --help" ;;
	watch) opts="--interval --count --json -h --help" ;;
	shared) opts="--json -h --help" ;;
	*) return 0 ;;
	esac
	if [[ $cur == -* || $cmd == self ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return 0
	fi
	# Operands: a PID first; addresses and ranges are the user's to type.
	case $cmd in
	translate | range)
		for ((i = i + 1; i < COMP_CWORD; i++)); do
			[[ ${COMP_WORDS[i]} == -* || ${COMP_WORDS[i - 1]} == --@(svg|color|interval|count) ]] ||
				return 0
		done
		;;
	esac
	mapfile -t COMPREPLY < <(compgen -W "$(cd /proc 2>/dev/null && printf '%s ' [0-9]*)" -- "$cur")
	return 0
}
complete -F _vasinfo vasinfo
