# cafed -- management suite for gaming and internet cafés.
# A plain GNU Makefile: `make`, `make check`, `make asan`, `make bench`,
# `make demo`, `make install`. CFLAGS may be overridden.

prefix		?= /usr/local
exec_prefix	?= $(prefix)
sbindir		?= $(exec_prefix)/sbin
datarootdir	?= $(prefix)/share
mandir		?= $(datarootdir)/man
sysconfdir	?= $(prefix)/etc
localstatedir	?= $(prefix)/var
DESTDIR		?=

CC		?= cc
CFLAGS		?= -O2 -g
BUILD		?= build
PKGS		:= libssh ncursesw sqlite3 libsodium liboath libqrencode inih
WARN		:= -std=c11 -Wall -Wextra -Werror -Wformat=2 \
		   -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
		   -Wpointer-arith -Wwrite-strings -Wundef
CPPFLAGS	+= -D_GNU_SOURCE -I. -I$(BUILD)/gen

# pkg-config runs once, on first use, after `make deps` has installed it.
PKG_CFLAGS	= $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS	= $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)
CHECK_CFLAGS	= $(eval CHECK_CFLAGS := $(shell pkg-config --cflags check))$(CHECK_CFLAGS)
CHECK_LIBS	= $(eval CHECK_LIBS := $(shell pkg-config --libs check))$(CHECK_LIBS)

ALL_CFLAGS	= $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP

MIGRATIONS	:= $(sort $(wildcard db/sql/[0-9]*.sql))
CORE_SRCS	:= $(wildcard common/*.c db/*.c model/*.c)
UI_SRCS		:= $(wildcard tui/*.c screens/*.c sshd/*.c)
CTL_SRCS	:= $(wildcard cli/ctl*.c)
CAFED_SRCS	:= cli/cafed.c
TEST_SRCS	:= $(wildcard tests/check_*.c)
TESTLIB_SRCS	:= $(wildcard tests/lib/*.c)
GEN_SRCS	:= $(BUILD)/gen/migrations.c $(BUILD)/gen/common_passwords.c

obj		= $(patsubst %.c,$(BUILD)/%.o,$(1))
CORE_OBJS	:= $(call obj,$(CORE_SRCS) $(GEN_SRCS:$(BUILD)/%=%))
UI_OBJS		:= $(call obj,$(UI_SRCS))
TESTLIB_OBJS	:= $(call obj,$(TESTLIB_SRCS))
TESTS		:= $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
BENCHES		:= $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

CAFED		:= $(BUILD)/cafed
CAFECTL		:= $(BUILD)/cafectl

.PHONY: all deps check unit e2e asan bench demo install clean lint
.DEFAULT_GOAL := all
.SECONDARY:

all: $(CAFED) $(CAFECTL) | deps
	@ln -sf $(BUILD)/cafed cafed 2>/dev/null || true
	@ln -sf $(BUILD)/cafectl cafectl 2>/dev/null || true

deps:
	@sh tools/deps.sh

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c | deps
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/migrations.c: $(MIGRATIONS) tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh migrations $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/common_passwords.c: data/common-passwords.txt tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh text common_passwords $< > $@.tmp && mv $@.tmp $@

$(BUILD)/libcafe.a: $(CORE_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libcafeui.a: $(UI_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

LINK_LIBS	= $(BUILD)/libcafeui.a $(BUILD)/libcafe.a $(PKG_LIBS) -lutil

$(CAFED): $(call obj,$(CAFED_SRCS)) $(BUILD)/libcafeui.a $(BUILD)/libcafe.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(call obj,$(CAFED_SRCS)) $(LINK_LIBS)

$(CAFECTL): $(call obj,$(CTL_SRCS)) $(BUILD)/libcafeui.a $(BUILD)/libcafe.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(call obj,$(CTL_SRCS)) $(LINK_LIBS)

$(BUILD)/tests/check_%.o: tests/check_%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/tests/lib/%.o: tests/lib/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/tests/check_%: $(BUILD)/tests/check_%.o $(TESTLIB_OBJS) \
    $(BUILD)/libcafeui.a $(BUILD)/libcafe.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(TESTLIB_OBJS) $(LINK_LIBS) \
	    $(CHECK_LIBS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libcafeui.a $(BUILD)/libcafe.a | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LINK_LIBS)

# Unit tests (Check), then the end-to-end tests through a real ssh client.
check: all $(TESTS)
	@sh tests/run-unit.sh $(TESTS)
	@CAFED=$(CAFED) CAFECTL=$(CAFECTL) bash tests/e2e/run.sh

unit: all $(TESTS)
	@sh tests/run-unit.sh $(TESTS)

e2e: all
	@CAFED=$(CAFED) CAFECTL=$(CAFECTL) bash tests/e2e/run.sh

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
asan: | deps
	@$(MAKE) --no-print-directory BUILD=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

bench: all $(BENCHES)
	@CAFED=$(CAFED) CAFECTL=$(CAFECTL) BUILD=$(BUILD) sh bench/run.sh

demo: all
	@CAFED=$(CAFED) CAFECTL=$(CAFECTL) sh tools/demo.sh

lint: | deps
	mandoc -Tlint -W warning man/*.[1-9]

install: all
	install -d $(DESTDIR)$(sbindir) $(DESTDIR)$(mandir)/man8 \
	    $(DESTDIR)$(mandir)/man5
	install -m 755 $(CAFED) $(CAFECTL) $(DESTDIR)$(sbindir)
	install -m 644 man/cafed.8 man/cafectl.8 $(DESTDIR)$(mandir)/man8
	install -m 644 man/cafed.conf.5 $(DESTDIR)$(mandir)/man5

clean:
	rm -rf build build-asan cafed cafectl

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
