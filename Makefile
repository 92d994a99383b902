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

test-asan: deps-test
	@$(MAKE) --no-print-directory test BUILD=build-asan \
		CMAKE_FLAGS="-DNP_SANITIZE=ON -DNP_DEBUG_ARENA=ON -DCMAKE_BUILD_TYPE=Debug"

install: build
	@cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-asan out

# Throughput and memory (bench/run.sh): writes $(BUILD)/bench/performance.md;
# copy its table into docs/performance.md.  Installs the compromise peer
# into a scratch node_modules under $(BUILD)/bench.  Never part of `test`.
.PHONY: bench
bench: build
	@mkdir -p $(BUILD)/bench
	@BENCH_NODE_DIR=$(abspath $(BUILD))/bench/node bench/run.sh $(BUILD)/newsprism \
		$(BUILD)/bench/performance.md
	@cat $(BUILD)/bench/performance.md
