// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Attaching a frame ring to a device and mapping it (ring-attach,
 * ring-detach): the kernel allocates the ring on the handle's file, we map
 * the header read-write and the descriptors and frames read-only, as the
 * kernel insists (linux/acq_ring.h), then hand the mappings to
 * acq_ring_setup().
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>
#include <netlink/attr.h>

#include "internal.h"

/* The request: @efd and the options the caller set (non-zero) only. */
int acq_ring_attach_put(struct nl_msg *msg, uint32_t dev_id, int handle,
			int efd, const struct acq_ring_opts *opts)
{
	if (nla_put_u32(msg, ACQ_A_RING_DEV_ID, dev_id) ||
	    nla_put_s32(msg, ACQ_A_RING_HANDLE, handle) ||
	    (efd >= 0 && nla_put_s32(msg, ACQ_A_RING_EVENTFD, efd)) ||
	    (opts->desc_count &&
	     nla_put_u32(msg, ACQ_A_RING_DESC_COUNT, opts->desc_count)) ||
	    (opts->slot_size &&
	     nla_put_u32(msg, ACQ_A_RING_SLOT_SIZE, opts->slot_size)) ||
	    (opts->wake_frames &&
	     nla_put_u32(msg, ACQ_A_RING_WAKE_FRAMES, opts->wake_frames)) ||
	    (opts->wake_usecs &&
	     nla_put_u32(msg, ACQ_A_RING_WAKE_USECS, opts->wake_usecs)) ||
	    (opts->need_wakeup &&
	     nla_put_u32(msg, ACQ_A_RING_NEED_WAKEUP, 1)))
		return -EMSGSIZE;
	return 0;
}

/* The reply: all of it, since the mapping is checked against it. */
int acq_ring_reply_parse(struct nlattr **tb, void *arg)
{
	struct acq_ring_reply *reply = arg;

	if (!tb[ACQ_A_RING_DEV_ID] || !tb[ACQ_A_RING_DESC_COUNT] ||
	    !tb[ACQ_A_RING_SLOT_SIZE] || !tb[ACQ_A_RING_MAP_SIZE])
		return -EBADMSG;
	reply->dev_id = nla_get_u32(tb[ACQ_A_RING_DEV_ID]);
	reply->desc_count = nla_get_u32(tb[ACQ_A_RING_DESC_COUNT]);
	reply->slot_size = nla_get_u32(tb[ACQ_A_RING_SLOT_SIZE]);
	reply->map_size = nla_get_u64(tb[ACQ_A_RING_MAP_SIZE]);
	return 0;
}

/*
 * Check what the mapping of the descriptors and frames depends on, before
 * it is made: the header fits the one page mapped, the regions are
 * page-aligned, in order (header, descriptors, frames), without overflow,
 * and end within the size the kernel replied; the header agrees with the
 * reply. acq_ring_setup() checks the rest (magic, ABI, sizes) afterwards.
 * Returns 0 or -EPROTO.
 */
int acq_ring_geometry_check(const struct acq_ring_header *hdr, size_t page,
			    const struct acq_ring_reply *reply)
{
	__u64 desc_end, map_end;

	if (hdr->header_size > page ||
	    hdr->desc_count != reply->desc_count ||
	    hdr->slot_size != reply->slot_size ||
	    hdr->desc_offset < page || hdr->desc_offset % page ||
	    hdr->buf_offset % page || !hdr->buf_size)
		return -EPROTO;
	/* Each term is below 2^32, so the product cannot overflow. */
	desc_end = hdr->desc_offset + (__u64)hdr->desc_count * hdr->desc_size;
	if (desc_end < hdr->desc_offset || desc_end > hdr->buf_offset)
		return -EPROTO;
	map_end = hdr->buf_offset + hdr->buf_size;
	if (map_end < hdr->buf_offset || map_end > reply->map_size)
		return -EPROTO;
	/* One mapping of it all must be possible here (32-bit size_t). */
	if ((size_t)(map_end - hdr->desc_offset) != map_end - hdr->desc_offset)
		return -EPROTO;
	return 0;
}

/*
 * What a failed mapping of the ring (@map_err) comes to, once the handle's
 * detach that follows it was answered @detach_err. 0: the ring was still
 * ours (an LSM refused the mmap(), the geometry was wrong...), and the
 * mapping's own error stands. ENOLINK or EBUSY: an administrator detached
 * it first (ENXIO from mmap()), maybe another handle attached its own
 * since (EACCES): ENOLINK, as a wait says of a detached ring. ENODEV: the
 * device was removed meanwhile. Anything else (the detach never reached
 * the kernel): the mapping's error.
 */
int acq_ring_map_failure(int map_err, int detach_err)
{
	switch (detach_err) {
	case -ENOLINK:
	case -EBUSY:
		return -ENOLINK;
	case -ENODEV:
		return -ENODEV;
	default:
		return map_err;
	}
}

/* The mappings of one ring, made before struct acq_ring is set up. */
struct acq_ring_maps {
	void *hdr;
	size_t hdr_size;
	void *data;
	size_t data_size;
};

/*
 * Map the ring attached to @handle: the header page read-write, then,
 * once its geometry is checked, the descriptors and frames read-only in
 * one mapping (the frames follow the descriptors' page-aligned area). The
 * kernel refuses PROT_WRITE and MAP_PRIVATE on them.
 */
static int acq_ring_map(int handle, const struct acq_ring_reply *reply,
			struct acq_ring_maps *m)
{
	long page = sysconf(_SC_PAGESIZE);
	const struct acq_ring_header *hdr;
	int err;

	if (page <= 0)
		return -EINVAL;
	m->hdr = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, handle,
		      ACQ_RING_OFF_HEADER);
	if (m->hdr == MAP_FAILED)
		return -errno;
	m->hdr_size = page;
	hdr = m->hdr;
	err = acq_ring_geometry_check(hdr, page, reply);
	if (err)
		goto err_unmap_hdr;
	m->data_size = hdr->buf_offset + hdr->buf_size - hdr->desc_offset;
	m->data = mmap(NULL, m->data_size, PROT_READ, MAP_SHARED, handle,
		       (off_t)hdr->desc_offset);
	if (m->data == MAP_FAILED) {
		err = -errno;
		goto err_unmap_hdr;
	}
	return 0;

err_unmap_hdr:
	munmap(m->hdr, m->hdr_size);
	return err;
}

/*
 * Fault the ring in now rather than during the capture: the kernel maps
 * all of the descriptors, or a whole slot, at a fault, so one read of the
 * descriptors and one of each slot maps it all. A fault on each page's
 * first read, during the capture, made the consumer fall behind at its
 * start and the device drop frames. MAP_POPULATE does nothing for a PFN
 * mapping such as this one, and MADV_POPULATE_READ refuses it (EINVAL on
 * 6.1, EFAULT on 6.12).
 */
static void acq_ring_prefault(const struct acq_ring *r)
{
	const volatile unsigned char *frames = r->frames;
	/* Read once: the header is writable, and a slot of 0 never ends. */
	__u64 slot_size = r->hdr->slot_size, off;

	(void)*(const volatile unsigned char *)r->desc;
	for (off = 0; slot_size && off < r->frames_size; off += slot_size)
		(void)frames[off];
}

ACQCTL_API int acq_ring_attach(struct acq_ctl *ctl, __u32 dev_id, int handle,
			       const struct acq_ring_opts *user_opts,
			       struct acq_ring *r)
{
	ACQ_OPTS(acq_ring_opts, opts);
	const struct acq_ring_header *hdr;
	struct acq_ring_reply reply;
	struct acq_ring_maps m = { };
	struct nl_msg *msg;
	int efd = -1, err, detach_err;

	if (!ctl || !r || handle < 0)
		return acq_err(-EINVAL);
	err = acq_opts_load(&opts, sizeof(opts), user_opts);
	if (err)
		return acq_err(err);
	if (!opts.no_eventfd) {
		efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (efd < 0)
			return acq_err(-errno);
	}
	msg = acq_msg_new(ctl, ACQ_CMD_RING_ATTACH, 0);
	if (!msg) {
		err = -ENOMEM;
		goto err_close_efd;
	}
	err = acq_ring_attach_put(msg, dev_id, handle, efd, &opts);
	if (err) {
		nlmsg_free(msg);
		goto err_close_efd;
	}
	err = acq_request_one(ctl, msg, ACQ_A_RING_MAX, acq_ring_reply_policy,
			      acq_ring_reply_parse, &reply);
	if (err)
		goto err_close_efd;

	err = acq_ring_map(handle, &reply, &m);
	if (err)
		goto err_detach;
	hdr = m.hdr;
	err = acq_ring_setup(r, m.hdr, m.data, (const char *)m.data +
			     (hdr->buf_offset - hdr->desc_offset), efd);
	if (err)
		goto err_unmap;
	acq_ring_prefault(r);
	r->hdr_map = m.hdr;
	r->hdr_map_size = m.hdr_size;
	r->data_map = m.data;
	r->data_map_size = m.data_size;
	r->handle = handle;
	r->dev_id = dev_id;
	return 0;

err_unmap:
	munmap(m.data, m.data_size);
	munmap(m.hdr, m.hdr_size);
err_detach:
	/*
	 * Always asked, whatever failed: mmap() fails with EACCES from an
	 * LSM too, and then the ring is still ours. The answer tells what
	 * became of it meanwhile.
	 */
	detach_err = acq_request_handle(ctl, ACQ_CMD_RING_DETACH,
					ACQ_A_RING_DEV_ID, dev_id,
					ACQ_A_RING_HANDLE, handle);
	err = acq_ring_map_failure(err, detach_err);
	if (err == -ENOLINK)
		snprintf(ctl->errmsg, sizeof(ctl->errmsg),
			 "the ring was detached before it could be mapped");
	else if (err != -ENODEV)
		/* The failure is ours, not the kernel's: no reason of its. */
		ctl->errmsg[0] = '\0';
err_close_efd:
	if (efd >= 0)
		close(efd);
	return acq_err(err);
}

ACQCTL_API void acq_ring_unmap(struct acq_ring *r)
{
	if (!r || !r->hdr_map)
		return;
	munmap(r->data_map, r->data_map_size);
	munmap(r->hdr_map, r->hdr_map_size);
	if (r->efd >= 0)
		close(r->efd);
	r->hdr = NULL;
	r->desc = NULL;
	r->frames = NULL;
	r->hdr_map = NULL;
	r->data_map = NULL;
	r->efd = -1;
}

ACQCTL_API int acq_ring_detach(struct acq_ctl *ctl, struct acq_ring *r)
{
	int err;

	if (!ctl || !r || !r->hdr_map)
		return acq_err(-EINVAL);
	err = acq_request_handle(ctl, ACQ_CMD_RING_DETACH, ACQ_A_RING_DEV_ID,
				 r->dev_id, ACQ_A_RING_HANDLE, r->handle);
	acq_ring_unmap(r);
	/* munmap() and close() may have touched errno. */
	return acq_err(err);
}
