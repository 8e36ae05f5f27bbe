import Foundation
import Testing
@testable import TrackPlanKit

/// Runs every rule's own examples: a triggering example must produce this rule's
/// findings exactly at its `↓` markers; a non-triggering one must produce none.
/// Every example must also load without problems from other rules' load phase,
/// so a broken example cannot pass by accident.
@Suite struct RuleExampleTests {
    static let rules: [String] = RuleRegistry.all.map { type(of: $0).description.id }

    static func run(_ rule: any LintRule, _ example: RuleExample) -> (found: [Diagnostic], markers: [String], others: [Diagnostic]) {
        let d = type(of: rule).description
        let (files, markers) = ExampleWorkspace.files(for: example)
        let workspace = WorkspaceLoader().load(files: files)
        var sink = DiagnosticSink(ruleID: d.id, severity: d.severity)
        rule.validate(workspace, &sink)
        let all = workspace.loadDiagnostics + sink.diagnostics
        let found = all.filter { $0.ruleID == d.id }
        let others = workspace.loadDiagnostics.filter { $0.ruleID != d.id }
        return (found, markers.map { "\($0.path):\($0.line):\($0.column)" }.sorted(), others)
    }

    @Test(arguments: rules)
    func examples(_ id: String) throws {
        let rule = try #require(RuleRegistry.rule(id))
        let d = type(of: rule).description
        #expect(!d.triggering.isEmpty, "\(id) needs a triggering example")
        #expect(!d.nonTriggering.isEmpty, "\(id) needs a non-triggering example")
        #expect(!d.summary.isEmpty && !d.rationale.isEmpty)
        for example in d.nonTriggering {
            let (found, _, others) = Self.run(rule, example)
            #expect(found.isEmpty, "\(id) fired on a non-triggering example:\n\(found.map(\.description).joined(separator: "\n"))\n---\n\(example.shown)")
            #expect(others.isEmpty, "example does not load cleanly:\n\(others.map(\.description).joined(separator: "\n"))\n---\n\(example.shown)")
        }
        for example in d.triggering {
            let (found, markers, others) = Self.run(rule, example)
            #expect(!markers.isEmpty, "\(id): triggering example without a ↓ marker:\n\(example.shown)")
            let at = found.map { "\($0.path):\($0.location.line):\($0.location.column)" }.sorted()
            #expect(at == markers, "\(id) findings \(found.map(\.description)) do not land on the markers \(markers):\n\(example.shown)")
            if d.phase == .model {
                #expect(others.isEmpty, "example does not load cleanly:\n\(others.map(\.description).joined(separator: "\n"))\n---\n\(example.shown)")
            }
        }
    }

    @Test func ruleIDsAreUniqueAndKebabCase() {
        #expect(Set(Self.rules).count == Self.rules.count)
        for id in Self.rules { #expect(id.range(of: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(id)") }
    }
}
