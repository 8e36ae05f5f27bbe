public struct CommonParameterRedeclaredRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "common-parameter-redeclared",
        summary: "Plans and templates do not redeclare a common parameter (one listed under common_parameters in trackplan.yaml).",
        rationale: "Common parameters such as session_id are sent by the SDK with every event and land in one shared warehouse column; a plan that declares its own session_id either duplicates the field or quietly changes its type or meaning for one event. A change to a common parameter belongs in trackplan.yaml, where every event sees it.",
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, required: true }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, required: true }\n  ↓session_id: { type: string }"),
            RuleExample(event: "name: search_click\ntype: click\nterminal_overrides:\n  mini_program:\n    parameters:\n      ↓page_view_id: { required: false }"),
            RuleExample(files: ["templates/events/page_view.yaml": "template: page_view\ntype: page_view\nparameters:\n  ↓client_ts: { type: timestamp, required: true }\n  referrer: { type: string }\n"]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        var common: [String: SourceLocation] = [:]
        for p in workspace.settings.commonParameters where common[p.name] == nil {
            common[p.name] = p.keyNode?.start ?? .start
        }
        guard !common.isEmpty else { return }
        let settingsPath = workspace.settings.path
        func check(_ parameters: [Parameter], _ path: String, _ where_: String, _ sink: inout DiagnosticSink) {
            for p in parameters {
                guard let at = common[p.name], let key = p.keyNode else { continue }
                sink.report(path, key, "'\(p.name)' is a common parameter (\(settingsPath):\(at)), sent with every event; remove it from \(where_), " +
                    "and change it in common_parameters in \(settingsPath) if it needs to differ")
            }
        }
        for t in workspace.templates { check(t.parameters, t.path, "this template", &sink) }
        for plan in workspace.plans {
            for event in plan.events {
                check(event.parameters, plan.path, "this event", &sink)
                for o in event.terminalOverrides { check(o.parameters, plan.path, "this terminal override", &sink) }
            }
        }
    }
}
