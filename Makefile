# SPDX-License-Identifier: GPL-2.0
#
# acq: see README.md. Targets:
#   all (default)  kernel modules for KVER, libacqctl, acqctl, test programs
#   modules        kernel modules only; KVER=6.12|6.1|rt (cached Debian kernels)
#                  or KDIR=/path/to/kernel/build for any other kernel
#   modules_install  install them into /lib/modules of KDIR's kernel
#   install, uninstall  modules, libacqctl, its headers and pkg-config
#                  file, acqctl, man pages, udev rule (PREFIX, DESTDIR)
#   deb            Debian packages (debian/) in build/deb/, checked by
#                  tests/deb-check (its tools: tests/vm/deps deb)
#   deps           install what is missing (Debian packages, guest kernels)
#   check          every test: lint, host unit tests, guest tests on 6.12,
#                  6.1, rt (a short lane) and the debug kernel
#                  (KERNELS="6.12 6.1" skips the last two)
#   check-debug    the debug lane (KASAN, lockdep, kmemleak, ...) alone,
#                  with every guest test (make check's leaves some to 6.12)
#   demo           the main job, in a guest: a verified 4-channel capture
#   demo-edu       a verified capture from QEMU's edu PCI device (acq_edu)
#   bench          acqctl bench, every mode, in a guest (KERNEL=series)
#   bench-scale    cost per frame against ring size, channels, frame size
#   soak           a verified capture for 10 minutes under window churn
#   fuzz           the long fuzzing campaigns: netlink (100k messages, in a
#                  guest of KERNEL) and libFuzzer's targets (minutes each)
#   regen          regenerate netlink code from schemas/acq.yaml
#   backend-template  examples/backend-template, built out of tree (KVER)

TOP := $(CURDIR)
ifneq ($(words $(TOP)),1)
$(error acq cannot be built in a path with spaces: $(TOP))
endif
BUILD := $(TOP)/build
# Guest kernels of make check: Debian's two, 6.12's PREEMPT_RT flavour
# (a short lane), and the debug lane's own.
KERNELS ?= 6.12 6.1 rt debug

# Kernel modules. Each kernel gets its own object tree under build/km/,
# a mirror of km/ made of symlinks, since Kbuild writes objects next to
# the sources.
KVER ?= 6.12
# The machine-wide kernel cache of tests/vm/lib.sh.
KCACHE := $(shell bash -c '. tests/vm/lib.sh && kernel_cache_dir $(KVER)')
KDIR ?= $(KCACHE)/root/usr/src/linux-headers-$(shell cat $(KCACHE)/release 2>/dev/null)
# The release the modules are built for: uname -r of the kernel that loads them.
KREL = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
MODDIR = $(BUILD)/km/$(KREL)
# Warnings fail the build only where asked (ACQ_WERROR=1, as make check's
# builds do for the kernels of the cache): on someone else's kernel or
# compiler a new warning must not stop a user's build, nor DKMS's.
ACQ_WERROR ?=
# On top of the caller's KCFLAGS, which must not cancel it.
ACQ_KCFLAGS := $(strip $(KCFLAGS) $(if $(filter 1,$(ACQ_WERROR)),-Werror))

# User space.
CC ?= cc
CFLAGS ?= -O2 -g
NL_CFLAGS = $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)
NL_LIBS = $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || echo -lnl-genl-3 -lnl-3)
USER_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -MMD -MP -D_GNU_SOURCE \
	-I$(TOP)/km/include/uapi -I$(TOP)/libctl/include $(NL_CFLAGS)
# Test programs compile and link in one step: no dependency files.
TEST_CFLAGS = $(filter-out -MMD -MP,$(USER_CFLAGS))
SAN_CFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The release: the modules, libacqctl and acqctl go together (acqctl
# --version, the packages, DKMS). The library's own version follows its ABI.
ACQ_VERSION := 0.6.0
LIB_MAJOR := 0
LIB_VERSION := $(LIB_MAJOR).6.0
LIB_SO := $(BUILD)/lib/libacqctl.so.$(LIB_VERSION)
LIB_A := $(BUILD)/lib/libacqctl.a
LIB_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard libctl/*.c))
CLI := $(BUILD)/bin/acqctl
# make install's: without RPATH (below, install-user).
CLI_INSTALLED := $(BUILD)/bin/acqctl.installed
CLI_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard acqctl/*.c))
RPATH := -Wl,-rpath,'$$ORIGIN/../lib'

# acqctl's parts that need neither main.c nor the kernel: unit-tested, and
# the frame verifier and the spec's words are linked into the guest tests
# too.
CLI_PURE := $(addprefix acqctl/,print.c verify.c parse.c capture_args.c \
	capture_frame.c capture_report.c show.c names.c bench_args.c \
	bench_stats.c)
CLI_PURE += acqctl/version.c acqctl/change.c

# Host unit tests link the code under test built with ASan and UBSan. They
# mirror the code: tests/unit/libctl/test_X.c tests libctl/X.c, and so on;
# a test_X.cc is built as C++, for the public headers' C++ side.
UNIT_SRCS := $(wildcard tests/unit/*/test_*.c tests/unit/*/test_*.cc)
UNIT_TESTS := $(patsubst tests/unit/%,$(BUILD)/tests/unit/%,$(basename $(UNIT_SRCS)))
UNIT_DEPS := $(patsubst %.c,$(BUILD)/obj-san/%.o,$(wildcard libctl/*.c) $(CLI_PURE))
UNIT_INCLUDES = -I$(TOP)/tests/unit -I$(TOP)/libctl -I$(TOP)/acqctl
TEST_CXXFLAGS = $(filter-out -std=gnu11,$(TEST_CFLAGS)) -std=gnu++17
# Unit tests marked "acq-test: tsan" also run under ThreadSanitizer.
TSAN_CFLAGS = -fsanitize=thread -fno-omit-frame-pointer
TSAN_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%.tsan,\
	$(shell grep -l 'acq-test: tsan' tests/unit/*/test_*.c))
TSAN_DEPS := $(patsubst %.c,$(BUILD)/obj-tsan/%.o,$(wildcard libctl/*.c) $(CLI_PURE))
GUEST_TESTS := $(patsubst tests/guest/%.c,$(BUILD)/tests/guest/%,$(wildcard tests/guest/*.c))

.PHONY: all check-build modules modules_install modules-all harness-modules debug-kernel check-debug lib cli tests-build deps check check-unit demo demo-edu bench bench-scale soak fuzz regen regen-check clean
.DEFAULT_GOAL := all

all: modules lib cli tests-build

# mirror DIR FILES: symlink FILES (paths from the top) into DIR.
mirror = mkdir -p $(1) && for f in $(2); do \
	mkdir -p $(1)/$$(dirname $$f) && ln -sfn $(TOP)/$$f $(1)/$$f; done

check-kdir = @test -f "$(KDIR)/Makefile" || \
	{ echo "No kernel build tree at '$(KDIR)': run 'make deps' or set KDIR=" >&2; exit 1; }

modules:
	$(check-kdir)
	@$(call mirror,$(MODDIR),Kbuild $$(find km -type f \( -name '*.[ch]' -o -name Kbuild \)))
	@echo "acq: modules for $(KREL)$(if $(filter -Werror,$(ACQ_KCFLAGS)), with -Werror)"
	$(MAKE) -C $(KDIR) M=$(MODDIR) KCFLAGS="$(ACQ_KCFLAGS)" modules

# The debug lane's self-tests: modules broken on purpose, never shipped.
harness-modules:
	$(check-kdir)
	@$(call mirror,$(MODDIR),tests/harness/Kbuild $$(ls tests/harness/*.c))
	$(MAKE) -C $(KDIR) M=$(MODDIR)/tests/harness KCFLAGS="$(ACQ_KCFLAGS)" modules

# On a real machine: make modules_install KDIR=/lib/modules/$(uname -r)/build
# (DESTDIR too: see make install, below).
modules_install: modules
	install -D -m 0644 -t $(DESTDIR)$(MODULEDIR) $(KMODS)
	$(depmod)

# One kernel's trees at a time, even under -j: the harness's tree sits in
# the modules' own.
modules-all:
	@set -e; for k in $(KERNELS); do \
		$(MAKE) --no-print-directory modules KVER=$$k ACQ_WERROR=1; \
		$(MAKE) --no-print-directory harness-modules KVER=$$k ACQ_WERROR=1; done

# The modules' sources as DKMS and the acq-dkms package take them:
# $(DESTDIR)/usr/src/acq-$(ACQ_VERSION)/ with the top Kbuild, km/, a
# Makefile for DKMS (km/dkms.mk) and dkms.conf, its version filled in.
DKMS_SRC = $(DESTDIR)/usr/src/acq-$(ACQ_VERSION)
.PHONY: dkms-src dkms-check
dkms-src:
	rm -rf $(DKMS_SRC)
	@set -e; for f in Kbuild $$(find km -type f \( -name '*.[ch]' -o -name Kbuild \)); do \
		install -D -m 644 $$f $(DKMS_SRC)/$$f; done
	install -m 644 km/dkms.mk $(DKMS_SRC)/Makefile
	sed 's/@ACQ_VERSION@/$(ACQ_VERSION)/' km/dkms.conf > $(DKMS_SRC)/dkms.conf

# Builds through Debian's dkms, in a tree of its own, against the
# cache's 6.1 and 6.12 headers (tests/dkms-check; DKMS_KERNELS others).
DKMS_KERNELS ?= 6.12 6.1
dkms-check: deps
	tests/dkms-check $(DKMS_KERNELS)

lib: $(LIB_SO) $(LIB_A)
cli: $(CLI)
tests-build: $(UNIT_TESTS) $(TSAN_TESTS) $(GUEST_TESTS)

$(BUILD)/obj/libctl/%.o: libctl/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(USER_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(LIB_SO): $(LIB_OBJS) libctl/libacqctl.map
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -shared -Wl,-soname,libacqctl.so.$(LIB_MAJOR) \
		-Wl,--version-script=libctl/libacqctl.map -o $@ $(LIB_OBJS) $(NL_LIBS)
	ln -sf libacqctl.so.$(LIB_VERSION) $(BUILD)/lib/libacqctl.so.$(LIB_MAJOR)
	ln -sf libacqctl.so.$(LIB_MAJOR) $(BUILD)/lib/libacqctl.so

$(LIB_A): $(LIB_OBJS)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BUILD)/obj/acqctl/%.o: acqctl/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(USER_CFLAGS) -c -o $@ $<

$(CLI): $(CLI_OBJS) $(LIB_SO)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJS) -L$(BUILD)/lib -lacqctl $(RPATH)

# acqctl --version: the release's version and the library's.
$(BUILD)/obj/acqctl/main.o: USER_CFLAGS += -DACQ_VERSION='"$(ACQ_VERSION)"' \
	-DACQ_LIB_VERSION='"$(LIB_VERSION)"'
$(BUILD)/obj/acqctl/main.o: Makefile

$(BUILD)/obj-san/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(USER_CFLAGS) $(SAN_CFLAGS) -c -o $@ $<

$(BUILD)/obj-tsan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(USER_CFLAGS) $(TSAN_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%.tsan: tests/unit/%.c $(wildcard tests/unit/*.h) $(TSAN_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) $(TSAN_CFLAGS) $(UNIT_INCLUDES) \
		-o $@ $< $(TSAN_DEPS) -lcmocka $(NL_LIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) $(SAN_CFLAGS) $(UNIT_INCLUDES) \
		-o $@ $< $(UNIT_DEPS) -lcmocka $(NL_LIBS)

$(BUILD)/tests/unit/%: tests/unit/%.cc $(wildcard tests/unit/*.h) $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CXX) $(CFLAGS) $(TEST_CXXFLAGS) $(SAN_CFLAGS) $(UNIT_INCLUDES) \
		-o $@ $< $(UNIT_DEPS) -lcmocka $(NL_LIBS)

# Guest test programs link the static library: they also reach its
# internal request helpers to send malformed messages. They check frames
# with acqctl's verifier and name values with its words of the spec.
GUEST_DEPS := $(BUILD)/obj/acqctl/verify.o $(BUILD)/obj/acqctl/names.o $(LIB_A)
$(BUILD)/tests/guest/%: tests/guest/%.c $(wildcard tests/guest/*.h) $(GUEST_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) -I$(TOP)/libctl -I$(TOP)/acqctl \
		-o $@ $< $(GUEST_DEPS) $(NL_LIBS)

deps:
	tests/vm/deps

# Each step's make runs after deps, so on a fresh machine its pkg-config
# and kernel paths see what deps installed. Each step is timed, and
# tests/check prints the timings at its end.
check:
	@rm -f $(BUILD)/timings
	tests/timed deps tests/vm/deps
	$(if $(filter debug,$(KERNELS)),tests/timed debug-kernel tests/vm/build-debug-kernel)
	tests/timed build $(MAKE) --no-print-directory -j$(shell nproc) check-build
	ACQ_TIMINGS_KEEP=1 tests/check $(KERNELS)

# The debug lane: the guest suite on a kernel with KASAN, lockdep, kmemleak
# and atomic-sleep checks, built from linux-source-6.12 once and cached.
debug-kernel: deps
	tests/vm/build-debug-kernel

# make check's build, on every CPU: user space and 6.12's modules first,
# then the other kernels' one after another (one tree at a time, since
# both would build 6.12's).
check-build:
	$(MAKE) --no-print-directory all ACQ_WERROR=1
	$(MAKE) --no-print-directory modules-all
	$(MAKE) --no-print-directory backend-template ACQ_WERROR=1

check-debug: debug-kernel
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory modules harness-modules KVER=debug ACQ_WERROR=1
	tests/check --guest-only --every-test debug

check-unit: tests-build
	tests/check --unit-only

demo: deps
	$(MAKE) --no-print-directory all
	tests/vm/run -- examples/demo

demo-edu: deps
	$(MAKE) --no-print-directory all
	tests/vm/run -- examples/demo-edu

# acqctl bench's every mode, in the configurations of the issue's targets,
# in one guest of KERNEL (a series of tests/vm/run --kernel; ACQ_KERNEL
# sets it as well): the guest's log, bench.json, the tables and targets
# and a latency plot per configuration land in build/bench/. BENCH_PRIO
# runs the consumer at that SCHED_FIFO priority (for a PREEMPT_RT kernel). BENCH_RUNS,
# BENCH_SECONDS and BENCH_CONFIGS shorten it (see examples/bench).
KERNEL ?= $(or $(ACQ_KERNEL),6.12)
BENCH_ENV = $(foreach v,BENCH_RUNS BENCH_SECONDS BENCH_CONFIGS BENCH_PRIO,\
	$(if $($(v)),$(v)="$($(v))"))
bench: deps
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory modules KVER=$(KERNEL)
	@mkdir -p $(BUILD)/bench
	tests/vm/run --kernel $(KERNEL) --smp 2 --timeout 3600 --idle-timeout 900 \
		-- env $(BENCH_ENV) examples/bench > $(BUILD)/bench/guest.log
	examples/bench-report $(BUILD)/bench/guest.log $(BUILD)/bench | \
		tee $(BUILD)/bench/report.txt

# Frames/s and cost per frame against ring size, channels and frame size.
bench-scale: deps
	$(MAKE) --no-print-directory all
	tests/vm/run --smp 2 -- examples/bench-scale

# The soak of tests/guest/soak.sh, SOAK_SECONDS long (make check runs it
# for 10 s), in a guest of KERNEL; ACQ_SEED=N repeats a run.
SOAK_SECONDS ?= 600
soak: deps
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory modules KVER=$(KERNEL)
	tests/vm/run --kernel $(KERNEL) --timeout $$(($(SOAK_SECONDS) + 900)) \
		-- env ACQ_TEST_TIMEOUT=$$(($(SOAK_SECONDS) + 600)) \
		ACQ_SOAK_SECONDS=$(SOAK_SECONDS) $(if $(ACQ_SEED),ACQ_SEED=$(ACQ_SEED)) \
		tests/guest/run --prefix $(KERNEL) soak

# The long fuzzing campaigns; make check runs short ones. FUZZ_MESSAGES
# and ACQ_SEED as tests/fuzz/netlink takes them.
FUZZ_MESSAGES ?= 100000
fuzz: deps
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory modules KVER=$(KERNEL)
	tests/fuzz/netlink --kernel $(KERNEL) --messages $(FUZZ_MESSAGES)
	tests/fuzz/libfuzzer --long

regen:
	schemas/regen

regen-check:
	schemas/regen --check

clean:
	rm -rf $(BUILD)/km $(BUILD)/obj $(BUILD)/obj-san $(BUILD)/obj-tsan $(BUILD)/lib $(BUILD)/bin $(BUILD)/tests $(BUILD)/ynl

-include $(shell find $(BUILD)/obj $(BUILD)/obj-san $(BUILD)/obj-tsan -name '*.d' 2>/dev/null)

# Valgrind's memcheck cannot run what ASan built: the unit tests once more,
# plain, for tests/memcheck (tests/check's lane memcheck).
VG_TESTS := $(patsubst tests/unit/%,$(BUILD)/tests/unit-vg/%,$(basename $(UNIT_SRCS)))
VG_DEPS := $(patsubst %.c,$(BUILD)/obj-vg/%.o,$(wildcard libctl/*.c) $(CLI_PURE))
tests-build: $(VG_TESTS)

$(BUILD)/obj-vg/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(USER_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit-vg/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(VG_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) $(UNIT_INCLUDES) \
		-o $@ $< $(VG_DEPS) -lcmocka $(NL_LIBS)

$(BUILD)/tests/unit-vg/%: tests/unit/%.cc $(wildcard tests/unit/*.h) $(VG_DEPS)
	@mkdir -p $(@D)
	$(CXX) $(CFLAGS) $(TEST_CXXFLAGS) $(UNIT_INCLUDES) \
		-o $@ $< $(VG_DEPS) -lcmocka $(NL_LIBS)

-include $(shell find $(BUILD)/obj-vg -name '*.d' 2>/dev/null)

# sparse over every source of the modules (C=2: built just now or not),
# in their own object tree, built first so that only the checker runs
# here. tests/sparse reads its warnings; Debian's 6.12 (KVER) only.
.PHONY: sparse
sparse: modules
	$(MAKE) -C $(KDIR) M=$(MODDIR) KCFLAGS="$(ACQ_KCFLAGS)" C=2 CHECK=sparse modules

# libFuzzer targets (tests/fuzz/fuzz-*.c; tests/fuzz/libfuzzer runs them),
# built by clang with the code they reach: the library and acqctl's parts
# that need no kernel, instrumented for coverage, ASan and UBSan. The seed
# corpus's writer is a plain program.
FUZZ_CC ?= clang
FUZZ_CFLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,$(BUILD)/tests/fuzz/%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_DEPS := $(patsubst %.c,$(BUILD)/obj-fuzz/%.o,$(wildcard libctl/*.c) $(CLI_PURE))
tests-build: $(FUZZ_TARGETS) $(BUILD)/tests/fuzz/seeds

$(BUILD)/obj-fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(USER_CFLAGS) -c -o $@ $<

$(BUILD)/tests/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(TEST_CFLAGS) \
		-I$(TOP)/libctl -I$(TOP)/acqctl -o $@ $< $(FUZZ_DEPS) $(NL_LIBS)

$(BUILD)/tests/fuzz/seeds: tests/fuzz/seeds.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(TEST_CFLAGS) -o $@ $< $(NL_LIBS)

-include $(shell find $(BUILD)/obj-fuzz -name '*.d' 2>/dev/null)

# What memcheck, sparse and the fuzz targets leave besides: make clean too.
.PHONY: clean-checkers
clean: clean-checkers
clean-checkers:
	rm -rf $(BUILD)/obj-vg $(BUILD)/obj-fuzz $(BUILD)/fuzz
# genl-fuzz's table of the family's ops and attributes, generated from
# the spec at build time: a new op is fuzzed after a rebuild.
FUZZ_TABLE := $(BUILD)/tests/fuzz/acq-fuzz-table.h
$(FUZZ_TABLE): schemas/acq.yaml tests/fuzz/gen-table
	@mkdir -p $(@D)
	tests/fuzz/gen-table schemas/acq.yaml $@
$(BUILD)/tests/guest/genl-fuzz: $(FUZZ_TABLE)
$(BUILD)/tests/guest/genl-fuzz: TEST_CFLAGS += -I$(BUILD)/tests/fuzz -I$(TOP)/tests/guest

# examples/backend-template, built out of tree against the core's
# exported symbols as a backend of one's own is, in a tree of its own.
TEMPLATE_DIR = $(BUILD)/backend-template/$(KREL)
.PHONY: backend-template
backend-template: modules
	@$(call mirror,$(TEMPLATE_DIR),examples/backend-template/Kbuild $$(ls examples/backend-template/*.c))
	$(MAKE) -C $(KDIR) M=$(TEMPLATE_DIR)/examples/backend-template ACQ_SRC=$(TOP) \
		KBUILD_EXTRA_SYMBOLS=$(MODDIR)/Module.symvers KCFLAGS="$(ACQ_KCFLAGS)" modules

# make install, make uninstall: what a user of acq keeps on a machine,
# under PREFIX, all of it below DESTDIR when set (a package's staging
# tree). INSTALL_MODULES=0 leaves the modules out. The modules and the
# udev rule go where the kernel and udev look whatever PREFIX is: udev
# reads no rules under /usr/local. uninstall removes what install put
# (the same variables), and no directory but the headers' own.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
UDEVRULESDIR ?= /lib/udev/rules.d
INSTALL_MODULES ?= 1
MODULEDIR = /lib/modules/$(KREL)/updates
KMODS = $(addprefix $(MODDIR)/km/,acq.ko sim/acq_sim.ko edu/acq_edu.ko)
# The uapi headers the public ones include, which a consumer needs to
# compile: installed apart (-I.../acq/uapi in the pkg-config file), as
# they are the kernel's and /usr/include/linux is its package's.
PUB_HEADERS := $(wildcard libctl/include/acq/*.h)
UAPI_HEADERS := $(sort $(shell sed -n 's|^\#include <\(linux/acq[a-z_]*\.h\)>|km/include/uapi/\1|p' $(PUB_HEADERS)))
MAN3 := $(wildcard doc/man3/*.3)

# depmod for KREL where it is installed: the running system's root, or
# a DESTDIR holding that kernel (a chroot); a package's staging tree or
# a kernel that is not there gets no index, said so.
define depmod
	@root=$(or $(DESTDIR),/); \
	if [ -e "$(DESTDIR)/lib/modules/$(KREL)/modules.builtin" ]; then \
		echo "depmod -b $$root -a $(KREL)"; \
		PATH=$$PATH:/usr/sbin:/sbin depmod -b "$$root" -a $(KREL); \
	else \
		echo "depmod skipped: kernel $(KREL) is not installed in $$root (run depmod -a $(KREL) where it is)"; \
	fi
endef

# The pkg-config file, its paths relative to ${prefix} where they are.
pc_path = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

.PHONY: install uninstall install-user uninstall-user
install: $(if $(filter 1,$(INSTALL_MODULES)),modules_install) install-user
install-user: lib cli $(CLI_INSTALLED)
	install -D -m 0644 -t $(DESTDIR)$(LIBDIR) $(LIB_SO) $(LIB_A)
	ln -sfn libacqctl.so.$(LIB_VERSION) $(DESTDIR)$(LIBDIR)/libacqctl.so.$(LIB_MAJOR)
	ln -sfn libacqctl.so.$(LIB_MAJOR) $(DESTDIR)$(LIBDIR)/libacqctl.so
	install -D -m 0644 -t $(DESTDIR)$(INCLUDEDIR)/acq $(PUB_HEADERS)
	install -D -m 0644 -t $(DESTDIR)$(INCLUDEDIR)/acq/uapi/linux $(UAPI_HEADERS)
	mkdir -p $(DESTDIR)$(PKGCONFIGDIR)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call pc_path,$(LIBDIR))|' \
		-e 's|@INCLUDEDIR@|$(call pc_path,$(INCLUDEDIR))|' \
		-e 's|@VERSION@|$(ACQ_VERSION)|' libctl/libacqctl.pc.in | \
		grep -v '^#' > $(DESTDIR)$(PKGCONFIGDIR)/libacqctl.pc
	chmod 0644 $(DESTDIR)$(PKGCONFIGDIR)/libacqctl.pc
	install -D -m 0755 $(CLI_INSTALLED) $(DESTDIR)$(BINDIR)/acqctl
	install -D -m 0644 acqctl/acqctl.bash-completion $(DESTDIR)$(BASHCOMPDIR)/acqctl
	install -D -m 0644 -t $(DESTDIR)$(MANDIR)/man8 doc/acqctl.8
	$(if $(MAN3),install -D -m 0644 -t $(DESTDIR)$(MANDIR)/man3 $(MAN3))
	install -D -m 0644 -t $(DESTDIR)$(UDEVRULESDIR) km/60-acq.rules
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then echo ldconfig; ldconfig; fi

# The acqctl that install puts: build/bin/acqctl's objects linked without
# its RPATH, which is there for it to find build/lib and would make the
# installed one search a directory of no system's choosing.
$(CLI_INSTALLED): $(CLI_OBJS) $(LIB_SO)
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJS) -L$(BUILD)/lib -lacqctl

# Without a kernel tree (KREL unknown) there is no module to name.
uninstall_modules = $(and $(filter 1,$(INSTALL_MODULES)),$(KREL))
uninstall: uninstall-user
	$(if $(uninstall_modules),rm -f $(addprefix $(DESTDIR)$(MODULEDIR)/,$(notdir $(KMODS))))
	$(if $(uninstall_modules),$(depmod))
uninstall-user:
	rm -f $(addprefix $(DESTDIR)$(LIBDIR)/,libacqctl.so.$(LIB_VERSION) \
		libacqctl.so.$(LIB_MAJOR) libacqctl.so libacqctl.a)
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/acq/,$(notdir $(PUB_HEADERS)))
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/acq/uapi/linux/,$(notdir $(UAPI_HEADERS)))
	for d in acq/uapi/linux acq/uapi acq; do d=$(DESTDIR)$(INCLUDEDIR)/$$d; \
		[ ! -d $$d ] || rmdir --ignore-fail-on-non-empty $$d; done
	rm -f $(DESTDIR)$(PKGCONFIGDIR)/libacqctl.pc $(DESTDIR)$(BINDIR)/acqctl \
		$(DESTDIR)$(BASHCOMPDIR)/acqctl $(DESTDIR)$(MANDIR)/man8/acqctl.8 \
		$(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3))) \
		$(DESTDIR)$(UDEVRULESDIR)/60-acq.rules
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then echo ldconfig; ldconfig; fi

# The example consumer, built as a user of the library builds it, so
# that it cannot rot (tests/install-check builds it from an install).
tests-build: $(BUILD)/examples/ring-epoll
$(BUILD)/examples/ring-epoll: examples/ring-epoll.c $(PUB_HEADERS) $(LIB_SO)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wall -Wextra -Werror -I$(TOP)/libctl/include \
		-I$(TOP)/km/include/uapi -o $@ $< -L$(BUILD)/lib -lacqctl $(RPATH)
clean: clean-examples
.PHONY: clean-examples
clean-examples:
	rm -rf $(BUILD)/examples

# make deb: the Debian packages of debian/ (acq-dkms, libacqctl0,
# libacqctl-dev, acqctl), built by dpkg-buildpackage in a copy of the
# tree's files (tracked, and new ones not ignored), so that the checkout
# stays clean; the .debs in build/deb/, then checked by tests/deb-check.
# Its tools are installed here, not by make check's deps.
DEB_DIR := $(BUILD)/deb
.PHONY: deb
deb:
	tests/vm/deps deb
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/src/acq
	git ls-files -z --cached --others --exclude-standard | \
		tar -c --null --ignore-failed-read -T - -f - | tar -x -C $(DEB_DIR)/src/acq
	cd $(DEB_DIR)/src/acq && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		dpkg-buildpackage -us -uc -b
	mv $(DEB_DIR)/src/*.deb $(DEB_DIR)/
	tests/deb-check $(DEB_DIR)
