/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netlink fuzzer's messages, built from the spec's table
 * (fuzz-table.h): a valid request of an op, plausible values and the
 * test's real file descriptors in it, then mutated by one of the kinds
 * below. Deterministic: everything comes from the caller's generator.
 */
#ifndef _ACQ_GUEST_FUZZ_MSG_H
#define _ACQ_GUEST_FUZZ_MSG_H

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <string.h>

#include "fuzz-table.h"

#ifndef __aligned
#define __aligned(x)	__attribute__((aligned(x)))
#endif

/* splitmix64: small, and the same sequence everywhere for a seed. */
struct fz_rng {
	__u64 s;
};

static inline __u64 fz_next(struct fz_rng *r)
{
	__u64 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline __u32 fz_below(struct fz_rng *r, __u32 n)
{
	return n ? (__u32)(fz_next(r) % n) : 0;
}

/* True @pct times in 100. */
static inline int fz_chance(struct fz_rng *r, unsigned int pct)
{
	return fz_below(r, 100) < pct;
}

enum fz_mkind {
	FZ_VALID, FZ_MISSING, FZ_DUPLICATE, FZ_WRONG_TYPE, FZ_RANGE,
	FZ_UNKNOWN, FZ_NESTED, FZ_TRUNCATED, FZ_OVERSIZED, FZ_HEADER,
	FZ_RANDOM, FZ_NR_KINDS,
};

static const char *const fz_kind_names[FZ_NR_KINDS] = {
	"valid", "missing", "duplicated", "wrong-type", "out-of-range",
	"unknown-attr", "nested-garbage", "truncated", "oversized",
	"header-fields", "random",
};

/* Of 100 messages, so many of each kind. */
static const unsigned char fz_kind_weight[FZ_NR_KINDS] = {
	28, 8, 8, 9, 9, 6, 6, 8, 5, 9, 4,
};

#define FZ_MAX_DEVS	4
#define FZ_MAX_FDS	8
#define FZ_MAX_ITEMS	2200
#define FZ_BUF		65536

/* What a sender has to put into its requests. */
struct fz_env {
	const struct fz_op *ops;
	unsigned int nr_ops;
	const struct fz_set *sets;
	int family;
	unsigned int ndev;
	__u32 dev[FZ_MAX_DEVS];
	int handle[FZ_MAX_DEVS];	/* a handle of each, or -1 */
	int fds[FZ_MAX_FDS];		/* other numbers an fd may be */
	unsigned int nfds;
};

struct fz_item {
	__u16 type;
	unsigned int len;
	const unsigned char *data;
	unsigned char small[16];
};

struct fz_msg {
	unsigned char buf[FZ_BUF] __aligned(NLMSG_ALIGNTO);
	size_t len;			/* bytes sent */
	const struct fz_op *op;		/* the op it was made from */
	int dump;			/* NLM_F_DUMP whole */
	enum fz_mkind kind;
	struct fz_item items[FZ_MAX_ITEMS];
	unsigned int nitems;
};

/* Bytes an oversized or nested payload is taken from. */
static unsigned char fz_junk[FZ_BUF];

static inline void fz_fill(struct fz_rng *r, unsigned char *p, size_t n)
{
	while (n--)
		*p++ = (unsigned char)fz_next(r);
}

static inline int fz_ends_with(const char *s, const char *end)
{
	size_t a = strlen(s), b = strlen(end);

	return a >= b && !strcmp(s + a - b, end);
}

/*
 * A plausible integer for @a: mostly small or a power of two in its
 * range, sometimes its bounds, so that requests get past the policy and
 * into the handlers.
 */
static inline long long fz_plausible(struct fz_rng *r, const struct fz_attr *a)
{
	long long lo = a->has_min ? a->min : 0;
	long long hi = a->has_max ? a->max : 1LL << 20;
	long long v;

	switch (fz_below(r, 10)) {
	case 0:
		return lo;
	case 1:
		return hi;
	case 2: case 3: case 4: case 5:
		v = 1LL << fz_below(r, 21);
		break;
	case 6: case 7:
		v = lo + fz_below(r, 64);
		break;
	default:
		v = lo + (long long)(fz_next(r) % (__u64)(hi - lo + 1));
		break;
	}
	return v < lo ? lo : v > hi ? hi : v;
}

/* Which of the test's devices the message is about. */
struct fz_aim {
	unsigned int dev;
};

static inline void fz_item_int(struct fz_item *it, unsigned int size,
			       long long v)
{
	it->len = size;
	it->data = it->small;
	memcpy(it->small, &v, size);	/* little-endian: the low bytes */
}

/* A valid-looking value of attribute @a of set @set for @aim. */
static inline void fz_value(struct fz_rng *r, const struct fz_env *env,
			    const struct fz_set *set, const struct fz_attr *a,
			    const struct fz_aim *aim, struct fz_item *it)
{
	int fd;

	it->type = a->type;
	switch (a->kind) {
	case FZ_U8: case FZ_S8:
		fz_item_int(it, 1, fz_plausible(r, a));
		return;
	case FZ_U16: case FZ_S16:
		fz_item_int(it, 2, fz_plausible(r, a));
		return;
	case FZ_U64: case FZ_S64:
		fz_item_int(it, 8, fz_plausible(r, a));
		return;
	case FZ_S32:
		/* Signed 32 bits: a file descriptor of the sender's. */
		if (fz_chance(r, 70) && !strcmp(a->name, "handle") &&
		    env->handle[aim->dev] >= 0)
			fd = env->handle[aim->dev];
		else if (fz_chance(r, 85))
			fd = env->fds[fz_below(r, env->nfds)];
		else
			fd = (int)fz_next(r);
		fz_item_int(it, 4, fd);
		return;
	case FZ_U32:
		/* The device's id, or another item's (a channel, a window). */
		if (!strcmp(a->name, "dev-id") ||
		    (!strcmp(a->name, "id") && !strcmp(set->name, "dev")))
			fz_item_int(it, 4, fz_chance(r, 90) ? env->dev[aim->dev] :
				    fz_plausible(r, a));
		else if (fz_ends_with(a->name, "id"))
			fz_item_int(it, 4, fz_chance(r, 90) ? fz_below(r, 4) :
				    fz_plausible(r, a));
		else
			fz_item_int(it, 4, fz_plausible(r, a));
		return;
	case FZ_STRING: {
		unsigned int n = fz_below(r, a->max_len ? a->max_len : 32);
		unsigned int i;

		n = n < sizeof(it->small) ? n : sizeof(it->small) - 1;
		for (i = 0; i < n; i++)
			it->small[i] = 'a' + fz_below(r, 26);
		it->small[n] = 0;
		it->len = n + 1;
		it->data = it->small;
		return;
	}
	case FZ_FLAG: case FZ_PAD:
		it->len = 0;
		it->data = it->small;
		return;
	default:
		/* A nest, or binary: bytes (nested-garbage makes real nests). */
		it->len = fz_below(r, sizeof(it->small));
		fz_fill(r, it->small, it->len);
		it->data = it->small;
		return;
	}
}

static inline int fz_put(struct fz_msg *m, __u16 type, const void *data,
			 unsigned int len)
{
	struct nlattr *nla = (void *)(m->buf + m->len);
	size_t total = NLA_ALIGN(NLA_HDRLEN + len);

	if (m->len + total > sizeof(m->buf) || NLA_HDRLEN + len > 0xffff)
		return -1;
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy(nla + 1, data, len);
	memset((char *)(nla + 1) + len, 0, total - NLA_HDRLEN - len);
	m->len += total;
	return 0;
}

/* Random nested attributes of @depth levels at most, into @p; their size. */
static inline unsigned int fz_nest_garbage(struct fz_rng *r, unsigned char *p,
					   unsigned int room, int depth)
{
	unsigned int used = 0;

	while (used + NLA_HDRLEN <= room && fz_chance(r, 80)) {
		struct nlattr *nla = (void *)(p + used);
		unsigned int len;

		nla->nla_type = fz_below(r, 24);
		if (depth > 0 && fz_chance(r, 40)) {
			nla->nla_type |= NLA_F_NESTED;
			len = fz_nest_garbage(r, p + used + NLA_HDRLEN,
					      room - used - NLA_HDRLEN,
					      depth - 1);
		} else {
			len = fz_below(r, 13);
			if (used + NLA_HDRLEN + len > room)
				len = room - used - NLA_HDRLEN;
			fz_fill(r, p + used + NLA_HDRLEN, len);
		}
		/* Now and then a length that lies. */
		nla->nla_len = fz_chance(r, 10) ? fz_below(r, 64) :
			       NLA_HDRLEN + len;
		used += NLA_ALIGN(NLA_HDRLEN + len);
		if (used > room)
			used = room;
	}
	return used;
}

static inline const struct fz_list *fz_request(const struct fz_op *op,
					       int dump)
{
	return dump ? &op->dump_request : &op->do_request;
}

/* The items of a valid request of @op. */
static inline void fz_valid_items(struct fz_rng *r, const struct fz_env *env,
				  struct fz_msg *m, const struct fz_aim *aim)
{
	const struct fz_set *set = &env->sets[m->op->set];
	const struct fz_list *req = fz_request(m->op, m->dump);
	unsigned int i;

	m->nitems = 0;
	for (i = 0; i < req->n; i++) {
		const struct fz_attr *a = &set->attrs[req->idx[i]];

		/* Ids and handles nearly always; the rest now and then. */
		if (!fz_ends_with(a->name, "id") &&
		    strcmp(a->name, "handle") && !fz_chance(r, 50))
			continue;
		if (fz_ends_with(a->name, "id") && m->dump && fz_chance(r, 50))
			continue;	/* a dump's filter, left out */
		fz_value(r, env, set, a, aim, &m->items[m->nitems++]);
	}
}

static inline const struct fz_attr *fz_attr_of(const struct fz_set *set,
					       __u16 type)
{
	unsigned int i;

	for (i = 0; i < set->n; i++)
		if (set->attrs[i].type == type)
			return &set->attrs[i];
	return NULL;
}

/* Mutate the items as @m->kind says. */
static inline void fz_mutate_items(struct fz_rng *r, const struct fz_env *env,
				   struct fz_msg *m, const struct fz_aim *aim)
{
	const struct fz_set *set = &env->sets[m->op->set];
	struct fz_item *it = m->nitems ? &m->items[fz_below(r, m->nitems)] : NULL;
	const struct fz_attr *a;
	unsigned int i, n;

	switch (m->kind) {
	case FZ_MISSING:
		n = 1 + fz_below(r, m->nitems ? m->nitems : 1);
		while (n-- && m->nitems) {
			i = fz_below(r, m->nitems);
			m->items[i] = m->items[--m->nitems];
		}
		break;
	case FZ_DUPLICATE:
		if (!it)
			break;
		n = 1 + fz_below(r, 3);
		while (n-- && m->nitems < FZ_MAX_ITEMS) {
			struct fz_item *d = &m->items[m->nitems++];

			*d = *it;
			d->data = d->small;
			a = fz_attr_of(set, it->type);
			if (a && fz_chance(r, 50))
				fz_value(r, env, set, a, aim, d);
		}
		break;
	case FZ_WRONG_TYPE: {
		static const unsigned char lens[] = { 0, 1, 2, 3, 5, 6, 7, 8, 12, 16 };

		if (!it)
			break;
		do
			n = lens[fz_below(r, sizeof(lens))];
		while (n == it->len);
		it->len = n;
		fz_fill(r, it->small, n);
		it->data = it->small;
		break;
	}
	case FZ_RANGE:
		if (!it)
			break;
		a = fz_attr_of(set, it->type);
		switch (fz_below(r, 6)) {
		case 0:
			fz_item_int(it, it->len > 8 ? 8 : it->len,
				    a && a->has_min ? a->min - 1 : -1);
			break;
		case 1:
			fz_item_int(it, it->len > 8 ? 8 : it->len,
				    a && a->has_max ? a->max + 1 : 0x7fffffff);
			break;
		case 2:
			fz_item_int(it, it->len > 8 ? 8 : it->len, -1);
			break;
		case 3:
			fz_item_int(it, it->len > 8 ? 8 : it->len, 0);
			break;
		default:
			fz_item_int(it, it->len > 8 ? 8 : it->len,
				    (long long)fz_next(r));
			break;
		}
		break;
	case FZ_UNKNOWN: {
		struct fz_item *u = &m->items[m->nitems < FZ_MAX_ITEMS ?
					      m->nitems++ : 0];

		switch (fz_below(r, 5)) {
		case 0:
			u->type = 0;
			break;
		case 1:
			u->type = set->max + 1 + fz_below(r, 4);
			break;
		case 2:
			/* One of the set's, which this request does not take. */
			u->type = set->attrs[fz_below(r, set->n)].type;
			break;
		case 3:
			u->type = fz_below(r, NLA_TYPE_MASK + 1);
			break;
		default:
			/* A known type with a flag bit set. */
			u->type = (it ? it->type : 1) |
				  (fz_chance(r, 50) ? NLA_F_NESTED :
						      NLA_F_NET_BYTEORDER);
			break;
		}
		u->len = fz_below(r, 9);
		fz_fill(r, u->small, u->len);
		u->data = u->small;
		break;
	}
	case FZ_NESTED: {
		struct fz_item *u = it && fz_chance(r, 50) ? it :
			&m->items[m->nitems < FZ_MAX_ITEMS ? m->nitems++ : 0];
		unsigned int room = 64 + fz_below(r, 4000);

		if (u != it)
			u->type = fz_below(r, set->max + 2);
		u->type |= fz_chance(r, 80) ? NLA_F_NESTED : 0;
		u->len = fz_nest_garbage(r, fz_junk, room, fz_below(r, 8));
		u->data = fz_junk;
		break;
	}
	case FZ_OVERSIZED:
		if (fz_chance(r, 50) && it) {
			/* One huge attribute. */
			it->len = 64 + fz_below(r, 60000);
			fz_fill(r, fz_junk, it->len);
			if (fz_chance(r, 50))
				memset(fz_junk, 'x', it->len);
			it->data = fz_junk;
		} else {
			/* Very many. */
			n = 200 + fz_below(r, FZ_MAX_ITEMS - 200);
			while (n-- && m->nitems < FZ_MAX_ITEMS) {
				struct fz_item *d = &m->items[m->nitems++];

				a = &set->attrs[fz_below(r, set->n)];
				fz_value(r, env, set, a, aim, d);
			}
		}
		break;
	default:
		break;
	}
}

/*
 * Build message @seq of kind @kind for @op (do or dump as @dump says)
 * from @env into @m. Every message asks for an acknowledgment, so that
 * each has an answer but those netlink must drop (fz_silent()).
 */
static inline void fz_build(struct fz_rng *r, const struct fz_env *env,
			    struct fz_msg *m, const struct fz_op *op, int dump,
			    enum fz_mkind kind, __u32 seq)
{
	struct nlmsghdr *nlh = (void *)m->buf;
	struct genlmsghdr *g = (void *)(nlh + 1);
	struct fz_aim aim = { .dev = fz_below(r, env->ndev) };
	unsigned int i;

	m->op = op;
	m->dump = dump;
	m->kind = kind;
	fz_valid_items(r, env, m, &aim);
	fz_mutate_items(r, env, m, &aim);

	memset(nlh, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_type = env->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = seq;
	g->cmd = op->cmd;
	g->version = 1;
	m->len = NLMSG_HDRLEN + GENL_HDRLEN;

	if (kind == FZ_RANDOM) {
		unsigned int n = fz_below(r, 1024);

		fz_fill(r, m->buf + m->len, n);
		m->len += n;
	}
	for (i = 0; i < m->nitems; i++)
		if (fz_put(m, m->items[i].type, m->items[i].data,
			   m->items[i].len))
			break;
	nlh->nlmsg_len = m->len;

	if (kind == FZ_HEADER) {
		switch (fz_below(r, 6)) {
		case 0:
			nlh->nlmsg_flags = (__u16)fz_next(r) | NLM_F_ACK;
			break;
		case 1:
			/* A notification's, or no op's, command. */
			g->cmd = fz_chance(r, 50) ? fz_below(r, 256) :
				 env->ops[fz_below(r, env->nr_ops)].cmd;
			break;
		case 2:
			g->version = fz_next(r);
			g->reserved = fz_next(r);
			break;
		case 3:
			/* A control message: netlink acknowledges it alone. */
			nlh->nlmsg_type = fz_below(r, NLMSG_MIN_TYPE);
			break;
		case 4:
			/* Dump on an op without one, or a do on one without. */
			nlh->nlmsg_flags ^= NLM_F_DUMP;
			break;
		default:
			nlh->nlmsg_flags |= (__u16)fz_next(r) &
				~(NLM_F_DUMP | NLM_F_REQUEST);
			nlh->nlmsg_pid = fz_next(r);
			break;
		}
	} else if (kind == FZ_TRUNCATED) {
		/* Not 0: a send of nothing is refused (ENODATA), never sent. */
		size_t cut = 1 + fz_below(r, m->len - 1);

		if (fz_chance(r, 25)) {
			/* The length says more than was sent. */
			m->len = cut;
		} else if (fz_chance(r, 30) && m->len > NLMSG_HDRLEN + GENL_HDRLEN +
			   NLA_HDRLEN) {
			/* The last attribute says more than there is. */
			struct nlattr *nla = (void *)(m->buf + NLMSG_HDRLEN +
						      GENL_HDRLEN);

			nla->nla_len += 1 + fz_below(r, 64);
		} else {
			m->len = cut;
			if (cut >= sizeof(*nlh))
				nlh->nlmsg_len = cut;
		}
	}
}

/* Netlink drops such a message without a word, as it must. */
static inline int fz_silent(const struct fz_msg *m)
{
	const struct nlmsghdr *nlh = (const void *)m->buf;

	return m->len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	       nlh->nlmsg_len > m->len;
}

/* A kind, by the weights. */
static inline enum fz_mkind fz_pick_kind(struct fz_rng *r)
{
	unsigned int w = fz_below(r, 100), k;

	for (k = 0; k < FZ_NR_KINDS - 1; k++) {
		if (w < fz_kind_weight[k])
			return k;
		w -= fz_kind_weight[k];
	}
	return FZ_NR_KINDS - 1;
}

#endif /* _ACQ_GUEST_FUZZ_MSG_H */
