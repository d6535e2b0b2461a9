// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim's interrupt faults, injected through its debugfs knobs while one
 * consumer reads every frame and verifies it:
 * - lost interrupts (lose_irqs): the chunks' DMA completed, the next
 *   interrupt finds them done; the frames come whole, late, in a burst:
 *   the largest gap between two frames' timestamps is several frames
 *   long, and frames come within a millisecond of each other;
 * - a late interrupt (late_irq_us): the same, the gap as long as the
 *   lateness;
 * - spurious interrupts (raise_spurious): the handler finds nothing done,
 *   counts each in spurious_irqs and gives the core nothing: no frame, no
 *   chunk more.
 * Throughout, no frame is flagged, dropped or wrong, the sequence has no
 * gap, and the channel's counters add up (produced = delivered + dropped,
 * two chunks a frame) once the device stops.
 *
 * Then a short campaign: a child writes the knobs at random (seeded;
 * ACQ_SEED=N repeats its choices, not the guest's timing) while the
 * device, at 1000 frames a second, starts and stops under a verifying
 * consumer, and goes on writing while the device is removed. The last
 * round removes it while it captures, lost and late interrupts armed:
 * its clock sets itself again at every tick, and the removal must stop
 * it. Every frame read is whole or flagged, the counters add up after
 * every stop, and the kernel complains of nothing (the runner reads its
 * log).
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include "ring-util.h"

#define FPS		10	/* frames a second */
#define LINES		32	/* in two chunks of 16 */
#define LINE_BYTES	256
#define FRAME_NS	(1000000000LL / FPS)
#define BURST_NS	5000000LL	/* frames this close came together */
#define NR_FRAMES	34

struct consumer {
	struct acq_ring ring;
	struct acq_verify v;
	long long ts[NR_FRAMES];
	unsigned int frames;
};

static unsigned long knob_read(const char *name)
{
	char buf[32];
	ssize_t n;
	int fd = t_sim_debugfs_open(0, name, O_RDONLY);

	n = read(fd, buf, sizeof(buf) - 1);
	T_ASSERT(n > 0, "read %s: %m", name);
	buf[n] = '\0';
	close(fd);
	return strtoul(buf, NULL, 10);
}

static void knob_write(const char *name, unsigned long val)
{
	char path[96], buf[32];

	snprintf(path, sizeof(path), T_SIM_DEBUGFS, 0, name);
	snprintf(buf, sizeof(buf), "%lu", val);
	t_sysfs_write(path, buf);
}

/* Read frames until @until of them came, each whole and unflagged. */
static void read_until(struct consumer *c, unsigned int until)
{
	const struct acq_ring_desc *desc;
	int n;

	while (c->frames < until) {
		n = acq_ring_wait(&c->ring, 3000);
		T_ASSERT(n > 0, "no frame in 3 s after %u: %s", c->frames,
			 n ? strerror(-n) : "timeout");
		while (c->frames < until && acq_ring_peek(&c->ring, &desc) == 0) {
			t_verify(&c->v, desc, acq_ring_frame(&c->ring, desc));
			T_ASSERT(!desc->flags && !desc->dropped,
				 "seq %u: flags %#x, dropped %u", desc->seq,
				 desc->flags, desc->dropped);
			c->ts[c->frames++] = (long long)desc->timestamp_ns;
			acq_ring_release(&c->ring, 1);
		}
	}
}

/*
 * Frames [@from, @to): the largest gap between two frames' timestamps, in
 * ns, and in *@burst how many came within BURST_NS of the one before.
 */
static long long gaps(const struct consumer *c, unsigned int from,
		      unsigned int to, unsigned int *burst)
{
	long long gap, largest = 0;
	unsigned int i;

	*burst = 0;
	for (i = from + 1; i < to; i++) {
		gap = c->ts[i] - c->ts[i - 1];
		T_ASSERT(gap >= 0, "frame %u before the one before it", i);
		if (gap > largest)
			largest = gap;
		if (gap < BURST_NS)
			(*burst)++;
	}
	return largest;
}

/*
 * @what came while frames [@from, @to) did (@from, the last read before):
 * a gap of at least @min_gap ns, and at least @min_burst frames in a
 * burst.
 */
static void expect_burst(const struct consumer *c, const char *what,
			 unsigned int from, unsigned int to,
			 long long min_gap, unsigned int min_burst)
{
	unsigned int burst;
	long long gap = gaps(c, from, to, &burst);

	printf("%s: frames %u to %u whole, the largest gap %lld ms "
	       "(a frame every %lld ms), %u within %lld ms of the one "
	       "before\n", what, from, to - 1, gap / 1000000,
	       FRAME_NS / 1000000, burst, BURST_NS / 1000000);
	T_ASSERT(gap >= min_gap, "%s: no gap of %lld ms", what,
		 min_gap / 1000000);
	T_ASSERT(burst >= min_burst, "%s: %u frames in a burst, want %u",
		 what, burst, min_burst);
}

/* Until @name reads 0, for 5 s at most: the device took the fault. */
static void knob_consumed(const char *name)
{
	long long end = t_now_ms() + 5000;

	while (knob_read(name) && t_now_ms() < end)
		usleep(10000);
	T_ASSERT(!knob_read(name), "%s still %lu", name, knob_read(name));
}

#define ROUNDS		20
#define ROUND_MS	40

static const struct {
	const char *name;
	unsigned int max;
} knobs[] = {
	{ "lose_irqs", 3 },
	{ "late_irq_us", 20000 },
	{ "raise_spurious", 3 },
	{ "truncate_lines", LINES + 8 },	/* LINES and up: none */
	{ "fail_chunks", 2 },
};

#define NR_KNOBS	(sizeof(knobs) / sizeof(knobs[0]))

/* Lost interrupts armed for the last round: more than it can consume. */
#define LAST_LOSE_IRQS	1000000

/* Set for the last round, in memory the writer shares. */
static atomic_int *last_round;

/*
 * The campaign's writer: a knob at random, every millisecond or so, until
 * the device's directory is gone; then how many of each it wrote, on @wr.
 * In the last round, only lose_irqs (LAST_LOSE_IRQS) and late_irq_us.
 */
static void writer(unsigned int seed, int wr)
{
	unsigned long writes[NR_KNOBS] = { 0 };
	char path[96], buf[16];
	unsigned int k, val;
	int fd, len;

	for (;;) {
		k = (unsigned int)rand_r(&seed) % NR_KNOBS;
		val = (unsigned int)rand_r(&seed) % (knobs[k].max + 1);
		if (atomic_load(last_round)) {
			k = k % 2;	/* lose_irqs or late_irq_us */
			val = k ? val % knobs[k].max + 1 : LAST_LOSE_IRQS;
		}
		len = snprintf(buf, sizeof(buf), "%u", val);
		snprintf(path, sizeof(path), T_SIM_DEBUGFS, 0, knobs[k].name);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			break;
		T_ASSERT(fd >= 0, "open %s: %m", path);
		/* A removal may take the file between the open and the write. */
		if (write(fd, buf, len) == len)
			writes[k]++;
		close(fd);
		usleep(500 + (unsigned int)rand_r(&seed) % 1000);
	}
	T_ASSERT(write(wr, writes, sizeof(writes)) == sizeof(writes),
		 "writer: %m");
	_exit(T_PASS);
}

/* What the campaign's consumer read. */
struct tally {
	unsigned long frames, errors, truncated, dropped;
};

static void drain(struct consumer *c, struct tally *t)
{
	const struct acq_ring_desc *desc;

	while (acq_ring_peek(&c->ring, &desc) == 0) {
		t_verify(&c->v, desc, acq_ring_frame(&c->ring, desc));
		t->frames++;
		t->errors += !!(desc->flags & ACQ_DESC_F_ERROR);
		t->truncated += !!(desc->flags & ACQ_DESC_F_TRUNCATED);
		t->dropped += desc->dropped;
		acq_ring_release(&c->ring, 1);
	}
}

static void campaign(struct acq_ctl *ctl, __u32 dev, int handle,
		     struct consumer *c)
{
	unsigned long writes[NR_KNOBS];
	const char *env = getenv("ACQ_SEED");
	struct acq_chan_stats st;
	struct tally t = { 0 };
	unsigned int seed, i, k;
	unsigned long spurious, lost, late;
	long long end;
	int rd, status;
	pid_t pid;

	last_round = mmap(NULL, sizeof(*last_round), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	T_ASSERT(last_round != MAP_FAILED, "mmap: %m");
	seed = env ? (unsigned int)strtoul(env, NULL, 0) :
		     (unsigned int)time(NULL) ^ (unsigned int)getpid();
	printf("seed %u (ACQ_SEED=%u repeats this run)\n", seed, seed);
	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, LINES * 1000);
	pid = t_fork_piped(writer, seed, &rd);
	for (i = 0; i < ROUNDS; i++) {
		T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
			 acq_ctl_errmsg(ctl));
		end = t_now_ms() + ROUND_MS;
		while (t_now_ms() < end) {
			T_ASSERT(acq_ring_wait(&c->ring, 10) >= 0, "wait");
			drain(c, &t);
		}
		T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
		drain(c, &t);
		t_stats_check(ctl, dev, 0);
	}
	st = t_stats(ctl, dev, 0);
	spurious = knob_read("spurious_irqs");

	/*
	 * The last round: once the writer arms lost interrupts for good,
	 * the device is removed while it captures; the writer goes on
	 * through the removal, and then stops.
	 */
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	atomic_store(last_round, 1);
	end = t_now_ms() + 2000;
	while ((lost = knob_read("lose_irqs")) < LAST_LOSE_IRQS / 2 &&
	       t_now_ms() < end) {
		T_ASSERT(acq_ring_wait(&c->ring, 1) >= 0, "wait");
		drain(c, &t);
	}
	T_ASSERT(lost >= LAST_LOSE_IRQS / 2, "lose_irqs %lu in the last round",
		 lost);
	end = t_now_ms() + ROUND_MS;
	while (t_now_ms() < end) {
		T_ASSERT(acq_ring_wait(&c->ring, 10) >= 0, "wait");
		drain(c, &t);
	}
	lost = knob_read("lose_irqs");
	late = knob_read("late_irq_us");
	t_sim_del(0);
	/* Its frames went with it: nothing more to read. */
	acq_ring_unmap(&c->ring);
	close(handle);
	T_ASSERT(read(rd, writes, sizeof(writes)) == sizeof(writes),
		 "the writer said nothing");
	T_ASSERT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		 WEXITSTATUS(status) == T_PASS, "the writer failed");
	close(rd);
	printf("campaign: %u rounds, %lu frames read, %lu flagged error, "
	       "%lu truncated, %lu dropped; stats: errors %llu chunk_errors "
	       "%llu; spurious_irqs %lu; removed capturing with lose_irqs "
	       "%lu late_irq_us %lu; knob writes:",
	       ROUNDS, t.frames, t.errors, t.truncated, t.dropped,
	       (unsigned long long)st.errors,
	       (unsigned long long)st.chunk_errors, spurious, lost, late);
	for (k = 0; k < NR_KNOBS; k++)
		printf(" %s %lu", knobs[k].name, writes[k]);
	putchar('\n');
	T_ASSERT(t.frames > 0, "no frame in the campaign");
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 64);
	static struct consumer c;
	struct acq_chan_stats st;
	struct acq_ctl *ctl;
	unsigned long spurious;
	int handle, err;
	__u32 dev;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 1);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, LINES * FPS);
	acq_verify_init(&c.v, 0, LINES, LINE_BYTES);
	err = acq_ring_attach(ctl, dev, handle, &opts, &c.ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));

	/*
	 * Four chunks' interrupts lost: the fifth's handler finds five
	 * chunks done, two or three frames, 250 ms after the frame before.
	 */
	read_until(&c, 4);
	knob_write("lose_irqs", 4);
	read_until(&c, 14);
	knob_consumed("lose_irqs");
	expect_burst(&c, "4 interrupts lost", 3, 14, 2 * FRAME_NS, 1);

	/* 400 ms late: four frames or five in its handler. */
	knob_write("late_irq_us", 400000);
	read_until(&c, 24);
	knob_consumed("late_irq_us");
	expect_burst(&c, "an interrupt 400 ms late", 13, 24,
		     7 * FRAME_NS / 2, 3);

	/* Four interrupts with nothing done: counted, and nothing else. */
	spurious = knob_read("spurious_irqs");
	T_ASSERT(spurious == 0, "%lu spurious interrupts before any", spurious);
	knob_write("raise_spurious", 4);
	read_until(&c, NR_FRAMES);
	knob_consumed("raise_spurious");
	spurious = knob_read("spurious_irqs");
	printf("4 spurious interrupts raised: spurious_irqs %lu\n", spurious);
	T_ASSERT(spurious == 4, "spurious_irqs %lu, want 4", spurious);

	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	st = t_stats(ctl, dev, 0);
	t_stats_check(ctl, dev, 0);
	printf("stats: produced %llu delivered %llu dropped %llu chunks %llu "
	       "errors %llu chunk_errors %llu\n",
	       (unsigned long long)st.produced,
	       (unsigned long long)st.delivered,
	       (unsigned long long)st.dropped, (unsigned long long)st.chunks,
	       (unsigned long long)st.errors,
	       (unsigned long long)st.chunk_errors);
	T_ASSERT(!st.dropped && !st.errors && !st.chunk_errors && !st.last_error,
		 "a fault of the interrupt's became an error");
	/* The frames the consumer did not read yet are in the ring. */
	T_ASSERT(st.delivered == NR_FRAMES + (__u64)acq_ring_ready(&c.ring),
		 "delivered %llu, read %u, waiting %d",
		 (unsigned long long)st.delivered, NR_FRAMES,
		 acq_ring_ready(&c.ring));
	/* A spurious interrupt made no chunk; the stop may cut one frame. */
	T_ASSERT(st.chunks == 2 * st.produced || st.chunks == 2 * st.produced + 1,
		 "%llu chunks for %llu frames", (unsigned long long)st.chunks,
		 (unsigned long long)st.produced);

	/* The frames left in the ring, and on to the campaign. */
	drain(&c, &(struct tally){ 0 });
	campaign(ctl, dev, handle, &c);
	T_ASSERT(t_ring_bytes() == 0, "ring memory held: %ld", t_ring_bytes());
	t_acq_sim_close(ctl);
	return T_PASS;
}
