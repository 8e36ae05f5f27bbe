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
	@echo '$$ trackplan lint'
	-$(BIN) lint

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
