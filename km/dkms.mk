# SPDX-License-Identifier: GPL-2.0
#
# The Makefile of acq's module sources as make dkms-src lays them out
# (/usr/src/acq-VERSION/Makefile): Kbuild over this tree (its Kbuild, then
# km/) against KDIR, which dkms.conf sets to DKMS's kernel. Warnings are
# not errors here: a new kernel's or compiler's warning must not keep the
# modules from a user's kernel.
KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

.PHONY: modules clean
