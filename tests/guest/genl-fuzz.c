// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink fuzzing of the acq family, generated from its spec: the ops,
 * their request and reply attributes, types, checks and nests come from
 * tests/fuzz/gen-table's table of schemas/acq.yaml, so a new op or
 * attribute is fuzzed after a rebuild. Each message starts as a valid
 * request of an op (do or dump), with plausible values and the test's
 * real handles and eventfd, and is then one of fuzz-msg.h's kinds:
 * valid, missing, duplicated, wrong-type, out-of-range, unknown-attr,
 * nested-garbage, truncated, oversized, header-fields, random.
 *
 * Sent as root, as an unprivileged user (nobody, holding a read-only
 * handle and an eventfd), and from a user namespace with its own network
 * and pid namespaces, against two acq_sim devices made for the test.
 * Every answer must be proper (fuzz-answer.h); unprivileged senders get
 * EPERM for admin ops, never succeed in a change, change nothing (the
 * devices' configuration is compared before and after), and from another
 * pid namespace never see the pid of the ring's owner. The events root's
 * requests cause on the monitor group are checked against the spec too.
 * Afterwards a verified capture still works and acq's memory is back to
 * idle; the guest's harness checks dmesg.
 *
 * ACQ_SEED=N repeats a run; ACQ_FUZZ_MESSAGES=N sets how many messages
 * (tests/fuzz/netlink runs 100000 and more).
 */
#include <grp.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "ring-util.h"
#include "fuzz-answer.h"
#include "acq-fuzz-table.h"

/* 6 to 11 s on 6.12 under TCG; the debug kernel is 3 to 4 times slower. */
#define MESSAGES		12000
#define DEBUG_MESSAGES		5000
/* Of them, the unprivileged user's and the user namespace's share each. */
#define UNPRIV_PERCENT		15
#define SIM_A			40
#define SIM_B			41
#define CHANS_A			3
#define CHANS_B			1
/* Rings the fuzzer attaches stay small: the ceiling refuses the rest. */
#define FUZZ_RING_MB		"8"
#define NOBODY			65534
#define VERIFY_FRAMES		40
/* Root's messages from which every op's handler must have answered. */
#define COVERAGE_MESSAGES	2000
/* Root's two senders, the user's and the user namespace's. */
#define NR_STREAMS		4
#define ROOT_RACER		3
/* acq_sim's register windows per device. */
#define SIM_WINDOWS		2

static struct fz_msg msg;
static struct fz_sock sock;

static int debug_kernel(void)
{
	struct utsname u;
	size_t n;

	T_ASSERT(uname(&u) == 0, "uname: %m");
	n = strlen(u.release);
	return n > 10 && !strcmp(u.release + n - 10, "-acq-debug");
}

/*
 * A receive buffer of @bytes for @fd. SO_RCVBUF is capped at rmem_max
 * (about 208 KiB), and an answer or event that overflows it would be
 * judged a bad ENOBUFS: root forces it, a sender that may not (EPERM,
 * nobody and a user namespace's root) asks for what it may have.
 */
static int rcvbuf(int fd, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes,
		       sizeof(bytes)) == 0)
		return 0;
	if (errno != EPERM)
		return -1;
	return setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
}

/*
 * A socket in the family's monitor group, for @who, or -1: the
 * unprivileged senders' campaigns check their answers alone.
 */
static int monitor_socket(enum fz_who who)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nl_sock *sk;
	int fd, grp;

	if (who != FZ_ROOT)
		return -1;
	sk = nl_socket_alloc();
	T_ASSERT(sk && genl_connect(sk) == 0, "genl socket");
	grp = genl_ctrl_resolve_grp(sk, ACQ_FAMILY_NAME, ACQ_MCGRP_MONITOR);
	nl_socket_free(sk);
	T_ASSERT(grp > 0, "resolve the monitor group: %d", grp);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	T_ASSERT(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
		 rcvbuf(fd, 4 << 20) == 0 &&
		 setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
			    sizeof(grp)) == 0, "monitor socket: %m");
	return fd;
}

/*
 * @count messages of stream @stream of @seed, sent as @who: each stream
 * its own sequence of messages.
 */
static void campaign(const struct fz_env *env, enum fz_who who,
		     unsigned int stream, __u64 seed, unsigned long count,
		     struct fz_fig *f, int no_owner)
{
	struct fz_rng r = { seed * NR_STREAMS + stream };
	int mon = monitor_socket(who);
	const struct fz_op *op;
	unsigned long i;
	int dump;

	T_ASSERT(fz_socket(&sock, who, debug_kernel() ? 10000 : 5000) == 0 &&
		 rcvbuf(sock.fd, 1 << 20) == 0, "netlink socket: %m");
	for (i = 0; i < count && f->bad < 20; i++) {
		do
			op = &env->ops[fz_below(&r, env->nr_ops)];
		while (op->set < 0);
		dump = op->has_dump && (!op->has_do || fz_chance(&r, 40));
		fz_build(&r, env, &msg, op, dump, fz_pick_kind(&r), i + 1);
		if (fz_exchange(&sock, env, &msg, f, no_owner))
			break;
		if (mon >= 0)
			fz_events(mon, env, &msg, f);
	}
	close(sock.fd);
	if (mon >= 0)
		close(mon);
}

static void write_all(int fd, const void *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		T_ASSERT(w > 0, "write: %m");
		p = (const char *)p + w;
		n -= w;
	}
}

static void read_all(int fd, void *p, size_t n)
{
	while (n) {
		ssize_t r = read(fd, p, n);

		T_ASSERT(r > 0, "the sender's figures: %zd %m", r);
		p = (char *)p + r;
		n -= r;
	}
}

/*
 * A sender of its own. Root's shares the handles (their files) with the
 * parent's, whose requests it races. An unprivileged one is nobody, with
 * no handle that may change a device (the numbers of root's become
 * closed ones), from a user, network and pid namespace of its own for
 * FZ_USERNS.
 */
static void sender(struct fz_env env, enum fz_who who, unsigned int stream,
		   __u64 seed, unsigned long count, int wr)
{
	static struct fz_fig f;
	unsigned int d;
	int status;
	pid_t pid;

	for (d = 0; who != FZ_ROOT && d < env.ndev; d++) {
		close(env.handle[d]);
		env.handle[d] = -1;
	}
	T_ASSERT(who == FZ_ROOT ||
		 (setgroups(0, NULL) == 0 &&
		  setresgid(NOBODY, NOBODY, NOBODY) == 0 &&
		  setresuid(NOBODY, NOBODY, NOBODY) == 0), "become nobody: %m");
	if (who == FZ_USERNS) {
		/* The debug kernel has no pid namespaces (CONFIG_PID_NS). */
		f.pidns = !unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWPID);
		T_ASSERT(f.pidns || (errno == EINVAL &&
				     !unshare(CLONE_NEWUSER | CLONE_NEWNET)),
			 "unshare: %m");
		/* The pid namespace is the children's. */
		pid = f.pidns ? fork() : 0;
		T_ASSERT(pid >= 0, "fork: %m");
		if (pid) {
			T_ASSERT(waitpid(pid, &status, 0) == pid, "wait: %m");
			_exit(WIFEXITED(status) ? WEXITSTATUS(status) : T_FAIL);
		}
		T_ASSERT(!f.pidns || getpid() == 1, "not in a new pid namespace");
	}
	campaign(&env, who, stream, seed, count, &f, f.pidns);
	write_all(wr, &f, sizeof(f));
	_exit(T_PASS);
}

/* Start a sender; its pid, and in *@rd where its figures will come. */
static pid_t start_sender(const struct fz_env *env, enum fz_who who,
			  unsigned int stream, __u64 seed, unsigned long count,
			  int *rd)
{
	int pfd[2];
	pid_t pid;

	T_ASSERT(pipe(pfd) == 0, "pipe: %m");
	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid) {
		close(pfd[0]);
		sender(*env, who, stream, seed, count, pfd[1]);
	}
	close(pfd[1]);
	*rd = pfd[0];
	return pid;
}

static void end_sender(pid_t pid, int rd, const char *who, struct fz_fig *f)
{
	int status;

	read_all(rd, f, sizeof(*f));
	close(rd);
	T_ASSERT(waitpid(pid, &status, 0) == pid, "wait: %m");
	T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == T_PASS,
		 "the %s sender failed: status %#x", who, status);
}

static void run_sender(const struct fz_env *env, enum fz_who who,
		       __u64 seed, unsigned long count, struct fz_fig *f)
{
	int rd;
	pid_t pid = start_sender(env, who, who, seed, count, &rd);

	end_sender(pid, rd, fz_who_names[who], f);
}

/* What unprivileged senders may not change: configuration and state. */
struct snapshot {
	struct acq_chan_info chan[CHANS_A + CHANS_B];
	struct acq_window_info win[2 * SIM_WINDOWS];
	__u32 state[2], ring[2], desc[2];
};

static void snapshot(struct acq_ctl *ctl, const struct fz_env *env,
		     struct snapshot *s)
{
	unsigned int d, c, n = 0, w = 0;
	struct acq_dev_info info;

	memset(s, 0, sizeof(*s));
	for (d = 0; d < env->ndev; d++) {
		T_ASSERT(acq_dev_get(ctl, env->dev[d], &info, sizeof(info)) == 0,
			 "dev get: %s", acq_ctl_errmsg(ctl));
		s->state[d] = info.state;
		s->ring[d] = info.ring_attached;
		s->desc[d] = info.ring_desc_count;
		for (c = 0; c < info.nr_channels; c++)
			T_ASSERT(acq_chan_get(ctl, env->dev[d], c, &s->chan[n++],
					      sizeof(s->chan[0])) == 0,
				 "chan get: %s", acq_ctl_errmsg(ctl));
		for (c = 0; c < SIM_WINDOWS; c++)
			T_ASSERT(acq_window_get(ctl, env->dev[d], c, &s->win[w++],
						sizeof(s->win[0])) == 0,
				 "window get: %s", acq_ctl_errmsg(ctl));
	}
}

static void add_fig(struct fz_fig *to, const struct fz_fig *f)
{
	const unsigned long *src = (const void *)f;
	unsigned long *dst = (void *)to;
	size_t i;

	/* Every field but the kept texts is a counter. */
	for (i = 0; i < offsetof(struct fz_fig, bad_text) / sizeof(long); i++)
		dst[i] += src[i];
}

static void print_fig(const struct fz_env *env, const char *who,
		      const struct fz_fig *f)
{
	unsigned int i;

	printf("%s: %lu messages; answers: %lu replies, %lu dump messages, "
	       "%lu dumps done, %lu acks, %lu errors (%lu with an extack message), "
	       "%lu dropped by netlink unanswered, as they must be; %lu EPERM checked; %lu bad\n",
	       who, f->sent, f->replies, f->dump_msgs, f->dumps_done, f->acks,
	       f->sent - f->silent - f->dumps_done - f->acks, f->extack_msgs,
	       f->silent, f->eperm_checked, f->bad);
	if (f->pidns)
		printf("%s: from a pid namespace of its own: no owner-pid seen\n",
		       who);
	if (f->events) {
		printf("%s: %lu notifications, all proper:", who, f->events);
		for (i = 0; i < env->nr_ops; i++)
			if (f->event_op[i])
				printf(" %s %lu", env->ops[i].name, f->event_op[i]);
		printf("\n");
	}
	for (i = 0; i < f->bad && i < FZ_BAD_KEEP; i++)
		printf("%s: BAD: %s\n", who, f->bad_text[i]);
}

static void print_totals(const struct fz_env *env, const struct fz_fig *f,
			 const struct fz_fig *root)
{
	unsigned int i;

	printf("by kind:");
	for (i = 0; i < FZ_NR_KINDS; i++)
		printf(" %s %lu%s", fz_kind_names[i], f->kind[i],
		       i + 1 < FZ_NR_KINDS ? "," : "\n");
	for (i = 0; i < env->nr_ops; i++)
		if (env->ops[i].set >= 0)
			printf("op %-15s do %5lu, dump %5lu; as root %lu %s, %lu %s\n",
			       env->ops[i].name, f->op_do[i], f->op_dump[i],
			       root->op_deep[i], "reached the handler",
			       root->op_ok[i], "succeeded");
	printf("errors by errno:");
	for (i = 1; i <= FZ_MAX_ERRNO; i++)
		if (f->err[i])
			printf(" %s %lu", i < FZ_MAX_ERRNO ? strerrorname_np(i) :
			       "other", f->err[i]);
	printf("\n");
}

/* A good capture on @dev after it all: every byte of every frame. */
static void verified_capture(struct acq_ctl *ctl, __u32 dev, unsigned int nr)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 16);
	ACQ_OPTS(acq_chan_config, off, .enabled = 0);
	struct acq_verify v;
	struct acq_ring ring;
	unsigned int c;
	int handle, n;

	handle = t_dev_open(dev);
	for (c = 1; c < nr; c++)
		T_ASSERT(acq_chan_set(ctl, dev, c, handle, &off) == 0,
			 "chan set: %s", acq_ctl_errmsg(ctl));
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 16000);
	acq_verify_init(&v, 0, 16, 1024);
	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, &ring) == 0,
		 "attach after the fuzzing: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	while (v.frames < VERIFY_FRAMES) {
		const struct acq_ring_desc *desc;

		n = acq_ring_wait(&ring, 5000);
		T_ASSERT(n > 0, "no frame within 5 s: %d", n);
		while (acq_ring_peek(&ring, &desc) == 0) {
			t_verify(&v, desc, acq_ring_frame(&ring, desc));
			acq_ring_release(&ring, 1);
		}
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	t_stats_check(ctl, dev, 0);
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	close(handle);
	printf("after the fuzzing: %llu frames verified on acq%u\n",
	       (unsigned long long)v.frames, dev);
}

int main(void)
{
	const char *env_seed = getenv("ACQ_SEED");
	const char *env_count = getenv("ACQ_FUZZ_MESSAGES");
	ACQ_OPTS(acq_ring_opts, ropts, .desc_count = 4, .slot_size = 4096);
	static struct fz_fig fig[FZ_NR_WHO], racer, total;
	struct snapshot before, after;
	unsigned long count, unpriv;
	struct fz_env env = { 0 };
	struct acq_ring ring;
	struct acq_ctl *ctl;
	long long t0, ms;
	unsigned long root;
	unsigned int d, w;
	int ro, efd, rd;
	pid_t pid;
	__u64 seed;

	seed = env_seed ? strtoull(env_seed, NULL, 0) :
		(__u64)time(NULL) ^ (__u64)getpid();
	printf("seed %llu (ACQ_SEED=%llu repeats this run)\n",
	       (unsigned long long)seed, (unsigned long long)seed);
	count = env_count ? strtoul(env_count, NULL, 0) :
		debug_kernel() ? DEBUG_MESSAGES : MESSAGES;
	unpriv = count * UNPRIV_PERCENT / 100;

	ctl = t_acq_sim_open();
	env.ops = fz_ops;
	env.nr_ops = FZ_NR_OPS;
	env.sets = fz_sets;
	env.family = acq_ctl_family_id(ctl);
	env.ndev = 2;
	env.dev[0] = t_sim_add(ctl, SIM_A, CHANS_A);
	env.dev[1] = t_sim_add(ctl, SIM_B, CHANS_B);
	for (d = 0; d < env.ndev; d++) {
		env.handle[d] = t_dev_open(env.dev[d]);
		env.fds[env.nfds++] = env.handle[d];
	}
	ro = open("/dev/acq0", O_RDONLY | O_CLOEXEC);
	T_ASSERT(ro >= 0 && env.dev[0] == 0, "open /dev/acq0: %m");
	efd = eventfd(0, EFD_CLOEXEC);
	T_ASSERT(efd >= 0, "eventfd: %m");
	env.fds[env.nfds++] = ro;
	env.fds[env.nfds++] = efd;
	env.fds[env.nfds++] = -1;
	env.fds[env.nfds++] = 0;
	env.fds[env.nfds++] = 1000;	/* no open file */
	t_sysfs_write("/sys/module/acq/parameters/max_ring_mb", FUZZ_RING_MB);

	t0 = t_now_ms();
	/* Root's messages in two senders at once, for the races. */
	root = count - 2 * unpriv;
	pid = start_sender(&env, FZ_ROOT, ROOT_RACER, seed, root / 2, &rd);
	campaign(&env, FZ_ROOT, FZ_ROOT, seed, root - root / 2, &fig[FZ_ROOT], 0);
	end_sender(pid, rd, "second root", &racer);

	/*
	 * Root's rings go with its handles; one ring of root's stays, for
	 * the others to see, and not see the owner of.
	 */
	for (d = 0; d < env.ndev; d++) {
		T_ASSERT(acq_dev_stop(ctl, env.dev[d], -1) == 0, "stop: %s",
			 acq_ctl_errmsg(ctl));
		close(env.handle[d]);
		env.handle[d] = t_dev_open(env.dev[d]);
	}
	T_ASSERT(acq_chan_set(ctl, env.dev[0], 0, env.handle[0],
			      &(struct acq_chan_config){ .sz = sizeof(struct acq_chan_config),
				.enabled = 1, .lines = 1, .line_bytes = 16,
				.lines_per_chunk = 1, .line_rate = 1 }) == 0,
		 "chan set: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_ring_attach(ctl, env.dev[0], env.handle[0], &ropts, &ring) == 0,
		 "attach: %s", acq_ctl_errmsg(ctl));
	snapshot(ctl, &env, &before);
	run_sender(&env, FZ_USER, seed, unpriv, &fig[FZ_USER]);
	run_sender(&env, FZ_USERNS, seed, unpriv, &fig[FZ_USERNS]);
	snapshot(ctl, &env, &after);
	ms = t_now_ms() - t0;

	print_fig(&env, "root, second sender", &racer);
	add_fig(&fig[FZ_ROOT], &racer);
	for (w = 0; w < FZ_NR_WHO; w++) {
		print_fig(&env, w == FZ_ROOT ? "root, both senders" :
			  fz_who_names[w], &fig[w]);
		add_fig(&total, &fig[w]);
	}
	print_totals(&env, &total, &fig[FZ_ROOT]);
	printf("%lu messages in %lld ms: %lld messages/s\n", total.sent, ms,
	       ms ? (long long)total.sent * 1000 / ms : 0);
	T_ASSERT(!total.bad, "%lu bad answers", total.bad);
	T_ASSERT(total.sent == count, "%lu of %lu messages sent", total.sent,
		 count);
	T_ASSERT(!memcmp(&before, &after, sizeof(before)),
		 "an unprivileged sender changed a device");
	T_ASSERT(fig[FZ_USER].eperm_checked && fig[FZ_USERNS].eperm_checked,
		 "no admin op reached the permission check");
	/*
	 * Requests that never get past the policy test little: every op's
	 * handler must have answered root, with success or an errno that
	 * no policy gives (EINVAL and ERANGE are the policy's; the handlers'
	 * ENODEV, ENOLINK, EBADF... come hundreds of times an op in 1000).
	 */
	for (w = 0; root >= COVERAGE_MESSAGES && w < env.nr_ops; w++)
		T_ASSERT(env.ops[w].set < 0 || fig[FZ_ROOT].op_deep[w],
			 "%s: no request reached its handler",
			 env.ops[w].name);

	/* Back to a known state: nothing started, attached or revoked. */
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	t_sysfs_write("/sys/module/acq/parameters/max_ring_mb", "1024");
	for (d = 0; d < env.ndev; d++) {
		close(env.handle[d]);
		for (w = 0; w < SIM_WINDOWS; w++)
			acq_window_restore(ctl, env.dev[d], w);
	}
	verified_capture(ctl, env.dev[0], CHANS_A);
	verified_capture(ctl, env.dev[1], CHANS_B);
	T_ASSERT(t_acq_memory("rings") == 0 && t_acq_memory("bytes") == 0 &&
		 t_acq_memory("charged") == 0,
		 "acq's memory not idle: rings %ld bytes %ld charged %ld",
		 t_acq_memory("rings"), t_acq_memory("bytes"),
		 t_acq_memory("charged"));

	close(ro);
	close(efd);
	t_sim_del(SIM_A);
	t_sim_del(SIM_B);
	t_acq_sim_close(ctl);
	return T_PASS;
}
