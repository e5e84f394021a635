#!/bin/bash
# SPDX-License-Identifier: MIT
# libvasinfo.so as built in build/host: its soname carries the major number
# of VASINFO_VERSION, it exports exactly the functions libvasinfo.h declares
# (userspace/lib/libvasinfo.map lets vi_* through), all at VASINFO_0; and
# the EXAMPLE of libvasinfo(3) builds against it and runs far enough to
# say why it cannot go on (this host has no /dev/vasinfo). Prints KTAP.
#   tests/host/lib.sh [LIBDIR INCLUDEDIR...]   the library of an install or
#                     an unpacked package instead (the deb tier's use)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
libdir=${1:-$root/build/host}
shift
incdirs=("$@")
((${#incdirs[@]})) || incdirs=("$root/include" "$root/userspace/lib")
version=$(sed -n 's/^#define VASINFO_VERSION "\(.*\)"/\1/p' "$root/include/vasinfo.h")
so=$libdir/libvasinfo.so.$version
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
diag() { sed 's/^/# /'; }

echo "KTAP version 1"
echo "# suite: libvasinfo.so $version ($libdir)"
echo "1..4"

soname=$(objdump -p "$so" 2>/dev/null | awk '$1 == "SONAME" { print $2 }')
[[ $soname == "libvasinfo.so.${version%%.*}" ]]
result $? "$so has the soname libvasinfo.so.${version%%.*} (objdump: ${soname:-none})"

api=$(grep -o '\bvi_[a-z0-9_]*(' "$root/userspace/lib/libvasinfo.h" | tr -d '(' | sort -u)
exports=$(nm -D --defined-only "$so" 2>/dev/null | awk '$2 != "A" { print $3 }' | sort -u)
want=$(while read -r f; do echo "$f@@VASINFO_0"; done <<<"$api")
[[ -n $api && $exports == "$want" ]]
result $? "it exports exactly the $(wc -l <<<"$api") functions of libvasinfo.h, at VASINFO_0"
[[ $exports == "$want" ]] || diff <(echo "$want") <(echo "$exports") | grep '^[<>]' |
	sed 's/^</missing:/; s/^>/not API:/' | diag

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk '/^# EXAMPLE/ { on = 1; next } on && /^# / { on = 0 } on && /^```/ { code = !code; next } on && code' \
	"$root/docs/man/libvasinfo.md" >"$tmp/example.c"
cflags=()
for d in "${incdirs[@]}"; do cflags+=(-I"$d"); done
# ldd's output whole first: grep -q would close the pipe under pipefail.
out=$(cc -std=gnu11 -Wall -Wextra -Werror "${cflags[@]}" -o "$tmp/example" "$tmp/example.c" \
	-L"$libdir" -lvasinfo 2>&1) &&
	libs=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/example") &&
	grep -q "libvasinfo.so.${version%%.*} => $libdir/" <<<"$libs"
result $? "libvasinfo(3)'s EXAMPLE compiles with -Wall -Wextra -Werror and links to that libvasinfo.so"
[[ -n $out ]] && diag <<<"$out"

out=$(LD_LIBRARY_PATH=$libdir "$tmp/example" 2>&1)
st=$?
if [[ -e /dev/vasinfo ]]; then
	[[ $st == 0 ]]
	result $? "the EXAMPLE translates its own main through /dev/vasinfo (exit $st)"
else
	[[ $st == 1 && $out == "/dev/vasinfo not found: the vasinfo module is not loaded"* ]]
	result $? "the EXAMPLE runs and, with no /dev/vasinfo here, says so (exit $st)"
fi
diag <<<"$out"
