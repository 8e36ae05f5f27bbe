public struct StateRequirementsRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "state-requirements",
        summary: "What a plan must say grows with its status: descriptions from review, a storage table from implementation, test cases and an integration-test date from testing, a release date from release.",
        rationale: "Reviewers cannot approve an event whose firing condition is unwritten, developers and data engineers need the target table before they build, and testers need scenarios and a date before testing starts. Retired plans are exempt: they only record history.",
        nonTriggering: [
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nstatus: review\nevents:\n  - name: search_click\n    type: click\n    description: The user taps the search button with a non-empty keyword.\n"),
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nstatus: retired\nevents:\n  - name: search_click\n    type: click\n"),
        ],
        triggering: [
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nstatus: review\nevents:\n  - name: ↓search_click\n    type: click\n"),
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nstorage:\n  ↓mode: realtime\nstatus: implementation\nevents:\n  - name: search_click\n    type: click\n    description: The user taps the search button.\n"),
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nstatus: ↓implementation\nevents:\n  - name: search_click\n    type: click\n    description: The user taps the search button.\n"),
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nstorage: { table: dwd.user_behavior_log }\nschedule:\n  ↓review: 2026-11-20\nstatus: testing\nevents:\n  - ↓name: search_click\n    type: click\n    description: The user taps the search button.\n"),
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nstorage: { table: dwd.user_behavior_log }\nschedule: ↓{ integration_test: 2026-12-01 }\nstatus: release\nevents:\n  - name: search_click\n    type: click\n    description: The user taps the search button.\n    test_cases:\n      - { scenario: Search for shoes, expect: One search_click with keyword = shoes }\n"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for plan in workspace.plans {
            let state = plan.status
            guard state != .retired, state.isAtLeast(.review) else { continue }
            let status = plan.location("status")
            let s = "plan is in '\(state.rawValue)'"
            if state.isAtLeast(.review) {
                for event in plan.events where !event.hasDescription {
                    sink.report(plan.path, event.nameNode?.start ?? event.node.start,
                                "\(s); event '\(event.name)' needs a description: write when exactly it fires, so reviewers and testers agree on it")
                }
            }
            if state.isAtLeast(.implementation), plan.storageTable == nil {
                if let storage = plan.node["storage"] {
                    sink.report(plan.path, storage, "\(s) but storage has no table; write table: with the warehouse table the events land in (e.g. dwd.user_behavior_log)")
                } else {
                    sink.report(plan.path, status, "\(s) but no storage is set; write storage: { table: ... } with the warehouse table the events land in")
                }
            }
            if state.isAtLeast(.testing) {
                for event in plan.events where event.testCases.isEmpty {
                    sink.report(plan.path, event.node.start, "\(s); event '\(event.name)' has no test cases: write test_cases with a scenario and what must be sent")
                }
                requireDate("integration_test", plan, s, status, &sink)
            }
            if state.isAtLeast(.release) { requireDate("release", plan, s, status, &sink) }
        }
    }

    private func requireDate(_ key: String, _ plan: Plan, _ s: String, _ status: SourceLocation, _ sink: inout DiagnosticSink) {
        guard plan.schedule[key] == nil else { return }
        let at = plan.node["schedule"].map(\.start) ?? status
        sink.report(plan.path, at, "\(s) but schedule.\(key) is not set; write the \(key.replacingOccurrences(of: "_", with: " ")) date under schedule")
    }
}
