// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_report_line: the text report's VMA lines (vasinfo_show_vma()), of
 * made-up VMAs and of the borrowed process's real ones against its
 * /proc/PID/maps, and the whole report read(2) from /dev/vasinfo, its header
 * against the mm_struct.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/seq_file.h>
#include <linux/shmem_fs.h>
#include <linux/string.h>

#include <vasinfo.h>
#include "internal.h"
#include "helpers.h"

static const char *show(struct kunit *test, struct vm_area_struct *vma)
{
	struct seq_file *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->size = PAGE_SIZE;
	m->buf = kunit_kzalloc(test, m->size + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->buf);
	vasinfo_show_vma(m, vma);
	m->buf[m->count] = '\0';
	return m->buf;
}

static char *expect_line(struct kunit *test, const char *prefix,
			 const char *segment, const char *name)
{
	char *buf = kunit_kzalloc(test, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	snprintf(buf, 256, "%-72s %-7s %s\n", prefix, segment, name);
	return buf;
}

static struct vm_area_struct *fake_vma(struct kunit *test, unsigned long start,
				       unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma =
		kunit_kzalloc(test, sizeof(*vma), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vma);
	vma->vm_mm = kunit_kzalloc(test, sizeof(*vma->vm_mm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, vma->vm_mm);
	vma->vm_start = start;
	vma->vm_end = end;
	vasinfo_vma_init_flags(vma, flags);
	return vma;
}

/* vasinfo_show_vma() of @vma is @prefix, the segment, and the name. */
static void expect_shown(struct kunit *test, struct vm_area_struct *vma,
			 const char *prefix, const char *segment,
			 const char *name)
{
	KUNIT_EXPECT_STREQ(test, show(test, vma),
			   expect_line(test, prefix, segment, name));
}

static void line_anon(struct kunit *test)
{
	struct vm_area_struct *vma;

	vma = fake_vma(test, 0x7f0000001000, 0x7f0000003000,
		       VM_READ | VM_WRITE);
	expect_shown(test, vma,
		     "7f0000001000-7f0000003000 rw-p 00000000 00:00 0 ", "anon",
		     "[anon]");
}

static void line_short_addresses(struct kunit *test)
{
	struct vm_area_struct *vma;

	vma = fake_vma(test, 0x1000, 0x2000, VM_READ | VM_EXEC);
	/* At least 8 hex digits, as /proc/PID/maps writes them. */
	expect_shown(test, vma, "00001000-00002000 r-xp 00000000 00:00 0 ",
		     "anon", "[anon]");
}

static void line_heap(struct kunit *test)
{
	struct vm_area_struct *vma;

	vma = fake_vma(test, 0x5000000, 0x5021000, VM_READ | VM_WRITE);
	vma->vm_mm->start_brk = 0x5000000;
	vma->vm_mm->brk = 0x5021000;
	expect_shown(test, vma, "05000000-05021000 rw-p 00000000 00:00 0 ",
		     "heap", "[heap]");
}

static void line_stack(struct kunit *test)
{
	struct vm_area_struct *vma;

	vma = fake_vma(test, 0x7ffd0000, 0x7ffe0000,
		       VM_READ | VM_WRITE | VM_GROWSDOWN);
	vma->vm_mm->start_stack = 0x7ffdfff0;
	expect_shown(test, vma, "7ffd0000-7ffe0000 rw-p 00000000 00:00 0 ",
		     "stack", "[stack]");
}

static void line_shared_none(struct kunit *test)
{
	struct vm_area_struct *vma;

	vma = fake_vma(test, 0x10000, 0x20000, VM_SHARED | VM_MAYSHARE);
	expect_shown(test, vma, "00010000-00020000 ---s 00000000 00:00 0 ",
		     "anon", "[anon]");
}

static void line_bss(struct kunit *test)
{
	struct vm_area_struct *vma;

	vma = fake_vma(test, 0x5e5000, 0x5ec000, VM_READ | VM_WRITE);
	vma->vm_mm->start_data = 0x5db708;
	vma->vm_mm->end_data = 0x5e4710;
	expect_shown(test, vma, "005e5000-005ec000 rw-p 00000000 00:00 0 ",
		     "bss", "[anon]");
}

/*
 * Lines of real VMAs of the insmod, against the kernel's own
 * /proc/PID/maps: a file mapped at an offset, shared memory, and every VMA
 * the process has ([heap], [stack], [vdso], [vvar], its binary), through
 * vasinfo_show_vma() and through a read(2) of /dev/vasinfo, whose header
 * is held to the mm_struct itself.
 */
#define LINE_FILE "/bin/busybox" /* in every test VM's initramfs */
#define LINE_FILE_PGOFF 2
#define LINE_FILE_PAGES 3
#define LINE_SHMEM_PAGES 4
#define REPORT_MAX UBUF_SIZE

static struct vasinfo_borrowed line_proc;
static unsigned long line_file_addr, line_shmem_addr;
static int line_err;

static unsigned long map_file(struct file *f, unsigned long len,
			      unsigned long prot, unsigned long flags,
			      unsigned long pgoff)
{
	unsigned long addr;

	if (IS_ERR(f))
		return PTR_ERR(f);
	addr = vm_mmap(f, 0, len, prot, flags, pgoff << PAGE_SHIFT);
	fput(f); /* the VMA holds its own reference */
	return addr;
}

static int line_suite_init(struct kunit_suite *suite)
{
	unsigned long addr;

	line_err = vasinfo_test_borrow(&line_proc);
	if (line_err)
		return 0;
	addr = map_file(filp_open(LINE_FILE, O_RDONLY, 0),
			LINE_FILE_PAGES * PAGE_SIZE, PROT_READ, MAP_PRIVATE,
			LINE_FILE_PGOFF);
	if (IS_ERR_VALUE(addr)) {
		line_err = (int)addr;
		return 0;
	}
	line_file_addr = addr;
	addr = map_file(shmem_file_setup("vasinfo-kunit",
					 LINE_SHMEM_PAGES * PAGE_SIZE, 0),
			LINE_SHMEM_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			MAP_SHARED, 0);
	if (IS_ERR_VALUE(addr)) {
		line_err = (int)addr;
		return 0;
	}
	line_shmem_addr = addr;
	return 0;
}

static void line_suite_exit(struct kunit_suite *suite)
{
	if (line_file_addr)
		vm_munmap(line_file_addr, LINE_FILE_PAGES * PAGE_SIZE);
	if (line_shmem_addr)
		vm_munmap(line_shmem_addr, LINE_SHMEM_PAGES * PAGE_SIZE);
	line_file_addr = 0;
	line_shmem_addr = 0;
	vasinfo_test_unborrow(&line_proc);
}

static char *read_file(struct kunit *test, const char *path)
{
	struct file *f = vasinfo_test_open(test, path, O_RDONLY);
	char *buf = kunit_kzalloc(test, REPORT_MAX, GFP_KERNEL);
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = vasinfo_test_read_all(&line_proc, f, buf, REPORT_MAX);
	KUNIT_ASSERT_GE_MSG(test, n, (ssize_t)0, "read %s: %zd", path, n);
	return buf;
}

static char *read_maps(struct kunit *test)
{
	char path[32];

	KUNIT_ASSERT_EQ_MSG(test, line_err, 0, "no VMAs to look at");
	snprintf(path, sizeof(path), "/proc/%d/maps", line_proc.pid);
	return read_file(test, path);
}

/* The line of @maps that starts with @first (the "start-end" field). */
static char *maps_line(struct kunit *test, char *maps, const char *first,
		       size_t len)
{
	char *line = maps, *copy;

	while (*line && (strncmp(line, first, len) || line[len] != ' '))
		line = strchrnul(line, '\n') + !!strchr(line, '\n');
	KUNIT_ASSERT_TRUE_MSG(test, *line, "no maps line for %.*s", (int)len,
			      first);
	copy = kunit_kzalloc(test, strcspn(line, "\n") + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, line, strcspn(line, "\n"));
	return copy;
}

/*
 * @ours, a report line without its '\n', must be @maps, the
 * /proc/PID/maps line of the same VMA, with the segment column before the
 * name, and "[anon]" where maps gives no name.
 */
static void expect_maps_line(struct kunit *test, const char *ours,
			     const char *maps)
{
	const char *name = maps, *q;
	size_t head, seg;
	int f;

	for (f = 0; f < 5; f++) { /* range perms offset dev inode */
		name += strcspn(name, " ");
		name += strspn(name, " ");
	}
	head = name - maps;
	if (strncmp(ours, maps, head)) {
		KUNIT_FAIL(test, "columns differ:\n report '%s'\n maps   '%s'",
			   ours, maps);
		return;
	}
	q = ours + head;
	if (!*name) /* maps ends the line after the inode */
		q += strspn(q, " ");
	seg = strcspn(q, " ");
	KUNIT_EXPECT_GT_MSG(test, seg, (size_t)0, "no segment: '%s'", ours);
	q += seg + strspn(q + seg, " ");
	KUNIT_EXPECT_STREQ_MSG(test, q, *name ? name : "[anon]",
			       "\n report '%s'\n maps   '%s'", ours, maps);
}

/* vasinfo_show_vma() of the VMA at @addr, against maps; returns the line. */
static const char *expect_vma_as_maps(struct kunit *test, unsigned long addr)
{
	struct seq_file *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct vm_area_struct *vma;
	char *maps, *line;
	bool found;

	KUNIT_ASSERT_EQ_MSG(test, line_err, 0, "no VMAs to look at");
	KUNIT_ASSERT_NOT_NULL(test, m);
	m->size = PAGE_SIZE;
	m->buf = kunit_kzalloc(test, m->size + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->buf);
	/* No assertion may leave with the lock held. */
	mmap_read_lock(line_proc.mm);
	vma = find_vma(line_proc.mm, addr);
	found = vma && vma->vm_start == addr;
	if (found)
		vasinfo_show_vma(m, vma);
	mmap_read_unlock(line_proc.mm);
	KUNIT_ASSERT_TRUE_MSG(test, found, "no VMA at %lx", addr);
	KUNIT_ASSERT_GT(test, m->count, (size_t)0);
	KUNIT_ASSERT_EQ(test, m->buf[m->count - 1], '\n');
	m->buf[m->count - 1] = '\0';
	line = m->buf;

	maps = read_maps(test);
	expect_maps_line(test, line,
			 maps_line(test, maps, line, strcspn(line, " ")));
	return line;
}

static void line_file(struct kunit *test)
{
	const char *line = expect_vma_as_maps(test, line_file_addr);
	char want[32];

	/* What maps said is about the mapping made: read-only, private, at page 2. */
	snprintf(want, sizeof(want), " r--p %08lx ",
		 LINE_FILE_PGOFF * PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, want), "'%s'", line);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, " " LINE_FILE), "'%s'",
				  line);
}

static void line_shmem(struct kunit *test)
{
	const char *line = expect_vma_as_maps(test, line_shmem_addr);

	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, " rw-s 00000000 "), "'%s'",
				  line);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, "vasinfo-kunit"), "'%s'",
				  line);
}

/* The whole report of the insmod, as read(2) of /dev/vasinfo gives it. */
static char *read_report(struct kunit *test)
{
	struct file *f;
	char cmd[32];
	char *buf;
	ssize_t n;

	KUNIT_ASSERT_EQ_MSG(test, line_err, 0, "no process to report on");
	f = vasinfo_test_open(test, "/dev/vasinfo", O_RDWR);
	snprintf(cmd, sizeof(cmd), "pid %d\n", line_proc.pid);
	n = vasinfo_test_write_str(&line_proc, f, cmd);
	KUNIT_ASSERT_EQ(test, n, (ssize_t)strlen(cmd));
	buf = kunit_kzalloc(test, REPORT_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = vasinfo_test_read_all(&line_proc, f, buf, REPORT_MAX);
	KUNIT_ASSERT_GT_MSG(test, n, (ssize_t)0, "read /dev/vasinfo: %zd", n);
	return buf;
}

/* Every VMA line of the report is its maps line; none is missing. */
static void line_report_is_maps(struct kunit *test)
{
	char *report = read_report(test), *maps = read_maps(test);
	char *body = strstr(report, "\n\n"), *line;
	bool heap = false, stack = false, vdso = false, vvar = false;
	bool file = false, shm = false;
	int lines = 0, maps_lines = 0, map_count;

	KUNIT_ASSERT_NOT_NULL_MSG(test, body, "no blank line after the header");
	body += 2;
	while ((line = strsep(&body, "\n")) && *line) {
		expect_maps_line(test, line,
				 maps_line(test, maps, line,
					   strcspn(line, " ")));
		heap |= !!strstr(line, " [heap]");
		stack |= !!strstr(line, " [stack]");
		vdso |= !!strstr(line, " [vdso]");
		vvar |= !!strstr(line, " [vvar]");
		file |= !!strstr(line, " " LINE_FILE);
		shm |= !!strstr(line, "vasinfo-kunit");
		lines++;
	}
	KUNIT_EXPECT_TRUE_MSG(test, !body || !*body,
			      "text after the last line");
	for (line = maps; *line; line = strchrnul(line, '\n') + 1) {
		/* The gate area is not a VMA of the mm. */
		if (strncmp(strchrnul(line, '\n') - 11, " [vsyscall]", 11))
			maps_lines++;
		if (!strchr(line, '\n'))
			break;
	}
	mmap_read_lock(line_proc.mm);
	map_count = line_proc.mm->map_count;
	mmap_read_unlock(line_proc.mm);
	KUNIT_EXPECT_EQ(test, lines, maps_lines);
	KUNIT_EXPECT_EQ(test, lines, map_count);
	/* busybox's insmod has a brk heap; the two mappings are ours. */
	KUNIT_EXPECT_TRUE(test, heap);
	KUNIT_EXPECT_TRUE(test, stack);
	KUNIT_EXPECT_TRUE(test, vdso);
	KUNIT_EXPECT_TRUE(test, vvar);
	KUNIT_EXPECT_TRUE(test, file);
	KUNIT_EXPECT_TRUE(test, shm);
}

/* The value after "@key" in the report's header; fails the case if none. */
static const char *header_value(struct kunit *test, const char *report,
				const char *key)
{
	const char *end = strstr(report, "\n\n"), *p = report;
	size_t len = strlen(key);

	KUNIT_ASSERT_NOT_NULL(test, end);
	while (p < end && (strncmp(p, key, len) || p[len] != ' '))
		p = strchr(p, '\n') + 1;
	KUNIT_ASSERT_TRUE_MSG(test, p < end, "no '%s' in the header", key);
	return p + len + strspn(p + len, " ");
}

static void expect_range(struct kunit *test, const char *report,
			 const char *key, unsigned long start,
			 unsigned long end)
{
	unsigned long long a = 0, b = 0;

	KUNIT_EXPECT_EQ_MSG(test,
			    sscanf(header_value(test, report, key), "%llx-%llx",
				   &a, &b),
			    2, "%s", key);
	KUNIT_EXPECT_EQ_MSG(test, a, (unsigned long long)start, "%s", key);
	KUNIT_EXPECT_EQ_MSG(test, b, (unsigned long long)end, "%s", key);
}

/* What the header should say, from the mm_struct itself. */
struct mm_facts {
	unsigned long code[2], data[2], heap[2], args[2], env[2];
	unsigned long stack, mmap_base, total_vm;
	unsigned long long anon, file, shmem;
	int map_count;
};

static void mm_facts(struct mm_struct *mm, struct mm_facts *f)
{
	mmap_read_lock(mm);
	f->code[0] = mm->start_code;
	f->code[1] = mm->end_code;
	f->data[0] = mm->start_data;
	f->data[1] = mm->end_data;
	f->heap[0] = mm->start_brk;
	f->heap[1] = mm->brk;
	spin_lock(&mm->arg_lock);
	f->args[0] = mm->arg_start;
	f->args[1] = mm->arg_end;
	f->env[0] = mm->env_start;
	f->env[1] = mm->env_end;
	spin_unlock(&mm->arg_lock);
	f->stack = mm->start_stack;
	f->mmap_base = mm->mmap_base;
	f->total_vm = mm->total_vm;
	f->map_count = mm->map_count;
	/*
	 * The counters as /proc/PID/status reads them: summed over CPUs where
	 * they are per-CPU (6.2+), which get_mm_counter() alone is not.
	 */
	f->anon = vasinfo_mm_counter(mm, MM_ANONPAGES);
	f->file = vasinfo_mm_counter(mm, MM_FILEPAGES);
	f->shmem = vasinfo_mm_counter(mm, MM_SHMEMPAGES);
	mmap_read_unlock(mm);
}

static unsigned long long header_number(struct kunit *test, const char *report,
					const char *key)
{
	unsigned long long v = ~0ULL;

	KUNIT_EXPECT_EQ_MSG(test,
			    sscanf(header_value(test, report, key), "%llx", &v),
			    1, "%s", key);
	return v;
}

static unsigned long long header_decimal(struct kunit *test, const char *report,
					 const char *key)
{
	unsigned long long v = ~0ULL;

	KUNIT_EXPECT_EQ_MSG(test,
			    sscanf(header_value(test, report, key), "%llu", &v),
			    1, "%s", key);
	return v;
}

static void line_report_header(struct kunit *test)
{
	char *report = read_report(test);
	unsigned long long anon = ~0ULL, file = ~0ULL, shmem = ~0ULL, rss;
	struct mm_facts f;
	const char *p;
	size_t len;

	mm_facts(line_proc.mm, &f);
	KUNIT_EXPECT_EQ(test, header_decimal(test, report, "pid:"),
			(unsigned long long)line_proc.pid);
	p = header_value(test, report, "comm:");
	len = strcspn(p, "\n");
	KUNIT_EXPECT_EQ(test, len, strlen(line_proc.comm));
	KUNIT_EXPECT_EQ(test, strncmp(p, line_proc.comm, len), 0);
	expect_range(test, report, "code:", f.code[0], f.code[1]);
	expect_range(test, report, "data:", f.data[0], f.data[1]);
	expect_range(test, report, "heap:", f.heap[0], f.heap[1]);
	expect_range(test, report, "args:", f.args[0], f.args[1]);
	expect_range(test, report, "env:", f.env[0], f.env[1]);
	KUNIT_EXPECT_EQ(test, header_number(test, report, "stack:"),
			(unsigned long long)f.stack);
	KUNIT_EXPECT_EQ(test, header_number(test, report, "mmap_base:"),
			(unsigned long long)f.mmap_base);
	KUNIT_EXPECT_EQ(test, header_decimal(test, report, "vmas:"),
			(unsigned long long)f.map_count);
	KUNIT_EXPECT_EQ(test, header_decimal(test, report, "total_vm:"),
			(unsigned long long)f.total_vm);
	rss = header_decimal(test, report, "rss:");
	p = strstr(header_value(test, report, "rss:"), "): anon ");
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test,
			sscanf(p, "): anon %llu, file %llu, shmem %llu", &anon,
			       &file, &shmem),
			3);
	KUNIT_EXPECT_EQ(test, anon, f.anon);
	KUNIT_EXPECT_EQ(test, file, f.file);
	KUNIT_EXPECT_EQ(test, shmem, f.shmem);
	KUNIT_EXPECT_EQ(test, rss, anon + file + shmem);
	/* A real process, so that the comparisons could have failed. */
	KUNIT_EXPECT_GT(test, f.total_vm, 0UL);
	KUNIT_EXPECT_NE(test, f.code[0], f.code[1]);
	KUNIT_EXPECT_NE(test, f.args[0], f.args[1]);
}

static struct kunit_case line_cases[] = {
	KUNIT_CASE(line_file),
	KUNIT_CASE(line_shmem),
	KUNIT_CASE(line_report_is_maps),
	KUNIT_CASE(line_report_header),
	KUNIT_CASE(line_anon),
	KUNIT_CASE(line_short_addresses),
	KUNIT_CASE(line_heap),
	KUNIT_CASE(line_stack),
	KUNIT_CASE(line_shared_none),
	KUNIT_CASE(line_bss),
	{},
};

struct kunit_suite vasinfo_report_line_suite = {
	.name = "vasinfo_report_line",
	.suite_init = line_suite_init,
	.suite_exit = line_suite_exit,
	.test_cases = line_cases,
};
