#!/bin/bash
# SPDX-License-Identifier: MIT
# The deb tier: make deb, then what the packages hold, unpacked with
# dpkg-deb (this host cannot load modules, and installing them would
# change it): lintian has no error, each package holds the files it
# should, one version everywhere, the library's soname and exports, its
# pkg-config file, a program built against the unpacked -dev package and
# run, the packaged completion against the packaged client, and the
# vasinfo-dkms source built by dkms against the stock kernel's headers.
# Prints KTAP.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/deb
version=$(sed -n 's/^#define VASINFO_VERSION "\(.*\)"/\1/p' "$root/include/vasinfo.h")
major=${version%%.*}
arch=$(dpkg --print-architecture)
triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
kver=$("$root/scripts/stock-kernel.sh") || exit 1
n=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
diag() { sed 's/^/# /'; }
deb() { echo "$out/${1}_${version}_$2.deb"; }

echo "KTAP version 1"
echo "# suite: Debian packages $version ($arch, dkms against $kver)"
echo "1..14"

make -C "$root" deb >"$root/build/deb-check.log" 2>&1
st=$?
for p in vasinfo:$arch libvasinfo0:$arch libvasinfo-dev:$arch vasinfo-dkms:all; do
	[[ -f $(deb "${p%:*}" "${p#*:}") ]] || st=1
done
[[ -f $out/vasinfo_$version.dsc ]] || st=1
result $st "make deb builds vasinfo-dkms, vasinfo, libvasinfo0, libvasinfo-dev and the source package in build/deb/"
if [[ $st != 0 ]]; then
	tail -20 "$root/build/deb-check.log" | diag
	exit 0 # the rest would only repeat it
fi

grep -q '^E: ' "$out/lintian.txt"
[[ $? == 1 ]]
result $? "lintian: no error ($(grep -c '^W: ' "$out/lintian.txt") warnings, $(grep -c '^I: ' "$out/lintian.txt") info, $(grep -c '^O: ' "$out/lintian.txt") overridden)"
grep -E '^[EWIO]: ' "$out/lintian.txt" | diag

unp=$(mktemp -d)
trap 'rm -rf "$unp"' EXIT
for p in vasinfo:$arch libvasinfo0:$arch libvasinfo-dev:$arch vasinfo-dkms:all; do
	dpkg-deb -x "$(deb "${p%:*}" "${p#*:}")" "$unp"
done

# contents PACKAGE ARCH WANT: the package's files and links but its docs.
contents() {
	local got
	got=$(dpkg-deb -c "$(deb "$1" "$2")" | awk '$1 !~ /^d/ { print $6 }' |
		sed 's|^\./|/|' | grep -v '^/usr/share/doc/' | sort)
	[[ $got == "$3" ]]
	result $? "$1 holds $(wc -l <<<"$3") files: $(tr '\n' ' ' <<<"$3" | sed 's/ $//')"
	[[ $got == "$3" ]] || diff <(echo "$3") <(echo "$got") | grep '^[<>]' | sed 's/^</missing:/; s/^>/extra:/' | diag
}
src=/usr/src/vasinfo-$version
want=$(cd "$root" && printf "$src/%s\n" dkms.conf Kbuild include/vasinfo.h module/*.c module/*.h module/*.mk module/arch/*.h | sort)
contents vasinfo-dkms all "$want"
contents vasinfo "$arch" "$(printf '%s\n' /lib/udev/rules.d/60-vasinfo.rules /usr/bin/vasinfo \
	/usr/share/bash-completion/completions/vasinfo /usr/share/man/man1/vasinfo.1.gz \
	/usr/share/man/man4/vasinfo.4.gz /usr/share/lintian/overrides/vasinfo | sort)"
contents libvasinfo0 "$arch" "$(printf '%s\n' "/usr/lib/$triplet/libvasinfo.so.$major" \
	"/usr/lib/$triplet/libvasinfo.so.$version" | sort)"
contents libvasinfo-dev "$arch" "$(printf '%s\n' /usr/include/libvasinfo.h /usr/include/vasinfo.h \
	"/usr/lib/$triplet/libvasinfo.a" "/usr/lib/$triplet/libvasinfo.so" \
	"/usr/lib/$triplet/pkgconfig/vasinfo.pc" /usr/share/man/man3/libvasinfo.3.gz | sort)"

# One version: the packages', the packaged dkms.conf's, the client's, the
# library's file name, the pc file's and the man pages' footer.
bad=
for f in "$out"/*.deb; do
	v=$(dpkg-deb -f "$f" Version)
	[[ $v == "$version" ]] || bad+="${f##*/}: Version $v; "
done
v=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$unp$src/dkms.conf")
[[ $v == "$version" ]] || bad+="packaged dkms.conf: $v; "
v=$("$unp/usr/bin/vasinfo" --version 2>/dev/null | head -1)
[[ $v == "vasinfo $version "* ]] || bad+="vasinfo --version: $v; "
v=$(PKG_CONFIG_PATH=$unp/usr/lib/$triplet/pkgconfig pkg-config --modversion vasinfo 2>&1)
[[ $v == "$version" ]] || bad+="vasinfo.pc: $v; "
# .TH "VASINFO" "1" "DATE" "vasinfo VERSION" "vasinfo manual"
v=$(zcat "$unp/usr/share/man/man1/vasinfo.1.gz" | awk -F'"' '/^\.TH/ { sub(/^vasinfo /, "", $8); print $8 }')
[[ $v == "$version" ]] || bad+="vasinfo(1) footer: $v; "
[[ -f $unp/usr/lib/$triplet/libvasinfo.so.$version ]] || bad+="no libvasinfo.so.$version; "
[[ -z $bad ]]
result $? "one version, $version: every package, the packaged dkms.conf and its directory, vasinfo --version, libvasinfo.so.$version, vasinfo.pc, the man pages"
[[ -z $bad ]] || diag <<<"$bad"

so=$unp/usr/lib/$triplet/libvasinfo.so.$version
soname=$(objdump -p "$so" | awk '$1 == "SONAME" { print $2 }')
shlibs=$(dpkg-deb --ctrl-tarfile "$(deb libvasinfo0 "$arch")" | tar -xOf - ./shlibs 2>/dev/null)
[[ $soname == "libvasinfo.so.$major" && $shlibs == "libvasinfo $major libvasinfo$major (>= $version)" ]]
result $? "libvasinfo$major's library has the soname $soname, and its shlibs says '$shlibs'"

api=$(grep -o '\bvi_[a-z0-9_]*(' "$root/userspace/lib/libvasinfo.h" | tr -d '(' | sort -u)
exports=$(nm -D --defined-only "$so" | awk '$2 != "A" { print $3 }' | sed 's/@.*//' | sort -u)
[[ -n $api && $exports == "$api" ]]
result $? "the packaged library exports exactly the $(wc -l <<<"$api") functions of libvasinfo.h (nm -D --defined-only)"
[[ $exports == "$api" ]] || diff <(echo "$api") <(echo "$exports") | grep '^[<>]' | diag

# pkg-config as a user of the unpacked packages would call it: the sysroot
# prefixes their paths, which must then not be dropped as system ones.
pc() {
	PKG_CONFIG_PATH=$unp/usr/lib/$triplet/pkgconfig PKG_CONFIG_SYSROOT_DIR=$unp \
		PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1 \
		pkg-config "$@" vasinfo
}
flags=$(pc --cflags --libs 2>&1)
flags=${flags% }
[[ $flags == "-I$unp/usr/include -L$unp/usr/lib/$triplet -lvasinfo" ]]
result $? "pkg-config --cflags --libs vasinfo (PKG_CONFIG_PATH: the unpacked -dev): ${flags//$unp/UNPACKED}"

awk '/^# EXAMPLE/ { on = 1; next } on && /^# / { on = 0 } on && /^```/ { code = !code; next } on && code' \
	"$root/docs/man/libvasinfo.md" >"$unp/example.c"
read -ra cf <<<"$(pc --cflags)"
read -ra lf <<<"$(pc --libs)"
msg=$(cc -Wall -Wextra -Werror "${cf[@]}" -o "$unp/example" "$unp/example.c" "${lf[@]}" 2>&1) &&
	msg=$(LD_LIBRARY_PATH=$unp/usr/lib/$triplet "$unp/example" 2>&1)
st=$?
if [[ -e /dev/vasinfo ]]; then
	[[ $st == 0 ]]
else
	[[ $st == 1 && $msg == "/dev/vasinfo not found: the vasinfo module is not loaded"* ]]
fi
result $? "libvasinfo(3)'s example, built with those flags against the unpacked packages, runs and says why it stops"
diag <<<"$msg"

cmp=$(VASINFO=$unp/usr/bin/vasinfo COMPLETION=$unp/usr/share/bash-completion/completions/vasinfo \
	"$root/tests/host/completion.sh")
! grep -q '^not ok' <<<"$cmp" && grep -q '^ok 2 ' <<<"$cmp"
result $? "the packaged completion offers the packaged client's commands and options (tests/host/completion.sh)"
grep '^not ok\|^# ' <<<"$cmp" | grep -v '^# suite' | diag

# The maintainer scripts dh_dkms wrote: dkms add, build, install of this
# version on installation, remove on removal.
ctrl=$(dpkg-deb --ctrl-tarfile "$(deb vasinfo-dkms all)" | tar -xOf - ./postinst ./prerm 2>/dev/null)
# shellcheck disable=SC2016 # the $ are the scripts', matched as text
grep -qx 'DKMS_NAME=vasinfo' <<<"$ctrl" && [[ $(grep -cx "DKMS_VERSION=$version" <<<"$ctrl") == 2 ]] &&
	grep -q '/usr/lib/dkms/common.postinst' <<<"$ctrl" &&
	grep -q 'dkms remove -m $DKMS_NAME -v $DKMS_VERSION --all' <<<"$ctrl"
result $? "vasinfo-dkms's postinst hands vasinfo $version to dkms, its prerm removes it"

# The packaged source, where the package puts it, through dkms.
log=$root/build/deb-dkms.log
dkms remove -m vasinfo -v "$version" --all >/dev/null 2>&1
rm -rf "$src"
cp -a "$unp$src" "$src"
dkms add -m vasinfo -v "$version" >"$log" 2>&1 &&
	dkms build -m vasinfo -v "$version" -k "$kver" >>"$log" 2>&1 &&
	ko=$(find "/var/lib/dkms/vasinfo/$version/$kver" -name 'vasinfo.ko*' | head -1) &&
	[[ -n $ko ]] && modinfo -F vermagic "$ko" | grep -q "^$kver " &&
	modinfo -F version "$ko" | grep -qx "$version"
st=$?
result $st "the vasinfo-dkms source, in $src, builds with dkms against linux-headers-$kver (vermagic $kver, version $version)"
[[ $st == 0 ]] || tail -15 "$log" | diag
dkms remove -m vasinfo -v "$version" --all >>"$log" 2>&1
rm -rf "$src"
