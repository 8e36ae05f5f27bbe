import Foundation
import Testing
@testable import TrackPlanKit

/// `trackplan lint` loads and lints in one pass (`Linter.lint(root:)`): each plan is checked on its own
/// while it is in memory and then freed. Its findings must be exactly those of loading the whole
/// workspace and linting it (`Linter.lint(_:)`), which every rule's examples are tested through.
@Suite struct StreamingLintTests {
    /// Both ways, on the workspace in `dir`.
    static func compare(_ dir: URL, onlyPlans: [String]? = nil, _ comment: Comment? = nil) -> [Diagnostic] {
        let streamed = Linter().lint(root: dir.path, onlyPlans: onlyPlans)
        let whole = Linter().lint(WorkspaceLoader().load(root: dir.path, onlyPlans: onlyPlans))
        #expect(streamed.diagnostics == whole, comment)
        #expect(streamed.workspace.plans.isEmpty, "the plans are freed as they are checked")
        return whole
    }

    static func write(_ files: [(path: String, text: String)], to dir: URL) throws {
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Every example of every rule, triggering or not, as a workspace on disk: the cases each rule
    /// was written for, with the findings of the other rules besides.
    @Test(arguments: RuleExampleTests.rules)
    func everyRuleExample(_ id: String) throws {
        let rule = try #require(RuleRegistry.rule(id))
        let d = type(of: rule).description
        var triggered = 0
        for (n, example) in (d.nonTriggering + d.triggering).enumerated() {
            let dir = try Sandbox.folder("stream-\(id)-\(n)")
            defer { try? FileManager.default.removeItem(at: dir) }
            try Self.write(ExampleWorkspace.files(for: example).files, to: dir)
            let found = Self.compare(dir, "\(id), example \(n):\n\(example.shown)")
            if n >= d.nonTriggering.count, found.contains(where: { $0.ruleID == id }) { triggered += 1 }
        }
        #expect(triggered == d.triggering.count, "every triggering example of \(id) fires through the streaming path too")
    }

    @Test func brokenFixtureAndExampleWorkspace() throws {
        let broken = Self.compare(BrokenWorkspaceTests.root, "broken fixture")
        #expect(broken.count > 20)
        _ = Self.compare(TestPaths.repository, "example workspace")
        // Only some plans, as a pre-commit hook lints them.
        _ = Self.compare(BrokenWorkspaceTests.root, onlyPlans: ["plans/broken_plan.yaml"], "one plan")
    }

    /// Settings and template findings are reported once, not once per plan; cross-plan findings are
    /// found across files read on different cores.
    @Test func manyPlansOverBrokenTemplatesAndSettings() throws {
        let dir = try Sandbox.workspace("stream-many", from: BrokenWorkspaceTests.root)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = try String(contentsOf: dir.appendingPathComponent("plans/broken_plan.yaml"), encoding: .utf8)
        for i in 0 ..< 40 {
            try Data(plan.replacingOccurrences(of: "plan: broken_plan", with: "plan: copy_\(i)").utf8)
                .write(to: dir.appendingPathComponent("plans/copy_\(i).yaml"))
        }
        let found = Self.compare(dir, "40 copies of the broken plan")
        let elsewhere = found.filter { !$0.path.hasPrefix("plans/") }
        #expect(!elsewhere.isEmpty, "the fixture has findings in its settings or templates")
        #expect(Set(elsewhere).count == elsewhere.count, "each reported once")
        #expect(found.filter { $0.ruleID == "unique-event-name" && $0.path == "plans/copy_39.yaml" }.count > 0)
    }

    /// A plan can cause a finding in another file: events at a list slot in two plans use a template
    /// whose index parameter is a string. The finding lands on the template, once.
    @Test func findingsAPlanCausesInATemplate() throws {
        let dir = try Sandbox.workspace("stream-slot", from: BrokenWorkspaceTests.root)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write([("templates/events/slotted.yaml", "template: slotted\ntype: exposure\nparameters:\n  position_index: { type: string }\n")], to: dir)
        for name in ["slot_a", "slot_b"] {
            let plan = "plan: \(name)\ntitle: Slots\nowner: alice@example.com\nterminals: [ios]\nevents:\n"
                + (1 ... 2).map { "  - name: \(name)_\($0)\n    template: slotted\n    position: { page: home, module: top_banner, slot: slide }\n" }.joined()
            try Self.write([("plans/\(name).yaml", plan)], to: dir)
        }
        let found = Self.compare(dir, "a template's index parameter met through four events in two plans")
        let onTemplate = found.filter { $0.path == "templates/events/slotted.yaml" && $0.ruleID == "list-slot-index" }
        #expect(onTemplate.count == 1, "\(onTemplate.map(\.description))")
    }

    /// The linter finds the cross-plan rules in the registry's list by id: exactly the rules of `all`
    /// whose scope says they compare plans, and those conform to `CrossPlanRule`.
    @Test func crossPlanRuleListMatchesTheRules() {
        let across = RuleRegistry.all.filter { type(of: $0).description.scope == .acrossPlans }
        #expect(Set(across.map { type(of: $0).description.id }) == Set(RuleRegistry.crossPlanRules.keys))
        #expect(across.allSatisfy { $0 is any CrossPlanRule })
        #expect(RuleRegistry.all.filter { $0 is any CrossPlanRule }.count == across.count)
    }
}
