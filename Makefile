SWIFT ?= swift
BIN = .build/debug/trackplan
RELEASE_BIN = .build/release/trackplan

.PHONY: build release test test-deps demo bench bench-instructions docs goldens install clean

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# What the tests need beyond Swift: libyaml, Python's jsonschema, and the compilers the
# generated code is checked with (kotlinc, javac, tsc, node). Installs only what is missing.
test-deps:
	./scripts/install-test-deps

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
	@echo
	@echo '# The lifecycle, on a copy of the example workspace in out/demo (the repository stays untouched)'
	rm -rf out/demo && mkdir -p out/demo && cp -R trackplan.yaml plans templates out/demo/
	@echo '$$ trackplan status'
	cd out/demo && TRACKPLAN_NOW=2026-11-25T09:00:00Z ../../$(BIN) status --color never
	@echo '$$ trackplan approve homepage_banner --as alice@example.com   # the owner: refused'
	-cd out/demo && ../../$(BIN) approve homepage_banner --as alice@example.com
	@echo '$$ trackplan approve homepage_banner --as dora@example.com; --as ed@example.com'
	cd out/demo && TRACKPLAN_NOW=2026-11-25T09:00:00Z ../../$(BIN) approve homepage_banner --as dora@example.com --comment "Clear and complete"
	cd out/demo && TRACKPLAN_NOW=2026-11-25T09:05:00Z ../../$(BIN) approve homepage_banner --as ed@example.com
	@echo '$$ trackplan advance homepage_banner --as alice@example.com'
	cd out/demo && TRACKPLAN_NOW=2026-11-25T09:10:00Z ../../$(BIN) advance homepage_banner --as alice@example.com
	@echo '$$ trackplan show homepage_banner'
	cd out/demo && TRACKPLAN_NOW=2026-11-25T09:10:00Z ../../$(BIN) show homepage_banner
	@echo '$$ trackplan history homepage_banner'
	cd out/demo && ../../$(BIN) history homepage_banner
	@echo
	@echo '# Typed code stubs and JSON Schemas, into out/demo/generated/'
	cd out/demo && for t in swift kotlin java typescript python jsonschema; do ../../$(BIN) generate $$t || exit 1; done
	@echo '$$ trackplan generate swift --check   # what CI runs: exit 1 when the files are out of date'
	cd out/demo && ../../$(BIN) generate swift --check
	@echo '$$ grep -B7 -A3 "public func homepageBannerClick" generated/swift/TrackPlanEvents.swift'
	@cd out/demo && grep -n -B7 -A3 'public func homepageBannerClick' generated/swift/TrackPlanEvents.swift
	@echo
	@echo '# Documentation from the plans'
	cd out/demo && TRACKPLAN_NOW=2026-11-25T09:10:00Z ../../$(BIN) docs && TRACKPLAN_NOW=2026-11-25T09:10:00Z ../../$(BIN) docs --format html
	@echo '$$ sed -n 1,25p generated/docs/markdown/index.md'
	@sed -n 1,25p out/demo/generated/docs/markdown/index.md
	@echo '(open out/demo/generated/docs/html/index.html in a browser)'
	@echo '$$ trackplan report --postmortem'
	cd out/demo && TRACKPLAN_NOW=2026-11-25T09:10:00Z ../../$(BIN) report --postmortem
	@echo
	@echo '# A change to a released plan, against the repository as it is (a folder BASE; a git revision works too)'
	sed -i 's/ad_id:        { type: string, required: true, max_length: 64 }/ad_id:        { type: string, required: true, max_length: 32 }/' out/demo/plans/app_splash.yaml
	@echo '$$ trackplan diff ../.. --versions'
	-cd out/demo && ../../$(BIN) diff ../.. --versions
	@echo
	@echo '# Captured events against the plan (examples/capture-homepage-banner.jsonl has two planted defects)'
	@echo '$$ trackplan verify examples/capture-homepage-banner.jsonl --plan homepage_banner'
	-$(BIN) verify examples/capture-homepage-banner.jsonl --plan homepage_banner --color never

docs: build
	$(BIN) dev-docs --root .

goldens: build
	TRACKPLAN_UPDATE_GOLDENS=1 $(SWIFT) test

bench:
	$(SWIFT) build -c release --product trackplan-bench
	$(SWIFT) build -c release --product trackplan
	.build/release/trackplan-bench

# Instruction counts of the lint beside a bare libyaml parse (callgrind): the stable figure.
bench-instructions: release
	./scripts/bench-instructions

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/trackplan
	# The built-in render templates of `trackplan generate`, found in ../share/trackplan/render.
	install -d $(DESTDIR)$(PREFIX)/share/trackplan
	rm -rf $(DESTDIR)$(PREFIX)/share/trackplan/render
	cp -R .build/release/trackplan_TrackPlanKit.resources/render $(DESTDIR)$(PREFIX)/share/trackplan/render

clean:
	rm -rf .build
PREFIX ?= /usr/local
