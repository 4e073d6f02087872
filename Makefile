# On a fresh Debian 12 machine these two commands are all the set-up there is:
#   make run    install missing packages, build, diagnose the bundled sample incident
#   make test   install missing packages, build, run the whole suite (release,
#               ASan+UBSan, the scan pipeline under TSan, and a short libFuzzer
#               run of every fuzz target)
SHELL := /bin/bash
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 20
SAMPLE ?= samples/incidents/lease-loss-4x
PAXRAY := build/release/cli/paxray

.PHONY: run test lab deps build asan fuzz-smoke bench samples deb screenshots clean

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

# paxray exits 1 or 2 when it finds a problem (the bundled incident has one);
# only 3 (nothing analysed, usage error) fails `make run`.
run: build
	@$(PAXRAY) scan $(SAMPLE) --json report.json --html report.html || [ $$? -le 2 ]
	@echo
	@echo "HTML report: $(CURDIR)/report.html"
	@echo "JSON report: $(CURDIR)/report.json"

test: deps
	@scripts/run-tests $(FUZZ_SECONDS)

# Every ZooKeeper lab fault on 3 and 5 servers of a real ensemble, and every
# etcd lab fault on 3 and 5 members (zap) and 3 (capnslog), each diagnosed and
# checked against what was done (`make test` runs two of each).
LAB_FAULTS ?= healthy leader-kill follower-kill leader-pause follower-pause quorum-loss rolling-restart leader-partition follower-partition
ZK_LAB_FAULTS ?= $(LAB_FAULTS) leader-slow-disk leader-disk-full leader-clock-jump
ETCD_LAB_FAULTS ?= $(LAB_FAULTS) nospace leader-disk-full leader-slow-disk
lab: build
	@mkdir -p build/lab
	@status=0; \
	  tests/lab/run-zk-lab $(PAXRAY) build/lab 3 $(ZK_LAB_FAULTS) || status=1; \
	  tests/lab/run-zk-lab $(PAXRAY) build/lab 5 $(ZK_LAB_FAULTS) || status=1; \
	  tests/lab/run-etcd-lab $(PAXRAY) build/lab 3 zap $(ETCD_LAB_FAULTS) || status=1; \
	  tests/lab/run-etcd-lab $(PAXRAY) build/lab 5 zap $(ETCD_LAB_FAULTS) || status=1; \
	  tests/lab/run-etcd-lab $(PAXRAY) build/lab 3 capnslog $(ETCD_LAB_FAULTS) || status=1; \
	  exit $$status

fuzz-smoke: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target fuzz_all
	@scripts/fuzz-smoke $(FUZZ_SECONDS)

bench: build
	@scripts/install-deps --bench
	@bench/scan_throughput/run.sh
	@bench/scan_plain/run.sh
	@bench/rss_span/run.sh
	@build/release/bench/bench_replay_events

# build/release/paxray_<version>_amd64.deb: binary, man page, bash completion, docs.
deb: build
	@cd build/release && cpack -G DEB

# Rewrites the checked-in sample incidents from the generator (deterministic).
samples: build
	@scripts/regenerate-samples

# The report's screenshots in docs/img (headless Chromium): commit them when the report's look changes.
screenshots: build
	@scripts/screenshots $(PAXRAY)

clean:
	rm -rf build report.json report.html
