#!/bin/bash
# SPDX-License-Identifier: MIT
# Print the release of Debian's stock kernel (linux-image-amd64), whose
# image is /boot/vmlinuz-RELEASE and headers /usr/src/linux-headers-RELEASE.
set -euo pipefail
dep=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null) || {
	echo "stock-kernel.sh: linux-image-amd64 is not installed (scripts/deps.sh)" >&2
	exit 1
}
rel=$(sed -n 's/^linux-image-\([^ ,]*\).*/\1/p' <<<"$dep")
rel=${rel%-unsigned}
for f in "/boot/vmlinuz-$rel" "/usr/src/linux-headers-$rel"; do
	[[ -e $f ]] || { echo "stock-kernel.sh: $f missing" >&2; exit 1; }
done
echo "$rel"
