import Foundation
import Testing
@testable import TrackPlanKit

/// Tests/Fixtures/broken holds a workspace with planted defects. Every one must be
/// reported, at its exact line and column, by the rule meant to find it; nothing else.
@Suite struct BrokenWorkspaceTests {
    static let root = TestPaths.fixtures.appendingPathComponent("broken")

    static let expected: [String] = [
            "plans/broken_plan.yaml:1:7 plan-id-matches-file",
            "plans/broken_plan.yaml:4:27 terminal-exists",
            "plans/broken_plan.yaml:7:12 schedule-dates",
            "plans/broken_plan.yaml:11:11 naming-style",
            "plans/broken_plan.yaml:14:23 position-exists",
            "plans/broken_plan.yaml:15:5 unknown-key",
            "plans/broken_plan.yaml:19:5 exposure-rule",
            "plans/broken_plan.yaml:19:5 state-requirements",
            "plans/broken_plan.yaml:22:55 list-slot-index",
            "plans/broken_plan.yaml:23:22 pii-forbidden-terminal",
            "plans/broken_plan.yaml:25:42 invalid-value",
            "plans/broken_plan.yaml:26:38 enum-values",
            "plans/broken_plan.yaml:27:35 min-max-order",
            "plans/broken_plan.yaml:28:38 pattern-compiles",
            "plans/broken_plan.yaml:29:7 common-parameter-redeclared",
            "plans/broken_plan.yaml:30:35 pii-consent",
            "plans/broken_plan.yaml:31:38 ambiguous-boolean",
            "plans/broken_plan.yaml:31:43 ambiguous-boolean",
            "plans/broken_plan.yaml:33:15 template-exists",
            "plans/broken_plan.yaml:43:7 template-locked",
            "plans/broken_plan.yaml:44:7 duplicate-key",
            "plans/broken_plan.yaml:44:7 template-locked",
            "plans/other_plan.yaml:6:11 state-requirements",
            "plans/other_plan.yaml:6:11 unique-event-name",
            "plans/other_plan.yaml:11:91 stale-approval",
            "plans/syntax_error.yaml:4:9 yaml-syntax",
            "templates/events/loop_a.yaml:2:10 template-cycle",
            "templates/events/loop_b.yaml:2:10 template-cycle",
            "trackplan.yaml:19:36 terminal-exists",
    ]

    func lint(_ format: String = "text", paths: [String] = []) -> LintRunner.Outcome {
        var options = LintRunner.Options()
        options.currentDirectory = Self.root.path
        options.format = format
        options.paths = paths
        return LintRunner(options: options).run()
    }

    @Test func everyPlantedDefectIsReportedAtItsPlace() {
        let outcome = lint()
        #expect(outcome.exitCode == 1)
        let found = outcome.diagnostics.map { "\($0.path):\($0.location.line):\($0.location.column) \($0.ruleID)" }
        #expect(found == Self.expected, "\(outcome.output)")
    }

    @Test(arguments: ["text", "json", "sarif", "github", "junit"])
    func goldenOutput(_ format: String) throws {
        let outcome = lint(format)
        #expect(outcome.exitCode == 1)
        try Golden.check(outcome.output, "broken-lint.\(format)")
    }

    @Test func outputIsDeterministic() {
        #expect(lint("json").output == lint("json").output)
        #expect(lint("sarif").output == lint("sarif").output)
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let outcome = lint("sarif")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.sarif")
        try Data(outcome.output.utf8).write(to: file)
        let schema = TestPaths.corpora.appendingPathComponent("sarif/sarif-schema-2.1.0.json").path
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        log = json.load(open(sys.argv[2]))
        errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
        for e in errors: print(e.message)
        assert log["runs"][0]["results"], "no results"
        sys.exit(1 if errors else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "SARIF does not validate (python3 with jsonschema is needed; .ci/run installs it):\n\(text)")
    }

    @Test func namingOnePlanReportsOnlyThatPlan() {
        let outcome = lint(paths: ["plans/syntax_error.yaml"])
        #expect(outcome.exitCode == 1)
        #expect(outcome.diagnostics.map(\.ruleID) == ["yaml-syntax"])
    }

    @Test func strictTurnsWarningsIntoErrors() {
        var options = LintRunner.Options()
        options.currentDirectory = Self.root.path
        options.paths = ["plans/other_plan.yaml"]
        let normal = LintRunner(options: options).run()
        #expect(normal.diagnostics.contains { $0.severity == .warning })
        options.strict = true
        let strict = LintRunner(options: options).run()
        #expect(!strict.diagnostics.contains { $0.severity == .warning })
        #expect(strict.exitCode == 1)
    }

    @Test func baselineRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-baseline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("baseline.json").path
        var options = LintRunner.Options()
        options.currentDirectory = Self.root.path
        options.writeBaseline = file
        #expect(LintRunner(options: options).run().exitCode == 1)
        options.writeBaseline = nil
        options.baseline = file
        let after = LintRunner(options: options).run()
        #expect(after.exitCode == 0, "\(after.output)")
        #expect(after.diagnostics.isEmpty)
    }

    @Test func levelsPerWorkspaceAndPath() {
        let settings = ExampleWorkspace.settings + """
        lint:
          rules:
            naming-style: warning
          paths:
            - match: plans/legacy/**
              rules: { naming-style: off }

        """
        let event = "  - { name: searchClick, type: click, position: { page: home, module: search_bar, slot: search_button } }\n"
        let plan = { (id: String) in "plan: \(id)\ntitle: T\nowner: alice@example.com\nterminals: [ios]\nevents:\n" + event.replacingOccurrences(of: "searchClick", with: "\(id)Click") }
        let workspace = WorkspaceLoader().load(files: [
            ("trackplan.yaml", settings),
            ("plans/current.yaml", plan("current")),
            ("plans/legacy/old.yaml", plan("old")),
        ])
        let found = Linter().lint(workspace).filter { $0.ruleID == "naming-style" }
        #expect(found.map(\.path) == ["plans/current.yaml"])
        #expect(found.first?.severity == .warning)
    }
}

/// The linter runs the rules that check parameter sites together, run by run of sites on every
/// core. Whatever it reports must be exactly what each rule reports when it runs on its own.
@Suite struct FusedLinterTests {
    static func alone(_ workspace: Workspace) -> [Diagnostic] {
        var found = workspace.loadDiagnostics
        for rule in RuleRegistry.all where type(of: rule).description.phase == .model {
            let d = type(of: rule).description
            var sink = DiagnosticSink(ruleID: d.id, severity: d.severity)
            rule.validate(workspace, &sink)
            found += sink.diagnostics
        }
        let levels = LevelResolver(settings: workspace.settings.lint)
        return found.compactMap { levels.apply($0) }.sorted(by: Diagnostic.sortKey)
    }

    /// The linter finds the site rules in the registry's list by id: it must be exactly the rules of
    /// `all` that check parameter sites.
    @Test func siteRuleListMatchesTheRules() {
        let conforming = RuleRegistry.all.filter { $0 is any ParameterSiteRule }.map { type(of: $0).description.id }
        #expect(Set(conforming) == Set(RuleRegistry.parameterSiteRules.keys))
        #expect(conforming.count == RuleRegistry.parameterSiteRules.count)
    }

    @Test func brokenFixtureAndExampleWorkspace() {
        for root in [BrokenWorkspaceTests.root, TestPaths.repository] {
            let workspace = WorkspaceLoader().load(root: root.path)
            let fused = Linter().lint(workspace)
            #expect(fused == Self.alone(workspace), "\(root.lastPathComponent)")
        }
        let broken = Linter().lint(WorkspaceLoader().load(root: BrokenWorkspaceTests.root.path))
        #expect(broken.contains { $0.ruleID == "sane-length" || $0.ruleID == "enum-values" }, "the fixture exercises site rules")
    }

    /// Many copies of the broken plan: far more sites than one run holds, so runs end mid-plan.
    @Test func manyRunsOfSites() throws {
        let root = BrokenWorkspaceTests.root
        var files: [(path: String, text: String)] = []
        for path in WorkspaceLoader.discover(root: root.path) {
            files.append((path, try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)))
        }
        let plan = try String(contentsOf: root.appendingPathComponent("plans/broken_plan.yaml"), encoding: .utf8)
        for i in 0 ..< 100 { files.append(("plans/copy_\(i).yaml", plan)) }
        let workspace = WorkspaceLoader().load(files: files)
        #expect(EventRuleSupport.parameterSites(workspace).count > 3 * Linter.sitesPerRun)
        let fused = Linter().lint(workspace)
        #expect(fused == Self.alone(workspace))
        #expect(fused.filter { $0.ruleID == "enum-values" }.count >= 101)
    }
}

/// unique-parameter-name keeps short lists in an array and long ones in a dictionary: both must find
/// a collision early and late in the list.
@Suite struct LongParameterListTests {
    @Test(arguments: [8, 40, 90])
    func collisionsAreFoundInListsOfAnyLength(_ count: Int) {
        var params = (0 ..< count).map { "      p_\($0): { type: string }" }
        params.append("      pA_3: { type: string }")               // not a collision
        params.append("      P_3: { type: string }")                // collides with p_3
        params.append("      p-\(count - 1): { type: string }")     // collides with the last
        let plan = "plan: example\ntitle: Example\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: search_click\n    type: click\n    parameters:\n"
            + params.joined(separator: "\n") + "\n"
        let workspace = WorkspaceLoader().load(files: [("trackplan.yaml", "version: 1\nterminals:\n  ios: { kind: app }\n"), ("plans/example.yaml", plan)])
        let found = Linter().lint(workspace).filter { $0.ruleID == "unique-parameter-name" }
        #expect(found.count == 2, "\(found.map(\.description))")
        #expect(found.contains { $0.message.contains("'P_3'") && $0.message.contains("'p_3'") })
        #expect(found.contains { $0.message.contains("'p-\(count - 1)'") && $0.message.contains("'p_\(count - 1)'") })
    }
}

/// enum-values compares short lists (up to 16 values) pair by pair as bytes and longer ones through a
/// dictionary: both must find a repeat early and late in the list, point at the first listing, and
/// tell apart values that differ only in length or in a quote.
@Suite struct LongEnumListTests {
    /// Lists of 11, 14 and 16 values (pair by pair), 17 and 49 (dictionary).
    @Test(arguments: [2, 5, 7, 8, 40])
    func repeatsAreFoundInListsOfAnyLength(_ count: Int) {
        var values = (0 ..< count).map { "v\($0)" }
        values += ["v0", "v\(count - 1)", "v1x", "'v1 '", "\"\""]   // two repeats, three near misses
        values += ["caf\u{E9}", "cafe\u{301}", "cafe"]               // one value written two ways, and another
        values.insert("''", at: 1)                                 // the empty value, once more above
        #expect(values.count == count + 9)
        let line = "      channel: { type: enum, values: [\(values.joined(separator: ", "))] }\n"
        let plan = "plan: example\ntitle: Example\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: search_click\n    type: click\n    parameters:\n" + line
        let firstColumn = line.utf8.firstIndex(of: UInt8(ascii: "["))!.utf16Offset(in: line) + 2
        let workspace = WorkspaceLoader().load(files: [("trackplan.yaml", "version: 1\nterminals:\n  ios: { kind: app }\n"), ("plans/example.yaml", plan)])
        var sink = DiagnosticSink(ruleID: EnumValuesRule.id, severity: .error)
        EnumValuesRule().validate(workspace, &sink)
        let found = sink.diagnostics.map(\.message)
        #expect(found.count == 4, "\(found)")
        #expect(found.contains { $0.contains("'cafe\u{301}'") }, "canonically equivalent text is one value, as Strings compare")
        #expect(found.contains { $0.contains("'v0'") && $0.contains("at 9:\(firstColumn)") }, "\(found)")
        #expect(found.contains { $0.contains("'v\(count - 1)'") })
        #expect(found.contains { $0.contains("''") })
    }
}
