// SPDX-License-Identifier: MIT
/*
 * The smallest cross-check, for a new architecture's first boot
 * (tests/vm/arm64.sh): a few touched anonymous pages, each translated by
 * VASINFO_IOC_TRANSLATE and read from /proc/self/pagemap; the frames must
 * be the same, the page size the kernel's, and the decoded bits those of a
 * present, user, accessed, written, writable, non-executable page. KTAP.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <vasinfo.h>

#define PAGES 4
#define PM_PRESENT (1ULL << 63)
#define PM_PFN_MASK ((1ULL << 55) - 1)
#define WANT_HW                                                  \
	(VASINFO_HW_PRESENT | VASINFO_HW_USER | VASINFO_HW_ACCESSED | \
	 VASINFO_HW_DIRTY | VASINFO_HW_WRITE | VASINFO_HW_NX)

int main(void)
{
	long psize = sysconf(_SC_PAGESIZE);
	struct vasinfo_xlate res[PAGES];
	struct vasinfo_translate t;
	uint64_t addrs[PAGES], pm;
	int dev, fd, i, failed = 0;
	char *p;

	printf("KTAP version 1\n1..%d\n", PAGES);
	p = mmap(NULL, PAGES * psize, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dev = open("/dev/vasinfo", O_RDONLY);
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (p == MAP_FAILED || dev < 0 || fd < 0) {
		printf("Bail out! mmap, /dev/vasinfo or pagemap: %s\n",
		       strerror(errno));
		return 1;
	}
	for (i = 0; i < PAGES; i++) {
		p[i * psize] = 1;
		addrs[i] = (uintptr_t)(p + i * psize + 123);
	}
	memset(&t, 0, sizeof(t));
	memset(res, 0, sizeof(res));
	t.size = sizeof(t);
	t.pid = 0;
	t.count = PAGES;
	t.addrs = (uintptr_t)addrs;
	t.results = (uintptr_t)res;
	t.result_size = sizeof(res[0]);
	if (ioctl(dev, VASINFO_IOC_TRANSLATE, &t) || t.count != PAGES) {
		printf("Bail out! TRANSLATE: %s, %u results\n", strerror(errno),
		       t.count);
		return 1;
	}
	for (i = 0; i < PAGES; i++) {
		uint64_t va = addrs[i], pfn;
		struct vasinfo_xlate *x = &res[i];

		if (pread(fd, &pm, sizeof(pm), va / psize * sizeof(pm)) !=
		    sizeof(pm)) {
			printf("Bail out! pagemap: %s\n", strerror(errno));
			return 1;
		}
		pfn = pm & PM_PFN_MASK;
		if (x->state == VASINFO_STATE_PRESENT && (pm & PM_PRESENT) &&
		    x->pfn == pfn && pfn &&
		    x->paddr == pfn * psize + (va & (psize - 1)) &&
		    x->page_size == (uint64_t)psize && x->pagemap == pm &&
		    (x->hw & WANT_HW) == WANT_HW) {
			printf("ok %d - %#llx: pfn %#llx as pagemap, %ld-byte page, hw %#llx, leaf level %u\n",
			       i + 1, (unsigned long long)va,
			       (unsigned long long)pfn, psize,
			       (unsigned long long)x->hw, x->leaf);
		} else {
			failed++;
			printf("not ok %d - %#llx: vasinfo state %u pfn %#llx paddr %#llx size %llu hw %#llx pagemap %#llx; /proc/self/pagemap %#llx\n",
			       i + 1, (unsigned long long)va, x->state,
			       (unsigned long long)x->pfn,
			       (unsigned long long)x->paddr,
			       (unsigned long long)x->page_size,
			       (unsigned long long)x->hw,
			       (unsigned long long)x->pagemap,
			       (unsigned long long)pm);
		}
	}
	printf("# %d passed, %d failed\n", PAGES - failed, failed);
	return failed != 0;
}
