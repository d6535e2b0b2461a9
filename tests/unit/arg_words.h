/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tests of acqctl's command parsers write a command's words as a
 * NULL-terminated list of arguments: ARG_WORDS_PARSER() defines the
 * function that hands them to a parser as argc and argv, with a fresh
 * 128-byte reason. Include after stdarg.h.
 */
#ifndef _TESTS_ARG_WORDS_H
#define _TESTS_ARG_WORDS_H

#define ARG_WORDS_MAX	32

/* static int NAME(OPTS_TYPE *o, char *why, word..., NULL) */
#define ARG_WORDS_PARSER(name, opts_type, parser)			\
static int name(opts_type *o, char *why, ...)				\
{									\
	char *argv[ARG_WORDS_MAX];					\
	int argc = 0;							\
	va_list ap;							\
									\
	va_start(ap, why);						\
	while (argc < ARG_WORDS_MAX - 1 &&				\
	       (argv[argc] = va_arg(ap, char *)))			\
		argc++;							\
	va_end(ap);							\
	why[0] = '\0';							\
	return parser(argc, argv, o, why, 128);				\
}

#endif /* _TESTS_ARG_WORDS_H */
