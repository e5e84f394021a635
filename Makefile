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
#   make bench      vasinfo against pagemap, PAGEMAP_SCAN, maps,
#                   PROCMAP_QUERY and smaps for the same work, one VM run on
#                   Debian's 6.1 and one on 6.12 (figures only; outputs and
#                   the scaling plot in build/bench-*)
#   make demo       set up, boot Debian's kernel in qemu, show vasinfo at work
#   make man        vasinfo(1), vasinfo(4) and libvasinfo(3) from docs/man/
#   make shell      set up, boot it into a shell with vasinfo, the labs, procps
#   make deb        the Debian packages (debian/), in build/deb/, lintian-clean
#   make distro-test  make deb's packages installed, used, carried over a
#                   kernel upgrade and purged in a Debian 12 system booted by
#                   qemu; then make install / uninstall there
#   make install | uninstall | load | unload    on a real machine, as root
#   make install-dkms | uninstall-dkms   the module's source in
#                   /usr/src/vasinfo-VERSION, for dkms
#
# The kernel build itself reads ./Kbuild. make install puts the module in
# /lib/modules/KVER/extra (then depmod), and under PREFIX the client, the
# library (shared and static), its headers and vasinfo.pc, the man pages
# and the bash completion; the udev rule in UDEVDIR. DESTDIR stages it all
# (no depmod, no ldconfig then). make uninstall removes exactly those files.

# KVER: the kernel the module is for; KDIR: its build tree. Either names
# the other.
ifeq ($(origin KDIR),undefined)
KVER ?= $(shell uname -r)
KDIR := /lib/modules/$(KVER)/build
else
KVER ?= $(shell cat "$(KDIR)/include/config/kernel.release" 2>/dev/null)
endif
BUILD ?= $(CURDIR)/build
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
# udev reads no rules under /usr/local: a local install's rule is the admin's.
UDEVDIR ?= /etc/udev/rules.d
MODDIR := /lib/modules/$(KVER)/extra

# The one version, VASINFO_VERSION of include/vasinfo.h, and the library's
# soname number, its first.
VERSION := $(shell sed -n 's/^\#define VASINFO_VERSION "\(.*\)"/\1/p' include/vasinfo.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))

.PHONY: all module userspace labs man check kunit matrix fuzz bench bench-profile demo shell deb distro-test install install-module install-user install-dkms uninstall uninstall-dkms load unload clean

all: module userspace labs

module:
	@test -d "$(KDIR)" || { echo "vasinfo: no kernel build tree at $(KDIR): apt-get install linux-headers-$$(uname -r), or set KDIR=/path/to/kernel/build" >&2; exit 1; }
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules

userspace:
	$(MAKE) -C userspace O="$(BUILD)/host"

man:
	@scripts/deps.sh man
	@scripts/man.sh "$(BUILD)/man"

# The pages make install needs, made again when a source changed. pandoc
# is installed only if missing: a Debian build has it from Build-Depends
# and must not look for man-db and groff-base, which make man's group has
# for tests/host/man.sh.
MAN_STAMP := $(BUILD)/man/.made
$(MAN_STAMP): $(wildcard docs/man/*.md) scripts/man.sh include/vasinfo.h
	@command -v pandoc >/dev/null || scripts/deps.sh man
	@scripts/man.sh "$(BUILD)/man"
	@touch "$@"

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
	@VASINFO_BENCH_ROW="$$(echo '$(ROW)' | tr ' ' +)" tests/bench/make-bench.sh

# Where one row's time goes: make bench-profile ROW="RANGE 4 KiB"
bench-profile:
	@scripts/deps.sh base profile
	@VASINFO_BENCH_PERF="$$(echo '$(ROW)' | tr ' ' +)" tests/vm/tier.sh stock bench

shell:
	@scripts/deps.sh base
	@tests/vm/tier.sh stock shell

# Every file install puts in place, for uninstall to remove.
INSTALLED = $(BINDIR)/vasinfo \
	$(LIBDIR)/libvasinfo.so.$(VERSION) $(LIBDIR)/libvasinfo.so.$(SOMAJOR) \
	$(LIBDIR)/libvasinfo.so $(LIBDIR)/libvasinfo.a \
	$(LIBDIR)/pkgconfig/vasinfo.pc \
	$(INCLUDEDIR)/vasinfo.h $(INCLUDEDIR)/libvasinfo.h \
	$(MANDIR)/man1/vasinfo.1 $(MANDIR)/man4/vasinfo.4 \
	$(MANDIR)/man3/libvasinfo.3 \
	$(COMPLETIONDIR)/vasinfo $(UDEVDIR)/60-vasinfo.rules

install: install-module install-user
ifeq ($(DESTDIR),)
	depmod -a "$(KVER)"
	ldconfig
endif

install-module: module
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" INSTALL_MOD_PATH="$(DESTDIR)" \
		INSTALL_MOD_DIR=extra DEPMOD=true modules_install

# Everything but the module: what the Debian packages of user space hold.
install-user: userspace $(MAN_STAMP)
	install -D -m 755 "$(BUILD)/host/vasinfo" "$(DESTDIR)$(BINDIR)/vasinfo"
	install -D -m 644 "$(BUILD)/host/libvasinfo.so.$(VERSION)" "$(DESTDIR)$(LIBDIR)/libvasinfo.so.$(VERSION)"
	ln -sfn libvasinfo.so.$(VERSION) "$(DESTDIR)$(LIBDIR)/libvasinfo.so.$(SOMAJOR)"
	ln -sfn libvasinfo.so.$(SOMAJOR) "$(DESTDIR)$(LIBDIR)/libvasinfo.so"
	install -D -m 644 "$(BUILD)/host/libvasinfo.a" "$(DESTDIR)$(LIBDIR)/libvasinfo.a"
	mkdir -p "$(DESTDIR)$(LIBDIR)/pkgconfig"
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|; s|@VERSION@|$(VERSION)|' \
		userspace/lib/vasinfo.pc.in >"$(DESTDIR)$(LIBDIR)/pkgconfig/vasinfo.pc"
	install -D -m 644 include/vasinfo.h "$(DESTDIR)$(INCLUDEDIR)/vasinfo.h"
	install -D -m 644 userspace/lib/libvasinfo.h "$(DESTDIR)$(INCLUDEDIR)/libvasinfo.h"
	install -D -m 644 "$(BUILD)/man/vasinfo.1" "$(DESTDIR)$(MANDIR)/man1/vasinfo.1"
	install -D -m 644 "$(BUILD)/man/vasinfo.4" "$(DESTDIR)$(MANDIR)/man4/vasinfo.4"
	install -D -m 644 "$(BUILD)/man/libvasinfo.3" "$(DESTDIR)$(MANDIR)/man3/libvasinfo.3"
	install -D -m 644 dist/vasinfo.bash "$(DESTDIR)$(COMPLETIONDIR)/vasinfo"
	install -D -m 644 dist/60-vasinfo.rules "$(DESTDIR)$(UDEVDIR)/60-vasinfo.rules"

# The module's source as dkms wants it, in /usr/src/vasinfo-VERSION; then
# dkms install vasinfo/VERSION builds and installs it (the vasinfo-dkms
# package holds the same files).
DKMS_SRC := /usr/src/vasinfo-$(VERSION)
install-dkms:
	install -D -m 644 -t "$(DESTDIR)$(DKMS_SRC)" dkms.conf Kbuild
	install -D -m 644 -t "$(DESTDIR)$(DKMS_SRC)/include" include/vasinfo.h
	install -D -m 644 -t "$(DESTDIR)$(DKMS_SRC)/module" module/*.c module/*.h module/*.mk
	install -D -m 644 -t "$(DESTDIR)$(DKMS_SRC)/module/arch" module/arch/*.h

uninstall-dkms:
	rm -rf "$(DESTDIR)$(DKMS_SRC)"

uninstall:
	rm -f "$(DESTDIR)$(MODDIR)"/vasinfo.ko*
	rm -f $(foreach f,$(INSTALLED),"$(DESTDIR)$(f)")
ifeq ($(DESTDIR),)
	depmod -a "$(KVER)"
	ldconfig
endif

# Debian packages with debhelper (debian/): build/deb/*.deb, lintian run.
deb:
	@scripts/deps.sh deb
	@scripts/deb.sh "$(BUILD)/deb"

distro-test: deb
	@scripts/check.sh distro

load: module
	@lsmod 2>/dev/null | grep -q '^vasinfo ' && { echo "vasinfo: already loaded (make unload first)"; exit 1; } || true
	insmod ./vasinfo.ko
	@ls -l /dev/vasinfo

unload:
	rmmod vasinfo

clean:
	-test -d "$(KDIR)" && $(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean
	rm -rf "$(BUILD)"
