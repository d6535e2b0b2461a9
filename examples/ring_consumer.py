#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# ring_consumer.py DEV [--frames N] [--desc-count N] [--eventfd] [--verify]
#                      [--spec FILE] [--ynl DIR]
#
# A consumer of acq's frame ring without libacqctl and without C: what
# doc/ring.md describes, in Python. The netlink requests go through the
# kernel's YNL library, driven by schemas/acq.yaml; the ring is mmap()ed
# from /dev/acqN and read in place.
#
# It attaches a ring to DEV (acqN or N) through a handle, maps it, starts
# the device, consumes N frames of the channels enabled (with --verify,
# each checked against acq_sim's payload, linux/acq_sim.h), stops and
# detaches, and prints one line of counts. Exit status 0 if every frame
# was consumed (and verified), 1 otherwise.
#
# --ynl DIR is the kernel source's tools/net/ynl (6.12's layout, or the
# pyynl/ one of later kernels); Debian's /usr/bin/python3 has the yaml
# module it needs.
import argparse
import mmap
import os
import select
import struct
import sys

# linux/acq_ring.h
RING_MAGIC = 0x52514341
RING_ABI_VERSION = 1
F_STOPPED, F_DEV_GONE, F_DETACHED = 1 << 0, 1 << 1, 1 << 2
DESC_F_ERROR, DESC_F_TRUNCATED = 1 << 0, 1 << 1
# struct acq_ring_header: the geometry, at offset 0x00
GEOMETRY = struct.Struct("=6I4Q")
# its shared words, as indices into the header seen as __u32s
PRODUCER, FLAGS, PROTOCOL_ERRORS = 0x40 // 4, 0x44 // 4, 0x48 // 4
CONSUMER = 0x80 // 4
# struct acq_ring_desc
DESC = struct.Struct("=QQIIIHH")

# linux/acq_sim.h
M32 = 0xffffffff
SIM_LINE_MAGIC = 0xac51
SIM_STRIDE = 0x9e3779b9


def load_ynl(path):
    """The YNL library's YnlFamily and NlError, from a kernel tree."""
    sys.path.insert(0, path)
    try:
        from pyynl.lib import YnlFamily, NlError
    except ImportError:
        from lib import YnlFamily, NlError
    return YnlFamily, NlError


class Pattern:
    """acq_sim's payload for one channel (linux/acq_sim.h)."""

    def __init__(self, channel, lines, line_bytes):
        self.channel, self.lines = channel, lines
        self.words = line_bytes // 4
        self.steps = [i * SIM_STRIDE & M32 for i in range(4, self.words)]

    def seed(self, seq, line):
        return ((self.channel * 0x85ebca77 & M32) ^
                (seq * 0xc2b2ae3d & M32) ^
                (line * 0x27d4eb2f & M32) ^ 0x165667b1)

    def check(self, w, seq):
        """What is wrong with frame @seq (its __u32s @w), or None."""
        if len(w) != self.lines * self.words:
            return f"{len(w) * 4} bytes, want {self.lines} lines"
        # The tag: what the channel's register held as the frame began.
        tag = w[2] >> 8 & 0xff
        ident = self.channel | tag << 8 | SIM_LINE_MAGIC << 16
        for line in range(self.lines):
            at = line * self.words
            if w[at:at + 3].tolist() != [seq, line, ident]:
                return f"line {line}: head {w[at:at + 3].tolist()}"
            s = self.seed(seq, line)
            if w[at + 4:at + self.words].tolist() != \
               [(s + k) & M32 for k in self.steps]:
                return f"line {line}: pattern words differ"
            # Word 3 is the checksum: the line's words sum to zero.
            if sum(w[at:at + self.words]) & M32:
                return f"line {line}: words do not sum to 0"
        return None


class Ring:
    """A ring mapped from the handle: header read-write, the rest not."""

    def __init__(self, handle, reply):
        page = mmap.PAGESIZE
        self.hdr_map = mmap.mmap(handle, page, mmap.MAP_SHARED,
                                 mmap.PROT_READ | mmap.PROT_WRITE, offset=0)
        (magic, abi, header_size, count, desc_size, self.nr_channels,
         desc_off, buf_off, buf_size, slot_size) = \
            GEOMETRY.unpack_from(self.hdr_map)
        if magic != RING_MAGIC or abi != RING_ABI_VERSION:
            raise OSError(f"not a ring of ABI {RING_ABI_VERSION}")
        # Trust it no further than the reply and the layout allow.
        if (count != reply["desc-count"] or count & (count - 1) or
                desc_size != DESC.size or header_size > page or
                desc_off % page or buf_off % page or desc_off < page or
                desc_off + count * desc_size > buf_off or
                buf_off + buf_size > reply["map-size"]):
            raise OSError("the ring's header is not what was attached")
        self.mask = count - 1
        self.frames_at = buf_off - desc_off
        self.buf_size, self.slot_size = buf_size, slot_size
        # The descriptors and frames: read-only, or the kernel refuses.
        self.data_map = mmap.mmap(handle, buf_off + buf_size - desc_off,
                                  mmap.MAP_SHARED, mmap.PROT_READ,
                                  offset=desc_off)
        self.data = memoryview(self.data_map)
        # Shared indices: one whole-word load or store each (doc/ring.md:
        # never struct.pack_into, which zeroes the field first).
        self.words = memoryview(self.hdr_map).cast("I")
        self.consumer = self.words[CONSUMER]
        # A fault maps a whole slot: one read of each maps them all now.
        for off in range(0, buf_size, slot_size):
            self.data[self.frames_at + off]

    def ready(self):
        """Descriptors ready; x86-64's loads are acquire (doc/ring.md)."""
        n = (self.words[PRODUCER] - self.consumer) & M32
        if n > self.mask + 1:
            raise OSError("producer index out of the ring")
        return n

    def flags(self):
        return self.words[FLAGS]

    def desc(self, i):
        at = ((self.consumer + i) & self.mask) * DESC.size
        return DESC.unpack_from(self.data, at)

    def frame(self, offset, length):
        if offset > self.buf_size or length > self.buf_size - offset:
            raise OSError("descriptor outside the ring")
        at = self.frames_at + offset
        return self.data[at:at + length]

    def release(self, n):
        """Hand @n frames back: one 32-bit store, x86-64's a release."""
        self.consumer = (self.consumer + n) & M32
        self.words[CONSUMER] = self.consumer

    def close(self):
        self.words.release()
        self.data.release()
        self.data_map.close()
        self.hdr_map.close()


def wait(ring, fd, efd, timeout_ms):
    """Frames ready, 0 on timeout; an OSError once none will come."""
    p = select.poll()
    p.register(fd, select.POLLIN | (0 if efd else select.POLLPRI))
    while True:
        flags = ring.flags()
        if flags & F_DEV_GONE:
            raise OSError("device removed")
        if flags & F_DETACHED:
            raise OSError("ring detached")
        n = ring.ready()
        if n:
            return n
        if flags & F_STOPPED:
            raise OSError("device stopped")
        if not p.poll(timeout_ms):
            return 0
        # The eventfd counts signals: reset it before looking again.
        if efd:
            os.eventfd_read(fd)


def consume(ring, fd, efd, want, patterns, counts):
    """Consume @want frames; a frame is only counted while not gone."""
    next_seq = {}
    while counts["frames"] < want:
        n = wait(ring, fd, efd, 2000)
        if not n:
            raise OSError("no frame for 2 s")
        n = min(n, want - counts["frames"])
        for i in range(n):
            _, offset, length, seq, dropped, chan, dflags = ring.desc(i)
            frame = ring.frame(offset, length)
            # The channel's next seq, past the frames dropped before it.
            due = (next_seq.get(chan, 0) + dropped) & M32
            next_seq[chan] = (seq + 1) & M32
            counts["dropped"] += dropped
            why = None if seq == due else f"seq {seq}, want {due}"
            if dflags & (DESC_F_ERROR | DESC_F_TRUNCATED):
                counts["flagged"] += 1
            elif patterns is not None and not why:
                why = patterns[chan].check(frame.cast("I"), seq)
            if why:
                counts["bad"] += 1
                print(f"chan {chan} seq {seq}: {why}", file=sys.stderr)
            frame.release()
            # Read while the frames were taken back? Then they were zeros.
            if ring.flags() & (F_DEV_GONE | F_DETACHED):
                raise OSError("frames taken back during a frame")
            counts["frames"] += 1
        ring.release(n)


def main():
    ap = argparse.ArgumentParser(
        description="Consume frames of an acq ring, without libacqctl.")
    ap.add_argument("dev", help="acqN or N")
    ap.add_argument("--frames", type=int, default=100)
    ap.add_argument("--desc-count", type=int, default=64)
    ap.add_argument("--eventfd", action="store_true",
                    help="wait on an eventfd rather than poll the handle")
    ap.add_argument("--verify", action="store_true",
                    help="check every frame against acq_sim's payload")
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--spec", default=os.path.join(top, "schemas/acq.yaml"))
    ap.add_argument("--ynl", default=os.environ.get("YNL_DIR", ""),
                    help="the kernel source's tools/net/ynl")
    args = ap.parse_args()
    dev = int(args.dev.removeprefix("acq"))

    YnlFamily, NlError = load_ynl(args.ynl)
    # The spec checked against its schema is the tests' business.
    ynl = YnlFamily(args.spec, "")
    chans = ynl.dump("chan-get", {"dev-id": dev})
    patterns = {c["id"]: Pattern(c["id"], c["lines"], c["line-bytes"])
                for c in chans if c["enabled"]} if args.verify else None

    # The handle: the right to change the device, and what the ring is
    # attached to, mapped from, and freed with.
    handle = os.open(f"/dev/acq{dev}", os.O_RDWR | os.O_CLOEXEC)
    efd = os.eventfd(0, os.EFD_CLOEXEC | os.EFD_NONBLOCK) \
        if args.eventfd else None
    req = {"dev-id": dev, "handle": handle, "desc-count": args.desc_count}
    if efd is not None:
        req["eventfd"] = efd
    counts = dict(frames=0, bad=0, dropped=0, flagged=0)
    ring = None
    try:
        reply = ynl.do("ring-attach", req)
        ring = Ring(handle, reply)
        ynl.do("dev-start", {"id": dev, "handle": handle})
        consume(ring, handle if efd is None else efd, efd is not None,
                args.frames, patterns, counts)
        ynl.do("dev-stop", {"id": dev, "handle": handle})
        ynl.do("ring-detach", {"dev-id": dev, "handle": handle})
        errors = ring.words[PROTOCOL_ERRORS]
    except (OSError, NlError) as e:
        print(f"ring_consumer: {e}", file=sys.stderr)
        return 1
    finally:
        # Closing the handle detaches the ring, whatever happened above.
        if ring:
            ring.close()
        os.close(handle)
        if efd is not None:
            os.close(efd)
    print(" ".join(f"{k} {v}" for k, v in counts.items()),
          f"protocol-errors {errors}")
    return 0 if not counts["bad"] else 1


if __name__ == "__main__":
    sys.exit(main())
