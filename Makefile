SWIFT ?= swift
BIN = .build/debug/trackplan
RELEASE_BIN = .build/release/trackplan

.PHONY: build release test demo bench docs goldens install clean

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	@echo '$$ trackplan lint            # the example workspace in plans/'
	$(BIN) lint
	@echo
	@echo '$$ trackplan lint Tests/Fixtures/broken   # a workspace with planted defects'
	-cd Tests/Fixtures/broken && ../../../$(BIN) lint --color never | head -40
	@echo
	@echo '$$ trackplan lint --format github'
	-cd Tests/Fixtures/broken && ../../../$(BIN) lint --format github | head -5
	@echo
	@echo '$$ trackplan rules'
	$(BIN) rules

docs: build
	$(BIN) dev-docs --root .

goldens: build
	TRACKPLAN_UPDATE_GOLDENS=1 $(SWIFT) test

bench:
	$(SWIFT) build -c release --product trackplan-bench
	$(SWIFT) build -c release --product trackplan
	.build/release/trackplan-bench

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/trackplan

clean:
	rm -rf .build
PREFIX ?= /usr/local
