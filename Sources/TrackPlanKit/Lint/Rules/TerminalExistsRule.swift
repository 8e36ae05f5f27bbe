public struct TerminalExistsRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "terminal-exists",
        summary: "Terminals named in plans, events, test cases, terminal overrides and privacy.pii_forbidden_on are declared in trackplan.yaml; an event overrides only terminals it ships on.",
        rationale: "Each terminal (iOS, Android, H5, mini program...) gets its own generated code and its own test run. A misspelt terminal means an event that no one implements, and an override for a terminal the event is not planned on is dead text.",
        nonTriggering: [
            RuleExample(event: "name: search_button_click\ntype: click\nterminals: [ios, android, h5]\nterminal_overrides:\n  h5:\n    parameters:\n      keyword: { required: false }\nparameters:\n  keyword: { type: string, required: true }\ntest_cases:\n  - scenario: Tap search with an empty box\n    expect: One click without keyword\n    terminals: [h5]"),
        ],
        triggering: [
            RuleExample(event: "name: search_button_click\ntype: click\nterminals: [ios, ↓andriod]"),
            RuleExample(plan: "plan: example\ntitle: Example\nowner: alice@example.com\nterminals: [ios, ↓wap]\nevents:\n  - name: search_button_click\n    type: click\n    test_cases:\n      - scenario: Tap search\n        expect: One click\n        terminals: [↓iphone]\n"),
            RuleExample(event: "name: search_button_click\ntype: click\nterminal_overrides:\n  ↓h5:\n    parameters:\n      keyword: { required: false }\nparameters:\n  keyword: { type: string, required: true }"),
            RuleExample(settings: ExampleWorkspace.settings.replacingOccurrences(of: "pii_forbidden_on: [mini_program]", with: "pii_forbidden_on: [↓miniprogram]"),
                        event: "name: search_button_click\ntype: click"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let settings = workspace.settings
        guard let settingsNode = settings.node else { return }   // no settings: required-field reports it
        func check(_ node: YAMLNode, _ path: String, _ what: String, _ sink: inout DiagnosticSink) -> Bool {
            guard let id = node.text else { return false }
            if settings.terminals[id] != nil { return true }
            var message = "\(what) '\(id)' is not declared in trackplan.yaml terminals"
            if let guess = Suggest.closest(to: id, in: settings.terminalOrder) {
                message += " (did you mean '\(guess)'?)"
            } else {
                message += "; declared: \(settings.terminalOrder.joined(separator: ", "))"
            }
            sink.report(path, node, message)
            return false
        }
        if workspace.checksSettings {
            for node in settingsNode["privacy"]?["pii_forbidden_on"]?.items ?? .empty {
                _ = check(node, settings.path, "privacy.pii_forbidden_on names terminal", &sink)
            }
        }
        for plan in workspace.plans {
            for node in plan.terminals ?? [] { _ = check(node, plan.path, "plan terminal", &sink) }
            for event in plan.events {
                for node in event.terminals ?? [] { _ = check(node, plan.path, "terminal", &sink) }
                for test in event.testCases {
                    for node in test.node["terminals"]?.items ?? .empty { _ = check(node, plan.path, "test case terminal", &sink) }
                }
                let planned = plan.terminals(of: event)
                for o in event.terminalOverrides {
                    guard check(o.keyNode, plan.path, "terminal override", &sink), !planned.contains(o.terminal) else { continue }
                    sink.report(plan.path, o.keyNode,
                                "event '\(event.name)' overrides terminal '\(o.terminal)' but is not planned on it (its terminals: \(planned.joined(separator: ", "))); add \(o.terminal) to the event's terminals or remove the override")
                }
            }
        }
    }
}
