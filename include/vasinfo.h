/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vasinfo user-space ABI: the one header shared, unchanged, by the kernel
 * module and by user space. See docs/abi.md for the versioning rule.
 */
#ifndef _UAPI_VASINFO_H
#define _UAPI_VASINFO_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define VASINFO_VERSION "0.1.0"

/*
 * MAJOR changes only if an existing request changes meaning (never, we
 * hope); MINOR counts additions: new requests, new fields at the end of a
 * struct, new flags.
 */
#define VASINFO_ABI_MAJOR 1
#define VASINFO_ABI_MINOR 0

#define VASINFO_DEVICE "/dev/vasinfo"

#endif /* _UAPI_VASINFO_H */
