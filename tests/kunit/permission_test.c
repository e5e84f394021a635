// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_permission: the permission decision table (vasinfo_decide(), the
 * pure rule behind vasinfo_may_inspect()), and the rule for frames
 * (vasinfo_may_see_frames()) under real credentials on real files.
 */
#include <kunit/test.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "internal.h"
#include "helpers.h"

static struct cred *mkcred(struct kunit *test, u32 uid, u32 euid, u32 suid,
			   u32 gid)
{
	struct cred *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->uid = KUIDT_INIT(uid);
	c->euid = KUIDT_INIT(euid);
	c->suid = KUIDT_INIT(suid);
	c->fsuid = KUIDT_INIT(euid);
	c->gid = KGIDT_INIT(gid);
	c->egid = KGIDT_INIT(gid);
	c->sgid = KGIDT_INIT(gid);
	c->fsgid = KGIDT_INIT(gid);
	return c;
}

#define PERM(name, caller_uid, t_uid, t_euid, t_suid, self, cap, dump, capmm, \
	     want)                                                            \
	static void perm_##name(struct kunit *test)                           \
	{                                                                     \
		u32 cuid = caller_uid, tuid = t_uid;                          \
		struct cred *c = mkcred(test, cuid, cuid, cuid, cuid);        \
		struct cred *t = mkcred(test, tuid, t_euid, t_suid, tuid);    \
		KUNIT_EXPECT_EQ(test,                                         \
				vasinfo_decide(c, t, self, cap, dump, capmm), \
				want);                                        \
	}

/* clang-format off */
/*    name                     caller target(uid euid suid) self cap  dump capmm want */
PERM(self_always,              1000, 0, 0, 0,             true, false, false, false, true)
PERM(same_user,                1000, 1000, 1000, 1000,    false, false, true, false, true)
PERM(same_user_nondumpable,    1000, 1000, 1000, 1000,    false, false, false, false, false)
PERM(nondumpable_cap_in_mm_ns, 1000, 1000, 1000, 1000,    false, false, false, true, true)
PERM(other_user,               1000, 1001, 1001, 1001,    false, false, true, false, false)
PERM(other_user_ptrace_cap,    1000, 0, 0, 0,             false, true, true, false, true)
PERM(setuid_target,            1000, 1000, 0, 0,          false, false, true, false, false)
PERM(saved_uid_differs,        1000, 1000, 1000, 0,       false, false, true, false, false)
PERM(cap_but_nondumpable,      1000, 0, 0, 0,             false, true, false, false, false)
PERM(root_caller_plain,        0, 1000, 1000, 1000,       false, false, true, false, false)
/* clang-format on */

static void perm_fsuid_rules(struct kunit *test)
{
	/* A caller that setfsuid()'d to the target's uid matches it. */
	struct cred *c = mkcred(test, 0, 0, 0, 1000);
	struct cred *t = mkcred(test, 1000, 1000, 1000, 1000);

	c->fsuid = KUIDT_INIT(1000);
	KUNIT_EXPECT_TRUE(test,
			  vasinfo_decide(c, t, false, false, true, false));
	t->egid = KGIDT_INIT(5); /* setgid target */
	KUNIT_EXPECT_FALSE(test,
			   vasinfo_decide(c, t, false, false, true, false));
}

/*
 * The capability LSM: the caller must hold every capability the target may
 * use.
 */
static void perm_caps_subset(struct kunit *test)
{
	struct cred *c = mkcred(test, 0, 0, 0, 0);
	struct cred *t = mkcred(test, 0, 0, 0, 0);

	t->cap_permitted = CAP_FULL_SET;
	c->cap_effective = CAP_FULL_SET;
	KUNIT_EXPECT_TRUE(test,
			  vasinfo_decide(c, t, false, false, true, false));
	cap_lower(c->cap_effective, CAP_SYS_PTRACE); /* root without it */
	KUNIT_EXPECT_FALSE(test,
			   vasinfo_decide(c, t, false, false, true, false));
	/* ... unless it holds CAP_SYS_PTRACE over the target after all. */
	KUNIT_EXPECT_TRUE(test, vasinfo_decide(c, t, false, true, true, false));
	/* A target with fewer capabilities is fine. */
	t->cap_permitted = CAP_EMPTY_SET;
	KUNIT_EXPECT_TRUE(test,
			  vasinfo_decide(c, t, false, false, true, false));
}

/* Same user, but the caller lives in a user namespace of its own. */
static void perm_other_user_ns(struct kunit *test)
{
	struct cred *c = mkcred(test, 1000, 1000, 1000, 1000);
	struct cred *t = mkcred(test, 1000, 1000, 1000, 1000);

	c->user_ns = kunit_kzalloc(test, sizeof(*c->user_ns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->user_ns);
	t->user_ns = &init_user_ns;
	KUNIT_EXPECT_FALSE(test,
			   vasinfo_decide(c, t, false, false, true, false));
	t->user_ns = c->user_ns;
	KUNIT_EXPECT_TRUE(test,
			  vasinfo_decide(c, t, false, false, true, false));
}

/*
 * Frames and swap slots need CAP_SYS_ADMIN, like pagemap's, for the opener
 * (the file's f_cred) and for the caller: real credentials, real files.
 */
static void perm_frames_real_creds(struct kunit *test)
{
	struct cred *no_admin = vasinfo_test_creds_without(test, CAP_SYS_ADMIN);
	struct cred *admin_only = vasinfo_test_keep_cred(test, prepare_creds());
	const struct cred *old;
	struct file *strong, *weak, *admin;

	/* KUnit cases run as kernel threads, with every capability. */
	KUNIT_ASSERT_TRUE(test, cap_raised(current_cred()->cap_effective,
					   CAP_SYS_ADMIN));
	admin_only->cap_effective = CAP_EMPTY_SET;
	cap_raise(admin_only->cap_effective, CAP_SYS_ADMIN);

	strong = vasinfo_test_open(test, "/dev/vasinfo", O_RDWR);
	weak = vasinfo_test_open_as(test, no_admin, "/dev/vasinfo");
	admin = vasinfo_test_open_as(test, admin_only, "/dev/vasinfo");

	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(strong));
	/* The opener lacked it: a file handed to a stronger caller. */
	KUNIT_EXPECT_FALSE(test, vasinfo_may_see_frames(weak));
	/* Only CAP_SYS_ADMIN counts, not the others. */
	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(admin));

	old = override_creds(no_admin);
	/* The caller lacks it: a file handed down to a weaker process. */
	KUNIT_EXPECT_FALSE(test, vasinfo_may_see_frames(strong));
	KUNIT_EXPECT_FALSE(test, vasinfo_may_see_frames(weak));
	revert_creds(old);

	old = override_creds(admin_only);
	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(strong));
	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(admin));
	revert_creds(old);
}

static struct kunit_case perm_cases[] = {
	KUNIT_CASE(perm_frames_real_creds),
	KUNIT_CASE(perm_caps_subset),
	KUNIT_CASE(perm_other_user_ns),
	KUNIT_CASE(perm_self_always),
	KUNIT_CASE(perm_same_user),
	KUNIT_CASE(perm_same_user_nondumpable),
	KUNIT_CASE(perm_nondumpable_cap_in_mm_ns),
	KUNIT_CASE(perm_other_user),
	KUNIT_CASE(perm_other_user_ptrace_cap),
	KUNIT_CASE(perm_setuid_target),
	KUNIT_CASE(perm_saved_uid_differs),
	KUNIT_CASE(perm_cap_but_nondumpable),
	KUNIT_CASE(perm_root_caller_plain),
	KUNIT_CASE(perm_fsuid_rules),
	{},
};

struct kunit_suite vasinfo_permission_suite = {
	.name = "vasinfo_permission",
	.test_cases = perm_cases,
};
