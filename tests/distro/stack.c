// SPDX-License-Identifier: MIT
/*
 * The distro test's user program: built in the guest with
 *   cc -o stack stack.c $(pkg-config --cflags --libs vasinfo)
 * against the installed libvasinfo-dev, it translates the address of one of
 * its own stack variables and prints what the module says. Exit 0 when the
 * page is present (it is: the program is using it).
 */
#include <libvasinfo.h>
#include <stdio.h>
#include <stdint.h>

int main(void)
{
	volatile int here = 1;
	uint64_t addr = (uint64_t)(uintptr_t)&here;
	struct vasinfo_xlate x;
	int fd, err;

	fd = vi_open();
	if (fd < 0) {
		fprintf(stderr, "stack: %s\n", vi_strerror(fd, 0));
		return 1;
	}
	err = vi_translate(fd, 0, &addr, 1, &x);
	if (err < 0) {
		fprintf(stderr, "stack: %s\n", vi_strerror(err, 0));
		return 1;
	}
	printf("stack: 0x%llx is %s\n", (unsigned long long)addr,
	       vi_state_name(x.state));
	return x.state == VASINFO_STATE_PRESENT ? 0 : 1;
}
