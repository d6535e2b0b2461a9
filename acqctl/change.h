/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a command that changes something prints: dev start and stop, chan
 * set, window set, revoke and restore, sim del (sim add prints the device
 * it made as dev show does, window poke the register it read back).
 *
 * In text, nothing, as ip link set prints nothing: the exit status says
 * it was done. Under -j, one JSON object, never an empty line, so that a
 * script reads an answer of the same kind from every command:
 *  - first the keys that name what was changed, as its show command
 *    names them: "id" and "name" for a device (dev show), "dev" and
 *    "channel" for a channel (chan show), "dev" and "window" for a
 *    window (window show), "sim" for a simulated device (sim's ID);
 *  - then what the request set, with show's keys and words: "state":
 *    "started", "policy": "sigbus", "enabled": true, "lines": 480.
 *
 * The object says what the kernel accepted, not what a read-back finds:
 * another request may change the object in between, and a read-back that
 * failed (the device removed meanwhile) would make a change that was done
 * look undone. A command that fails prints no object: stdout holds what
 * succeeded, stderr why it failed, as with ip -j and bpftool -j.
 */
#ifndef _ACQCTL_CHANGE_H
#define _ACQCTL_CHANGE_H

#include <acq/acqctl.h>

/* Device @id was started or stopped: @state, an enum acq_dev_state. */
void change_print_dev(__u32 id, __u32 state);

/* Channel @chan of device @dev took the settings of @cfg it changes. */
void change_print_chan(__u32 dev, __u32 chan,
		       const struct acq_chan_config *cfg);

/* Window @win of device @dev took revoke policy @policy. */
void change_print_window_policy(__u32 dev, __u32 win, __u32 policy);

/* Window @win of device @dev was revoked or restored: @state. */
void change_print_window_state(__u32 dev, __u32 win, __u32 state);

/* Simulated device @id was removed, and its acq device with it. */
void change_print_sim_del(__u32 id);

#endif /* _ACQCTL_CHANGE_H */
