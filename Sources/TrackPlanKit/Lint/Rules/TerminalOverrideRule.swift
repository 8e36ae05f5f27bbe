public struct TerminalOverrideRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "terminal-override",
        summary: "A terminal override names parameters the event has and only narrows them (same type, fewer enum values, tighter bounds); it may change `required` and the description.",
        rationale: "Terminals differ (a mini program cannot read the carousel index), so an override may relax `required` on one terminal. It must still describe the same field: a new parameter or a wider type on one terminal splits one column into incompatible data.",
        nonTriggering: [
            RuleExample(event: "name: search_button_click\ntype: click\nterminals: [ios, android, mini_program]\nterminal_overrides:\n  mini_program:\n    parameters:\n      keyword: { required: false, max_length: 32, description: The mini program truncates input }\nparameters:\n  keyword: { type: string, required: true, max_length: 64 }"),
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nterminal_overrides:\n  android:\n    parameters:\n      position_index: { required: false, max: 4 }"),
        ],
        triggering: [
            RuleExample(event: "name: search_button_click\ntype: click\nterminal_overrides:\n  android:\n    parameters:\n      ↓keywrd: { required: false }\nparameters:\n  keyword: { type: string, required: true }"),
            RuleExample(event: "name: search_button_click\ntype: click\nterminal_overrides:\n  ios:\n    parameters:\n      keyword: { max_length: ↓128 }\n      source: { values: [history, ↓voice] }\n  android:\n    parameters:\n      keyword: { type: ↓integer }\nparameters:\n  keyword: { type: string, required: true, max_length: 64 }\n  source: { type: enum, values: [history, suggestion] }"),
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nterminal_overrides:\n  android:\n    parameters:\n      position_index: { max: ↓20 }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for plan in workspace.plans {
            for event in plan.events where !event.terminalOverrides.isEmpty {
                let locked = TemplateRuleSupport.lockedNames(workspace.templateChain(event.template))
                let effective = workspace.effectiveParameters(of: event)
                let complete = TemplateRuleSupport.chainResolves(workspace, event.template)
                for o in event.terminalOverrides {
                    for p in o.parameters {
                        // The first of that name, searched in place: overrides name few parameters.
                        guard let base = effective.first(where: { $0.name == p.name }) else {
                            if !complete { continue }   // it may come from the missing template
                            sink.report(plan.path, p.keyNode?.start ?? p.location("type"),
                                        "the \(o.terminal) override of event '\(event.name)' names parameter '\(p.name)', which the event does not have\(TemplateRuleSupport.didYouMean(p.name, effective.map(\.name))); declare it on the event, or fix the name")
                            continue
                        }
                        if locked[p.name] != nil { continue }   // template-locked reports it
                        TemplateRuleSupport.checkNarrowing(p, over: base, in: "event '\(event.name)'", by: "the \(o.terminal) override",
                                                           allowRequiredChange: true, strictProperties: true, &sink)
                    }
                }
            }
        }
    }
}
