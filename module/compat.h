/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernel generations vasinfo supports lives
 * here, so that the logic in the other files reads the same on all of them.
 */
#ifndef VASINFO_COMPAT_H
#define VASINFO_COMPAT_H

#include <linux/version.h>
#include <linux/mm.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#error "vasinfo supports Linux 5.10 and newer (see dkms.conf)"
#endif

/* The name user space gave an anonymous mapping with PR_SET_VMA_ANON_NAME. */
static inline const char *vasinfo_anon_name(struct vm_area_struct *vma)
{
#ifdef CONFIG_ANON_VMA_NAME
	if (!vma->vm_file && vma->anon_name)
		return vma->anon_name->name;
#endif
	return NULL;
}

#endif /* VASINFO_COMPAT_H */
