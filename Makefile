# SPDX-License-Identifier: GPL-2.0
#
#   make            the module (against KDIR), the user-space programs and
#                   the OSTEP lab programs (build/host/labs/)
#   make module VASINFO_KUNIT=1    the test build: the KUnit suites of
#                   tests/kunit/ inside vasinfo.ko, run when it loads (needs a
#                   KDIR with CONFIG_KUNIT, as the debug kernel's)
#   make check      set up and run every test tier; ends "N passed, N failed,
#                   N skipped"
#   make kunit      only the KUnit suites, on the debug kernel
#   make matrix     the vm-stock tier on Debian's 5.10, 6.1, 6.12 and 7.2,
#                   each fetched and built with its own toolchain
#                   (scripts/matrix.sh); one line per kernel
#   make fuzz       the libFuzzer harnesses FUZZ_SECONDS (60) each, then the
#                   VM fuzzer on the debug kernel FUZZ_VM_SECONDS (300) per
#                   uid (FUZZ_KERNEL=stock for Debian's kernel)
#   make bench      vasinfo against pagemap, PAGEMAP_SCAN and maps for the
#                   same work, in one VM run of Debian's kernel (figures only)
#   make demo       set up, boot Debian's kernel in qemu, show vasinfo at work
#   make man        vasinfo(1) and vasinfo(4) from docs/man/vasinfo.md
#   make shell      set up, boot it into a shell with vasinfo, the labs, procps
#   make install | load | unload    on a real machine, as root
#
# The kernel build itself reads ./Kbuild.

KDIR ?= /lib/modules/$(shell uname -r)/build
BUILD ?= $(CURDIR)/build
PREFIX ?= /usr/local

.PHONY: all module userspace labs man check kunit matrix fuzz bench bench-profile demo shell install load unload clean

all: module userspace labs

module:
	@test -d "$(KDIR)" || { echo "vasinfo: no kernel build tree at $(KDIR): apt-get install linux-headers-$$(uname -r), or set KDIR=/path/to/kernel/build" >&2; exit 1; }
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules

userspace:
	$(MAKE) -C userspace O="$(BUILD)/host"

man:
	@scripts/deps.sh man
	@scripts/man.sh "$(BUILD)/man"

labs: userspace
	$(MAKE) -C labs O="$(BUILD)/host"

check:
	@scripts/check.sh

kunit:
	@scripts/check.sh kunit

matrix:
	@scripts/check.sh matrix

fuzz:
	@scripts/check.sh fuzz-long vm-fuzz

demo:
	@scripts/demo.sh

bench:
	@scripts/deps.sh base
	@tests/vm/tier.sh stock bench

# Where one row's time goes: make bench-profile ROW="RANGE 4 KiB"
bench-profile:
	@scripts/deps.sh base profile
	@VASINFO_BENCH_PERF="$$(echo '$(ROW)' | tr ' ' +)" tests/vm/tier.sh stock bench

shell:
	@scripts/deps.sh base
	@tests/vm/tier.sh stock shell

install: all man
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules_install
	if [ -x "$(BUILD)/host/vasinfo" ]; then install -D -m 755 "$(BUILD)/host/vasinfo" "$(DESTDIR)$(PREFIX)/bin/vasinfo"; fi
	install -D -m 644 include/vasinfo.h "$(DESTDIR)$(PREFIX)/include/vasinfo.h"
	install -D -m 644 "$(BUILD)/man/vasinfo.1" "$(DESTDIR)$(PREFIX)/share/man/man1/vasinfo.1"
	install -D -m 644 "$(BUILD)/man/vasinfo.4" "$(DESTDIR)$(PREFIX)/share/man/man4/vasinfo.4"

load: module
	@lsmod 2>/dev/null | grep -q '^vasinfo ' && { echo "vasinfo: already loaded (make unload first)"; exit 1; } || true
	insmod ./vasinfo.ko
	@ls -l /dev/vasinfo

unload:
	rmmod vasinfo

clean:
	-test -d "$(KDIR)" && $(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean
	rm -rf "$(BUILD)"
