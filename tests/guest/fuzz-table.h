/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shape of the netlink fuzzer's table, which tests/fuzz/gen-table
 * writes from schemas/acq.yaml: the family's ops, each with the
 * attributes of its requests and replies, and its attribute sets.
 */
#ifndef _ACQ_GUEST_FUZZ_TABLE_H
#define _ACQ_GUEST_FUZZ_TABLE_H

enum fz_kind {
	FZ_U8 = 1, FZ_U16, FZ_U32, FZ_U64, FZ_S8, FZ_S16, FZ_S32, FZ_S64,
	FZ_STRING, FZ_BINARY, FZ_FLAG, FZ_NEST, FZ_PAD,
};

struct fz_attr {
	const char *name;
	unsigned short type;		/* the attribute's number */
	unsigned char kind;		/* enum fz_kind */
	unsigned char multi;		/* may come more than once */
	unsigned char has_min, has_max;
	long long min, max;		/* the spec's checks, or an enum's range */
	unsigned int max_len;		/* a string's, NUL included; 0: none */
	int nest;			/* the nested set's index, or -1 */
};

struct fz_set {
	const char *name;
	unsigned int max;		/* the highest attribute number */
	const struct fz_attr *attrs;
	unsigned int n;
};

/* Attributes of a request or a reply: indices into the op's set. */
struct fz_list {
	const unsigned char *idx;
	unsigned int n;
};

struct fz_op {
	const char *name;
	unsigned char cmd;
	int set;			/* -1: a notification, no request */
	int notify;			/* a notification's: the op it is of */
	unsigned char admin;		/* admin-perm: CAP_NET_ADMIN only */
	unsigned char has_do, has_dump;
	struct fz_list do_request, do_reply, dump_request, dump_reply;
};

#endif /* _ACQ_GUEST_FUZZ_TABLE_H */
