# SPDX-License-Identifier: GPL-2.0
#
#   make            the module (against KDIR) and the user-space programs
#   make check      set up and run every test tier; ends "N passed, N failed"
#   make kunit      only the KUnit suites, on the debug kernel
#   make fuzz       the libFuzzer harnesses FUZZ_SECONDS (60) each, then the
#                   VM fuzzer on the debug kernel FUZZ_VM_SECONDS (300) per
#                   uid (FUZZ_KERNEL=stock for Debian's kernel)
#   make demo       set up, boot Debian's kernel in qemu, show vasinfo at work
#   make install | load | unload    on a real machine, as root
#
# The kernel build itself reads ./Kbuild.

KDIR ?= /lib/modules/$(shell uname -r)/build
BUILD ?= $(CURDIR)/build
PREFIX ?= /usr/local

.PHONY: all module userspace check kunit fuzz demo install load unload clean

all: module userspace

module:
	@test -d "$(KDIR)" || { echo "vasinfo: no kernel build tree at $(KDIR): apt-get install linux-headers-$$(uname -r), or set KDIR=/path/to/kernel/build" >&2; exit 1; }
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules

userspace:
	$(MAKE) -C userspace O="$(BUILD)/host"

check:
	@scripts/check.sh

kunit:
	@scripts/check.sh kunit

fuzz:
	@scripts/check.sh fuzz-long vm-fuzz

demo:
	@scripts/demo.sh

install: all
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules_install
	depmod -a $(notdir $(patsubst %/build,%,$(KDIR)))
	if [ -x "$(BUILD)/host/vasinfo" ]; then install -D -m 755 "$(BUILD)/host/vasinfo" "$(DESTDIR)$(PREFIX)/bin/vasinfo"; fi
	install -D -m 644 include/vasinfo.h "$(DESTDIR)$(PREFIX)/include/vasinfo.h"

load: module
	@lsmod 2>/dev/null | grep -q '^vasinfo ' && { echo "vasinfo: already loaded (make unload first)"; exit 1; } || true
	insmod ./vasinfo.ko
	@ls -l /dev/vasinfo

unload:
	rmmod vasinfo

clean:
	-test -d "$(KDIR)" && $(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean
	rm -rf "$(BUILD)"
