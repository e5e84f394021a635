// SPDX-License-Identifier: MIT
/* libvasinfo: the ioctl ABI of /dev/vasinfo. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "grow.h"
#include "libvasinfo.h"
#include "paging.h"

/* 0: not known yet; then what sysconf() says, until a module says */
static unsigned int page_shift;
/* What the last VERSION of ABI 1.3 or later said; arch 0 until then. */
static struct vasinfo_version paging;

void vi_paging_set(const struct vasinfo_version *v)
{
	if (v->arch && v->size >= VASINFO_VERSION_SIZE_VER1)
		paging = *v;
}

int vi_paging_level(int level, int *hi, int *lo)
{
	if (!paging.arch || level < 0 || level >= VASINFO_LEVELS ||
	    !paging.level_bits[level])
		return -1;
	*lo = paging.level_shift[level];
	*hi = *lo + paging.level_bits[level] - 1;
	return 0;
}

unsigned int vi_paging_arch(void)
{
	return paging.arch;
}

unsigned int vi_paging_levels(void)
{
	return paging.arch ? paging.levels : 0;
}

void vi_set_page_shift(unsigned int shift)
{
	if (shift >= 12 && shift < 32)
		page_shift = shift;
}

unsigned int vi_page_shift(void)
{
	long size;
	unsigned int shift = 12;

	if (page_shift)
		return page_shift;
	size = sysconf(_SC_PAGESIZE);
	while (size > 0 && shift < 31 && (1L << shift) < size)
		shift++;
	page_shift = shift;
	return shift;
}

uint64_t vi_page_size(void)
{
	return 1ULL << vi_page_shift();
}

int vi_open(void)
{
	int fd = open(VASINFO_DEVICE, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

const char *vi_strerror(int err, pid_t pid)
{
	static char buf[256];

	switch (-err) {
	case ENOENT:
	case ENXIO:
	case ENODEV:
		return VASINFO_DEVICE " not found: the vasinfo module is not loaded (sudo modprobe vasinfo; from a source tree, make load)";
	case EACCES:
	case EPERM:
		snprintf(buf, sizeof(buf),
			 "permission denied: you may inspect process %d only if you may read /proc/%d/maps (same user and dumpable, or CAP_SYS_PTRACE)",
			 (int)pid, (int)pid);
		return buf;
	case ESRCH:
		snprintf(buf, sizeof(buf),
			 "no process %d with an address space (it does not exist, has exited, or is a kernel thread)",
			 (int)pid);
		return buf;
	case ENOTTY:
		return "the loaded vasinfo module does not know this request (module older than this client?)";
	default:
		snprintf(buf, sizeof(buf), "%s", strerror(-err));
		return buf;
	}
}

static int do_ioctl(int fd, unsigned long cmd, void *arg)
{
	int rc;

	do {
		rc = ioctl(fd, cmd, arg);
	} while (rc < 0 && errno == EINTR);
	return rc < 0 ? -errno : rc;
}

/* Room the module may fill in one VMAS or RANGE call, at the least. */
#define CALL_ROOM 256

/*
 * Does run @b continue run @a? The module's own rule (module/runs.c,
 * vasinfo_run_extends), for the one place it cannot apply it: a run cut
 * where one RANGE call's page budget ran out and the next call went on.
 * Hidden frames or swap slots are not compared, as the module does not.
 */
static int run_continues(const struct vasinfo_run *a, const struct vasinfo_run *b)
{
	if (a->vaddr + a->pages * vi_page_size() != b->vaddr ||
	    a->state != b->state || a->page_size != b->page_size ||
	    a->page != b->page)
		return 0;
	if (a->state == VASINFO_STATE_PRESENT)
		return a->pfn == VASINFO_HIDDEN ? b->pfn == VASINFO_HIDDEN :
						  a->pfn + a->pages == b->pfn;
	if (a->state == VASINFO_STATE_SWAP || a->state == VASINFO_STATE_MIGRATION)
		return a->swap_offset == VASINFO_HIDDEN ?
			       b->swap_offset == VASINFO_HIDDEN :
			       a->swap_type == b->swap_type &&
				       a->swap_offset + a->pages == b->swap_offset;
	return 1;
}

int vi_version(int fd, struct vasinfo_version *v)
{
	int rc;

	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	rc = do_ioctl(fd, VASINFO_IOC_VERSION, v);
	if (!rc) {
		vi_set_page_shift(v->page_shift);
		vi_paging_set(v);
	}
	return rc;
}

int vi_mm_info(int fd, pid_t pid, struct vasinfo_mm_info *mi)
{
	memset(mi, 0, sizeof(*mi));
	mi->size = sizeof(*mi);
	mi->pid = pid;
	return do_ioctl(fd, VASINFO_IOC_MM_INFO, mi);
}

ssize_t vi_vmas(int fd, pid_t pid, struct vasinfo_vma **out)
{
	struct vasinfo_vma *v = NULL;
	size_t n = 0, cap = 0;
	uint64_t cursor = 0;

	for (;;) {
		struct vasinfo_vmas req;
		int rc;

		if (VI_GROW(v, cap, n + CALL_ROOM)) {
			free(v);
			return -ENOMEM;
		}
		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.pid = pid;
		req.count = (uint32_t)(cap - n);
		req.cursor = cursor;
		req.vmas = (uintptr_t)(v + n);
		req.vma_size = sizeof(*v);
		rc = do_ioctl(fd, VASINFO_IOC_VMAS, &req);
		if (rc < 0) {
			free(v);
			return rc;
		}
		n += req.count;
		cursor = req.cursor;
		if (req.done)
			break;
	}
	*out = v;
	return (ssize_t)n;
}

int vi_translate(int fd, pid_t pid, const uint64_t *addrs, size_t n,
		 struct vasinfo_xlate *out)
{
	size_t done = 0;

	while (done < n) {
		struct vasinfo_translate req;
		size_t batch = n - done;
		int rc;

		if (batch > VASINFO_MAX_BATCH)
			batch = VASINFO_MAX_BATCH;
		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.pid = pid;
		req.count = (uint32_t)batch;
		req.addrs = (uintptr_t)(addrs + done);
		req.results = (uintptr_t)(out + done);
		req.result_size = sizeof(*out);
		rc = do_ioctl(fd, VASINFO_IOC_TRANSLATE, &req);
		if (rc < 0)
			return rc;
		if (req.count != batch)
			return -EIO;
		done += batch;
	}
	return 0;
}

ssize_t vi_range(int fd, pid_t pid, uint64_t start, uint64_t end,
		 struct vasinfo_run **out, struct vi_range_totals *totals)
{
	return vi_range_flags(fd, pid, start, end, 0, out, totals);
}

ssize_t vi_range_flags(int fd, pid_t pid, uint64_t start, uint64_t end,
		       uint32_t flags, struct vasinfo_run **out,
		       struct vi_range_totals *totals)
{
	struct vasinfo_run *r = NULL;
	size_t n = 0, cap = 0;
	uint64_t cursor = 0;

	if (totals)
		memset(totals, 0, sizeof(*totals));
	for (;;) {
		struct vasinfo_range req;
		int rc;

		if (VI_GROW(r, cap, n + CALL_ROOM)) {
			free(r);
			return -ENOMEM;
		}
		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.flags = flags;
		req.pid = pid;
		req.count = (uint32_t)(cap - n);
		req.start = start;
		req.end = end;
		req.cursor = cursor;
		req.runs = (uintptr_t)(r + n);
		req.run_size = sizeof(*r);
		rc = do_ioctl(fd, VASINFO_IOC_RANGE, &req);
		if (rc < 0) {
			free(r);
			return rc;
		}
		/* A run cut by the call boundary continues in the next call. */
		if (n && req.count && run_continues(&r[n - 1], &r[n])) {
			r[n - 1].pages += r[n].pages;
			memmove(&r[n], &r[n + 1], (req.count - 1) * sizeof(*r));
			req.count--;
		}
		n += req.count;
		if (totals) {
			totals->present += req.pages_present;
			totals->swapped += req.pages_swapped;
			totals->none += req.pages_none;
		}
		cursor = req.cursor;
		if (req.done)
			break;
	}
	*out = r;
	return (ssize_t)n;
}

void vi_counts_add(struct vasinfo_vma_counts *a,
		   const struct vasinfo_vma_counts *b)
{
	a->present += b->present;
	a->swapped += b->swapped;
	a->huge += b->huge;
	a->rss += b->rss;
	a->anon += b->anon;
	a->file += b->file;
	a->anon_thp += b->anon_thp;
	a->hugetlb += b->hugetlb;
	a->rss_shared += b->rss_shared;
	a->rss_private += b->rss_private;
}

ssize_t vi_counts(int fd, pid_t pid, uint64_t start, uint64_t end,
		  struct vasinfo_vma_counts **out)
{
	return vi_counts_flags(fd, pid, start, end, 0, out);
}

ssize_t vi_counts_flags(int fd, pid_t pid, uint64_t start, uint64_t end,
			uint32_t flags, struct vasinfo_vma_counts **out)
{
	struct vasinfo_vma_counts *c = NULL;
	size_t n = 0, cap = 0;
	uint64_t cursor = 0;

	for (;;) {
		struct vasinfo_counts req;
		uint32_t k = 0;
		int rc;

		if (VI_GROW(c, cap, n + CALL_ROOM)) {
			free(c);
			return -ENOMEM;
		}
		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.flags = flags;
		req.pid = pid;
		req.count = (uint32_t)(cap - n);
		req.start = start;
		req.end = end;
		req.cursor = cursor;
		req.counts = (uintptr_t)(c + n);
		req.counts_size = sizeof(*c);
		rc = do_ioctl(fd, VASINFO_IOC_COUNTS, &req);
		if (rc < 0) {
			free(c);
			return rc;
		}
		/* A VMA the last call ended inside continues in this one. */
		if (n && req.count && (c[n - 1].flags & VASINFO_COUNTS_CUT) &&
		    c[n].start == c[n - 1].end) {
			vi_counts_add(&c[n - 1], &c[n]);
			c[n - 1].end = c[n].end;
			c[n - 1].flags = c[n].flags;
			k = 1;
		}
		if (k && req.count > 1)
			memmove(&c[n], &c[n + 1], (req.count - 1) * sizeof(*c));
		n += req.count - k;
		cursor = req.cursor;
		if (req.done)
			break;
	}
	*out = c;
	return (ssize_t)n;
}
