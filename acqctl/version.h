/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ACQCTL_VERSION_H
#define _ACQCTL_VERSION_H

/*
 * acqctl --version: "acqctl VERSION (libacqctl LIB_VERSION)", or under -j
 * {"acqctl": VERSION, "libacqctl": LIB_VERSION}.
 */
void version_print(const char *version, const char *lib_version);

#endif /* _ACQCTL_VERSION_H */
