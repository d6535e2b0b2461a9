/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_ACQ_H
#define _UAPI_LINUX_ACQ_H

#define ACQ_FAMILY_NAME		"acq"
#define ACQ_FAMILY_VERSION	1

#define ACQ_DEV_NAME_LEN	32
#define ACQ_PARENT_NAME_LEN	64

enum {
	ACQ_A_DEV_ID = 1,
	ACQ_A_DEV_NAME,
	ACQ_A_DEV_BACKEND,
	ACQ_A_DEV_PARENT,
	ACQ_A_DEV_CHANNELS,

	__ACQ_A_DEV_MAX,
	ACQ_A_DEV_MAX = (__ACQ_A_DEV_MAX - 1)
};

enum {
	ACQ_CMD_DEV_GET = 1,

	__ACQ_CMD_MAX,
	ACQ_CMD_MAX = (__ACQ_CMD_MAX - 1)
};

#endif /* _UAPI_LINUX_ACQ_H */
