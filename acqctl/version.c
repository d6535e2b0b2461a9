// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl --version. The versions are the Makefile's, which main.c is
 * built with: the release's, and that of the library acqctl was built
 * against (the library's soname holds acqctl to its major number at run
 * time).
 */
#include <stddef.h>

#include "print.h"
#include "version.h"

void version_print(const char *version, const char *lib_version)
{
	print_open_object(NULL);
	print_string("acqctl", "acqctl %s", version);
	print_string("libacqctl", " (libacqctl %s)", lib_version);
	print_close_object();
	print_nl();
}
