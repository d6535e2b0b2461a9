/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netlink fuzzer's judge: one exchange (send a message, read what
 * comes back) and what a proper answer is. Every message but those
 * netlink drops (fz_silent()) gets an NLMSG_ERROR, its acknowledgment or
 * error, with a negative errno in range and a well-formed extack; a do
 * may come first with a reply of the family, and a dump is messages of
 * the family ending with NLMSG_DONE. Replies carry the request's command,
 * and only attributes of the op's reply in the spec, each of the right
 * size, nests walked. Counted into figures a reader can quote.
 */
#ifndef _ACQ_GUEST_FUZZ_ANSWER_H
#define _ACQ_GUEST_FUZZ_ANSWER_H

#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "fuzz-msg.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

#define FZ_MAX_OPS	64
#define FZ_MAX_ERRNO	134
#define FZ_BAD_KEEP	8

/* Who sends: what it may do differs. */
enum fz_who { FZ_ROOT, FZ_USER, FZ_USERNS, FZ_NR_WHO };

static const char *const fz_who_names[FZ_NR_WHO] = {
	"root", "user", "userns",
};

/* Plain data: a child sends its figures to the parent through a pipe. */
struct fz_fig {
	unsigned long sent, silent, replies, dump_msgs, dumps_done, acks;
	unsigned long extack_msgs, eperm_checked, bad;
	unsigned long events;			/* notifications, all proper */
	unsigned long pidns;			/* sent from a pid namespace */
	unsigned long event_op[FZ_MAX_OPS];
	unsigned long kind[FZ_NR_KINDS];
	unsigned long op_do[FZ_MAX_OPS], op_dump[FZ_MAX_OPS];
	unsigned long op_ok[FZ_MAX_OPS];	/* acked 0, or dumped whole */
	/* Answered by the handler: ok, or an errno no policy gives. */
	unsigned long op_deep[FZ_MAX_OPS];
	unsigned long err[FZ_MAX_ERRNO + 1];	/* [FZ_MAX_ERRNO]: others */
	char bad_text[FZ_BAD_KEEP][160];
};

struct fz_sock {
	int fd;
	__u32 portid;
	enum fz_who who;
	unsigned char rbuf[FZ_BUF + 4096] __aligned(NLMSG_ALIGNTO);
};

static inline void fz_bad(struct fz_fig *f, const struct fz_msg *m,
			  const char *fmt, ...)
{
	char text[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (f->bad < FZ_BAD_KEEP)
		snprintf(f->bad_text[f->bad], sizeof(f->bad_text[0]),
			 "%s %s%s: %s", fz_kind_names[m->kind], m->op->name,
			 m->dump ? " dump" : "", text);
	f->bad++;
}

static inline int fz_socket(struct fz_sock *s, enum fz_who who,
			    int timeout_ms)
{
	struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t sl = sizeof(sa);
	int one = 1, rcv = 1 << 20;

	s->who = who;
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -1;
	if (setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv)) ||
	    bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(s->fd, (struct sockaddr *)&sa, &sl))
		return -1;
	s->portid = sa.nl_pid;
	return 0;
}

/* The payload's size of an attribute of @kind; -1: any. */
static inline int fz_size(enum fz_kind kind)
{
	switch (kind) {
	case FZ_U8:
	case FZ_S8:
		return 1;
	case FZ_U16:
	case FZ_S16:
		return 2;
	case FZ_U32:
	case FZ_S32:
		return 4;
	case FZ_U64:
	case FZ_S64:
		return 8;
	case FZ_FLAG:
		return 0;
	default:
		return -1;
	}
}

/* The next attribute of a walk, @rem bytes left from @nla on. */
#define FZ_NLA_FOR(nla, rem)						\
	for (; (rem) >= (int)NLA_HDRLEN && (nla)->nla_len >= NLA_HDRLEN && \
	       (nla)->nla_len <= (rem);					\
	     (rem) -= NLA_ALIGN((nla)->nla_len),				\
	     (nla) = (const void *)((const char *)(nla) +		\
				    NLA_ALIGN((nla)->nla_len)))

/* Attributes at @p, @len bytes, of set @set: all of the right size. */
static inline int fz_check_attrs(const struct fz_env *env, int set_idx,
				 const struct fz_list *allowed,
				 const unsigned char *p, int len, char *why,
				 size_t wlen)
{
	const struct fz_set *set = &env->sets[set_idx];
	unsigned char seen[256] = { 0 };
	const struct nlattr *nla = (const void *)p;
	int rem = len;

	FZ_NLA_FOR(nla, rem) {
		__u16 type = nla->nla_type & NLA_TYPE_MASK;
		unsigned int plen = nla->nla_len - NLA_HDRLEN;
		const unsigned char *pl = (const void *)(nla + 1);
		const struct fz_attr *a = fz_attr_of(set, type);
		unsigned int i, ok = !allowed;
		int want = -1;

		for (i = 0; allowed && i < allowed->n; i++)
			ok |= set->attrs[allowed->idx[i]].type == type;
		if (!a || (!ok && a->kind != FZ_PAD)) {
			snprintf(why, wlen, "attribute %u not in the %s reply",
				 type, set->name);
			return -1;
		}
		if (seen[type & 0xff]++ && !a->multi && a->kind != FZ_PAD) {
			snprintf(why, wlen, "%s twice", a->name);
			return -1;
		}
		want = fz_size(a->kind);
		if (want >= 0 && (int)plen != want) {
			snprintf(why, wlen, "%s of %u bytes", a->name, plen);
			return -1;
		}
		if (a->kind == FZ_STRING &&
		    (!plen || memchr(pl, 0, plen) != pl + plen - 1 ||
		     (a->max_len && plen > a->max_len))) {
			snprintf(why, wlen, "string %s malformed (%u bytes)",
				 a->name, plen);
			return -1;
		}
		if (want > 0 && (a->has_min || a->has_max) && a->kind == FZ_U32) {
			__u32 v;

			memcpy(&v, pl, 4);
			if ((a->has_min && v < a->min) ||
			    (a->has_max && v > a->max)) {
				snprintf(why, wlen, "%s = %u out of its range",
					 a->name, v);
				return -1;
			}
		}
		if (a->kind == FZ_NEST && a->nest >= 0 &&
		    fz_check_attrs(env, a->nest, NULL, pl, plen, why, wlen))
			return -1;
	}
	if (rem) {
		snprintf(why, wlen, "%d bytes after the last attribute", rem);
		return -1;
	}
	return 0;
}

/* An extack's attributes, after the error at @p (@len bytes). */
static inline int fz_check_extack(const unsigned char *p, int len,
				  size_t sent, int *has_msg, char *why,
				  size_t wlen)
{
	const struct nlattr *nla = (const void *)p;
	int rem = len;

	FZ_NLA_FOR(nla, rem) {
		const char *pl = (const void *)(nla + 1);
		unsigned int plen = nla->nla_len - NLA_HDRLEN;
		__u32 off;

		switch (nla->nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			if (!plen || pl[plen - 1] || strlen(pl) + 1 != plen) {
				snprintf(why, wlen, "extack message malformed");
				return -1;
			}
			*has_msg = 1;
			break;
		case NLMSGERR_ATTR_OFFS:
			memcpy(&off, pl, 4);
			if (plen != 4 || off >= sent) {
				snprintf(why, wlen, "extack offset %u of %zu bytes",
					 off, sent);
				return -1;
			}
			break;
		default:
			break;
		}
	}
	if (rem >= (int)NLA_HDRLEN) {
		snprintf(why, wlen, "extack attributes malformed");
		return -1;
	}
	return 0;
}

static inline const struct fz_op *fz_op_of(const struct fz_env *env, __u8 cmd)
{
	unsigned int i;

	for (i = 0; i < env->nr_ops; i++)
		if (env->ops[i].cmd == cmd)
			return &env->ops[i];
	return NULL;
}

/* What the kernel must answer, where the table alone says. */
enum fz_want {
	FZ_ANY, FZ_ACK0, FZ_EOPNOTSUPP, FZ_EPERM, FZ_NOT_OK, FZ_ERROR,
	FZ_EPERM_OR_EOPNOTSUPP,
};

static inline enum fz_want fz_expect(const struct fz_env *env,
				     const struct fz_msg *m, enum fz_who who)
{
	const struct nlmsghdr *nlh = (const void *)m->buf;
	const struct genlmsghdr *g = (const void *)(nlh + 1);
	int dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	const struct fz_op *op;
	unsigned int i;

	if (!(nlh->nlmsg_flags & NLM_F_REQUEST) ||
	    nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return FZ_ACK0;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return FZ_ANY;
	/*
	 * From the family's first op (resv_start_op 0), genetlink refuses a
	 * reserved field set and flags other than those it knows.
	 */
	if (g->reserved || ((nlh->nlmsg_flags & ~(dump ? NLM_F_DUMP : 0)) &
			    ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)))
		return FZ_ERROR;
	op = fz_op_of(env, g->cmd);
	if (!op)
		return FZ_EOPNOTSUPP;
	/*
	 * An admin op asked for in a mode it lacks: 6.1 checks the
	 * permission first, 6.12 the mode.
	 */
	if (!(dump ? op->has_dump : op->has_do))
		return op->admin && who != FZ_ROOT ? FZ_EPERM_OR_EOPNOTSUPP :
		       FZ_EOPNOTSUPP;
	if (who == FZ_ROOT)
		return FZ_ANY;
	if (op->admin)
		return FZ_EPERM;
	/* An op that takes a handle changes the device: never theirs. */
	for (i = 0; !dump && i < op->do_request.n; i++)
		if (!strcmp(env->sets[op->set].attrs[op->do_request.idx[i]].name,
			    "handle"))
			return FZ_NOT_OK;
	return FZ_ANY;
}

static inline void fz_count_err(struct fz_fig *f, int err)
{
	f->err[-err < FZ_MAX_ERRNO ? -err : FZ_MAX_ERRNO]++;
}

/* Whether the attributes at @p (@len bytes, walked whole) name the owner. */
static inline int fz_names_owner(const struct fz_set *set,
				 const unsigned char *p, int len)
{
	const struct nlattr *nla = (const void *)p;
	int rem = len;

	FZ_NLA_FOR(nla, rem) {
		const struct fz_attr *a = fz_attr_of(set, nla->nla_type &
						     NLA_TYPE_MASK);

		if (a && !strcmp(a->name, "owner-pid"))
			return 1;
	}
	return 0;
}

/* What one exchange is about. */
struct fz_ctx {
	const struct fz_env *env;
	const struct fz_msg *m;
	struct fz_fig *f;
	const struct fz_op *op;		/* of the command sent, or NULL */
	enum fz_want want;
	enum fz_who who;
	int dump;			/* as the kernel reads the flags */
};

/* Check the answer's error against what the table says it must be. */
static inline void fz_judge_errno(struct fz_ctx *c, int err)
{
	const struct fz_msg *m = c->m;
	struct fz_fig *f = c->f;

	switch (c->want) {
	case FZ_ACK0:
		if (err)
			fz_bad(f, m, "error %d, want an ack", err);
		break;
	case FZ_EOPNOTSUPP:
		if (err != -EOPNOTSUPP)
			fz_bad(f, m, "error %d, want EOPNOTSUPP", err);
		break;
	case FZ_EPERM:
		if (err != -EPERM)
			fz_bad(f, m, "error %d, want EPERM", err);
		f->eperm_checked++;
		break;
	case FZ_EPERM_OR_EOPNOTSUPP:
		if (err != -EPERM && err != -EOPNOTSUPP)
			fz_bad(f, m, "error %d, want EPERM or EOPNOTSUPP", err);
		break;
	case FZ_ERROR:
		if (!err)
			fz_bad(f, m, "no error for a reserved field set");
		break;
	case FZ_NOT_OK:
		if (!err)
			fz_bad(f, m, "a change by %s succeeded",
			       fz_who_names[c->who]);
		break;
	default:
		break;
	}
}

/*
 * An NLMSG_ERROR or NLMSG_DONE of @plen bytes at @pl, which ends the
 * exchange: its errno, its extack, what it had to be.
 */
static inline void fz_judge_end(struct fz_ctx *c, const struct nlmsghdr *nlh,
				const unsigned char *pl, int plen)
{
	const struct nlmsghdr *sent = (const void *)c->m->buf;
	const struct nlmsgerr *e = (const void *)pl;
	const struct fz_msg *m = c->m;
	struct fz_fig *f = c->f;
	int err, has_msg = 0, skip = sizeof(int);
	char why[96];

	if (plen < (int)sizeof(int) ||
	    (nlh->nlmsg_type == NLMSG_ERROR && plen < (int)sizeof(*e))) {
		fz_bad(f, m, "short error, %d bytes", plen);
		return;
	}
	err = *(const int *)pl;
	if (err > 0 || err < -4095) {
		fz_bad(f, m, "error %d", err);
		return;
	}
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		skip = sizeof(*e);
		if (e->msg.nlmsg_seq != sent->nlmsg_seq ||
		    e->msg.nlmsg_type != sent->nlmsg_type) {
			fz_bad(f, m, "error about seq %u type %u",
			       e->msg.nlmsg_seq, e->msg.nlmsg_type);
			return;
		}
		/* Without NETLINK_CAP_ACK's effect, the request follows. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			skip += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	} else if (!c->dump) {
		fz_bad(f, m, "NLMSG_DONE for a do");
		return;
	}
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    fz_check_extack(pl + skip, plen - skip, m->len, &has_msg, why,
			    sizeof(why))) {
		fz_bad(f, m, "%s", why);
		return;
	}
	f->extack_msgs += has_msg;
	fz_judge_errno(c, err);
	if (c->want == FZ_ANY && m->op == c->op && m->dump == c->dump &&
	    err != -EINVAL && err != -ERANGE && err != -EOPNOTSUPP &&
	    err != -EPERM)
		f->op_deep[m->op - c->env->ops]++;
	if (err) {
		fz_count_err(f, err);
		return;
	}
	if (nlh->nlmsg_type == NLMSG_DONE)
		f->dumps_done++;
	else
		f->acks++;
	if (c->want == FZ_ANY && m->op == c->op && m->dump == c->dump)
		f->op_ok[m->op - c->env->ops]++;
}

/*
 * A message of the family: a reply to a do, or one of a dump, with the
 * request's command and the attributes the spec gives the op's reply.
 * 0, or -1 when it was bad.
 */
static inline int fz_judge_reply(struct fz_ctx *c, const struct nlmsghdr *nlh,
				 const unsigned char *pl, int plen,
				 int no_owner)
{
	const struct genlmsghdr *sg = (const void *)(c->m->buf + NLMSG_HDRLEN);
	const struct genlmsghdr *g = (const void *)pl;
	const struct fz_msg *m = c->m;
	const struct fz_list *rep;
	char why[96];

	if (plen < (int)GENL_HDRLEN) {
		fz_bad(c->f, m, "a reply of %d bytes", plen);
		return -1;
	}
	if (g->cmd != sg->cmd || !c->op || g->version != 1) {
		fz_bad(c->f, m, "reply cmd %u version %u to cmd %u", g->cmd,
		       g->version, sg->cmd);
		return -1;
	}
	if (!!(nlh->nlmsg_flags & NLM_F_MULTI) != c->dump) {
		fz_bad(c->f, m, "reply flags %#x", nlh->nlmsg_flags);
		return -1;
	}
	rep = c->dump ? &c->op->dump_reply : &c->op->do_reply;
	if (!rep->n) {
		fz_bad(c->f, m, "a reply to an op without one");
		return -1;
	}
	if (fz_check_attrs(c->env, c->op->set, rep, pl + GENL_HDRLEN,
			   plen - GENL_HDRLEN, why, sizeof(why))) {
		fz_bad(c->f, m, "reply: %s", why);
		return -1;
	}
	if (no_owner && fz_names_owner(&c->env->sets[c->op->set],
				       pl + GENL_HDRLEN, plen - GENL_HDRLEN)) {
		fz_bad(c->f, m, "owner-pid seen from another pid namespace");
		return -1;
	}
	if (c->dump)
		c->f->dump_msgs++;
	else
		c->f->replies++;
	return 0;
}

/*
 * Send @m on @s and judge what comes back, into @f. @no_owner: a reply
 * may not name a ring's owner (the sender cannot see it). Returns 0, or
 * -1 when the socket failed (a bad answer was counted).
 */
static inline int fz_exchange(struct fz_sock *s, const struct fz_env *env,
			      struct fz_msg *m, struct fz_fig *f,
			      int no_owner)
{
	const struct nlmsghdr *sent = (const void *)m->buf;
	const struct genlmsghdr *sg = (const void *)(sent + 1);
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct fz_ctx c = {
		.env = env, .m = m, .f = f, .who = s->who,
		.op = fz_op_of(env, sg->cmd),
		.want = fz_expect(env, m, s->who),
		.dump = (sent->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP,
	};
	int spoiled = 0;

	f->sent++;
	f->kind[m->kind]++;
	if (m->dump)
		f->op_dump[m->op - env->ops]++;
	else
		f->op_do[m->op - env->ops]++;
	if (sendto(s->fd, m->buf, m->len, 0, (struct sockaddr *)&to,
		   sizeof(to)) != (ssize_t)m->len) {
		fz_bad(f, m, "send: %m");
		return -1;
	}
	if (fz_silent(m)) {
		f->silent++;
		return 0;
	}

	for (;;) {
		ssize_t len = recv(s->fd, s->rbuf, sizeof(s->rbuf), MSG_TRUNC);
		struct nlmsghdr *nlh;

		if (len < 0) {
			fz_bad(f, m, "no answer: %m");
			return -1;
		}
		if ((size_t)len > sizeof(s->rbuf)) {
			fz_bad(f, m, "an answer of %zd bytes", len);
			return -1;
		}
		for (nlh = (void *)s->rbuf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			const unsigned char *pl = NLMSG_DATA(nlh);
			int plen = nlh->nlmsg_len - NLMSG_HDRLEN;

			/* Not ours: counted, and passed over. */
			if (nlh->nlmsg_seq != sent->nlmsg_seq ||
			    nlh->nlmsg_pid != s->portid) {
				fz_bad(f, m, "answer seq %u port %u, want %u %u",
				       nlh->nlmsg_seq, nlh->nlmsg_pid,
				       sent->nlmsg_seq, s->portid);
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE) {
				if (!spoiled)
					fz_judge_end(&c, nlh, pl, plen);
				return 0;
			}
			/*
			 * After a bad message, the rest of the answer is read
			 * up to its end, and not judged: the next exchange
			 * starts clean.
			 */
			if (spoiled)
				continue;
			if (nlh->nlmsg_type != env->family) {
				fz_bad(f, m, "answer of type %u", nlh->nlmsg_type);
				spoiled = 1;
			} else if (fz_judge_reply(&c, nlh, pl, plen, no_owner)) {
				spoiled = 1;
			}
		}
		if (len && !spoiled) {
			fz_bad(f, m, "%zd bytes after the last message", len);
			spoiled = 1;
		}
	}
}

/*
 * The notifications on @fd, a socket in the family's monitor group,
 * read without waiting: each one of the spec's notifications, with the
 * attributes of the op it is of, and never the ring's owner.
 */
static inline void fz_events(int fd, const struct fz_env *env,
			     const struct fz_msg *m, struct fz_fig *f)
{
	static unsigned char buf[FZ_BUF] __aligned(NLMSG_ALIGNTO);
	char why[96];
	ssize_t len;

	while ((len = recv(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC)) > 0) {
		const struct nlmsghdr *nlh;

		if ((size_t)len > sizeof(buf)) {
			fz_bad(f, m, "a notification of %zd bytes", len);
			return;
		}
		for (nlh = (const void *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			const struct genlmsghdr *g = NLMSG_DATA(nlh);
			int plen = nlh->nlmsg_len - NLMSG_HDRLEN;
			const struct fz_op *op = NULL, *of;
			const struct nlattr *a;
			int rem;

			if (nlh->nlmsg_type == env->family &&
			    plen >= (int)GENL_HDRLEN)
				op = fz_op_of(env, g->cmd);
			if (!op || op->set >= 0) {
				fz_bad(f, m, "notification of type %u cmd %u",
				       nlh->nlmsg_type,
				       plen >= (int)GENL_HDRLEN ? g->cmd : 0);
				return;
			}
			of = &env->ops[op->notify];
			a = (const void *)((const char *)g + GENL_HDRLEN);
			rem = plen - GENL_HDRLEN;
			if (fz_check_attrs(env, of->set, &of->do_reply,
					   (const void *)a, rem, why,
					   sizeof(why))) {
				fz_bad(f, m, "%s: %s", op->name, why);
				return;
			}
			if (fz_names_owner(&env->sets[of->set],
					   (const void *)a, rem))
				fz_bad(f, m, "%s names the owner", op->name);
			f->events++;
			f->event_op[op - env->ops]++;
		}
	}
	if (len < 0 && errno != EAGAIN)
		fz_bad(f, m, "monitor: %m");
}

#endif /* _ACQ_GUEST_FUZZ_ANSWER_H */
