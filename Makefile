# The README's commands.  CMake does the building; this only strings the
# steps together so that each works on a fresh Debian 12 machine.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
export SOURCE_DATE_EPOCH ?= 1735689600

.PHONY: all deps deps-test configure build demo test test-asan install clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/newsprism

test: deps-test build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite under ASan+UBSan, then a corpus sample converted by the
# sanitized CLI (tests/robust/corpus-run.sh fails on any report).
# e2e_cli_install is left to `make test`: it links a plain program against
# the installed library, which here needs the sanitizer runtimes.
test-asan: deps-test
	@$(MAKE) --no-print-directory build BUILD=build-asan \
		CMAKE_FLAGS="-DNP_SANITIZE=ON -DNP_DEBUG_ARENA=ON -DCMAKE_BUILD_TYPE=Debug"
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1 \
		ctest --output-on-failure -j $(JOBS) -E '^e2e_cli_install$$'
	@tests/robust/corpus-run.sh build-asan/newsprism $(ASAN_CORPUS_EVERY)

install: build
	@cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-valgrind out

# Throughput and memory (bench/run.sh): writes $(BUILD)/bench/performance.md;
# copy its table into docs/performance.md.  Installs the compromise peer
# into a scratch node_modules under $(BUILD)/bench.  Never part of `test`.
.PHONY: bench
bench: build
	@mkdir -p $(BUILD)/bench
	@BENCH_NODE_DIR=$(abspath $(BUILD))/bench/node bench/run.sh $(BUILD)/newsprism \
		$(BUILD)/bench/performance.md
	@cat $(BUILD)/bench/performance.md

# ---- robustness (issue 10): fuzzing and valgrind --------------------------
# make fuzz [FUZZ_SECONDS=N] [FUZZERS="text html header archive"]
#   builds the libFuzzer harnesses with clang (ASan+UBSan) and runs each for
#   N seconds; crashing inputs land in build-fuzz/fuzz-artifacts/<name>/.
# make valgrind [VALGRIND_EVERY=N]
#   converts every N-th corpus article under valgrind --leak-check=full.
FUZZ_SECONDS ?= 60
# Set both for a reproducible run (CI does): see tests/fuzz/run.sh.
FUZZ_SEED ?=
FUZZ_RUNS ?=
FUZZERS ?= text html header archive
ASAN_CORPUS_EVERY ?= 10
VALGRIND_EVERY ?= 60
VALGRIND = valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--error-exitcode=99 --track-origins=yes --quiet

.PHONY: deps-fuzz fuzz valgrind

deps-fuzz:
	@scripts/install-deps.sh fuzz

fuzz: deps-fuzz
	@CC=clang cmake -S . -B build-fuzz -DNP_FUZZ=ON -DNP_DEBUG_ARENA=ON \
		-DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@FUZZ_SEED=$(FUZZ_SEED) FUZZ_RUNS=$(FUZZ_RUNS) \
		tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZERS)

# valgrind's own error code is 99 so that it cannot be mistaken for the
# CLI's "some articles failed" (1).
valgrind: deps-test
	@$(MAKE) --no-print-directory build BUILD=build-valgrind \
		CMAKE_FLAGS="-DNP_DEBUG_ARENA=ON -DBUILD_TESTING=OFF"
	@tests/robust/corpus-run.sh build-valgrind/newsprism $(VALGRIND_EVERY) $(VALGRIND)

# Quote quality against the gold of ../shared (bench/quote-eval).
.PHONY: eval
eval: build
	@bench/quote-eval $(BUILD)
