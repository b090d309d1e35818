# washboard - audit AI safety benchmarks for safetywashing.
# `make site` and `make test` are the two commands; both install missing Debian packages first.
# `make check` runs the same tests as `make test` without installing anything.

CC       ?= cc
BUILD    ?= build
PKG_CONFIG ?= pkg-config
PKGS     := libcmark-gfm libcjson gsl
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes
# CFLAGS is yours (CI passes CFLAGS="-O2 -g -Werror"); the flags we need are always added.
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -pthread -MMD -MP \
            $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LDLIBS   += $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm -pthread
TEST_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# Debian packages: build, test and run time.
DEB_PKGS := build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
            libcjson-dev libgsl-dev libcmocka-dev gnuplot-nox python3 python3-numpy python3-scipy \
            chromium chromium-driver python3-selenium clang libclang-rt-14-dev
BENCH_PKGS := python3-pandas
MEMCHECK_PKGS := valgrind
LINT_PKGS := cppcheck clang-tidy
# The Debian packages that provide each pkg-config module (PKGS, and cmocka for the tests).
DEB_libcmark-gfm := libcmark-gfm-dev libcmark-gfm-extensions-dev
DEB_libcjson := libcjson-dev
DEB_gsl := libgsl-dev
DEB_cmocka := libcmocka-dev

# $(call pkg_check,MODULE...): a shell command that stops the build, naming the Debian
# packages to install, when $(PKG_CONFIG) does not find a module (rather than letting the
# compiler fail on a missing header).
pkg_check = mods=""; debs=""; \
	command -v $(firstword $(PKG_CONFIG)) >/dev/null 2>&1 || debs=" pkg-config"; \
	$(foreach m,$(1),$(PKG_CONFIG) --exists $(m) 2>/dev/null || \
	  { mods="$$mods $(m)"; debs="$$debs $(DEB_$(m))"; };) \
	if [ -n "$$mods" ]; then \
	  echo "error: $(PKG_CONFIG) does not find$$mods: install the Debian packages$$debs" \
	    "(apt-get install$$debs), or run 'make deps'" >&2; \
	  exit 1; \
	fi

SRCS := $(sort $(wildcard generator/*.c))
LIB_SRCS := $(filter-out generator/main.c,$(SRCS))
LIB_OBJS := $(LIB_SRCS:generator/%.c=$(BUILD)/obj/%.o)
TEST_SRCS := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/%)

.PHONY: all deps site test check bench clean format lint asan memcheck content serve fuzz \
	faults pkg-check test-pkg-check

all: $(BUILD)/washboard

$(BUILD)/obj/%.o: generator/%.c | pkg-check $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj:
	mkdir -p $@

$(BUILD)/libwashboard.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/washboard: $(BUILD)/obj/main.o $(BUILD)/libwashboard.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/test_%: tests/test_%.c $(BUILD)/libwashboard.a | test-pkg-check
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Igenerator -o $@ $< $(BUILD)/libwashboard.a $(LDLIBS) $(TEST_LIBS)

# The libraries are there (pkg-config finds them), or a message says what to install.
pkg-check:
	@$(call pkg_check,$(PKGS))

test-pkg-check:
	@$(call pkg_check,$(PKGS) cmocka)

# Install whatever Debian package is missing (sudo when not root).
deps:
	@missing=""; for p in $(DEB_PKGS) $(EXTRA_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

# Render the bundled audit into site/ (figures in SVG, PNG and PDF).
site: deps
	@$(MAKE) --no-print-directory $(BUILD)/washboard
	$(BUILD)/washboard build --content content --templates templates --out site

# Preview the built site at http://127.0.0.1:8000/
serve: site
	python3 -m http.server --bind 127.0.0.1 --directory site 8000

# Every test suite; make test installs what is missing first, make check installs nothing.
test: deps
	@$(MAKE) --no-print-directory check

check: test-pkg-check
	@$(MAKE) --no-print-directory $(BUILD)/washboard $(TEST_BINS)
	@tests/run.sh $(BUILD)

# The bundled content, regenerated from the paper's CSVs shipped in content/sources/.
content: $(BUILD)/washboard
	scripts/import-paper-data.sh $(BUILD)/washboard content

bench: 
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(BENCH_PKGS)"
	@$(MAKE) --no-print-directory $(BUILD)/washboard
	@bench/run.sh $(BUILD)/washboard
	@echo
	@bench/bootstrap.sh $(BUILD)/washboard
	@echo
	@bench/impute.sh $(BUILD)/washboard
	@echo
	@bench/site.sh $(BUILD)/washboard
	@echo
	@bench/scale.sh $(BUILD)/washboard

format:
	clang-format -i generator/*.c generator/*.h tests/*.c

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer, in its own build dir.
asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" build/asan/washboard $(TEST_SRCS:tests/%.c=build/asan/%)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run.sh build/asan

# The unit tests and one full analysis and build under valgrind: no leaks, no errors. Its own
# build dir, without the pools (WB_NODE_POOL=0), so that valgrind sees every allocation.
MC_BUILD := build/memcheck
VALGRIND := valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1
memcheck:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(MEMCHECK_PKGS)"
	@$(MAKE) --no-print-directory BUILD=$(MC_BUILD) CFLAGS="-O1 -g -DWB_NODE_POOL=0" \
	  $(MC_BUILD)/washboard $(TEST_SRCS:tests/%.c=$(MC_BUILD)/%)
	@set -e; for t in $(TEST_SRCS:tests/%.c=$(MC_BUILD)/%); do \
	  echo "valgrind $$t"; \
	  WB_SPEC_DIR=tests/mustache-spec $(VALGRIND) $$t > $$t.memcheck.log 2>&1 || { cat $$t.memcheck.log; exit 1; }; \
	done
	$(VALGRIND) $(MC_BUILD)/washboard analyze --format json > /dev/null
	rm -rf $(MC_BUILD)/site # a new release: one from an earlier washboard is never rewritten
	$(VALGRIND) --trace-children=no $(MC_BUILD)/washboard build -q --force --jobs 1 --formats svg --out $(MC_BUILD)/site
	@echo "memcheck: no leaks, no errors"

# libFuzzer over the JSON parser, content loader, Mustache, CSV, lm-eval and Inspect importers,
# Markdown and the gnuplot/BibTeX/CSV escapers (whose output must parse): FUZZ_SECONDS per target (make fuzz FUZZ_SECONDS=600; FUZZ_PARALLEL=2 runs two
# at once). make test replays the regressions.
FUZZ_SECONDS ?= 60
fuzz: deps
	tests/fuzz/run.sh $(FUZZ_SECONDS)

# SIGKILL builds and imports at random moments, FAULTS_N of each (FAULTS_SEED picks the
# moments): after every kill the site is the previous or the new one, byte for byte, no
# worker or gnuplot is left, and the content is all old or all new (tests/faults/loop.sh).
FAULTS_N ?= 8
faults: $(BUILD)/washboard
	tests/faults/loop.sh $(BUILD) $(FAULTS_N)

# cppcheck and clang-tidy (.clang-tidy) over generator/: any finding fails.
lint:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(LINT_PKGS)"
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --suppress=missingIncludeSystem --inline-suppr -Igenerator generator
	clang-tidy --quiet generator/*.c -- -std=c11 -D_POSIX_C_SOURCE=200809L -Igenerator \
	  $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
	@echo "lint: no findings"

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/obj/*.d)
