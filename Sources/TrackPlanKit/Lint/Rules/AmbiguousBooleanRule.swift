public struct AmbiguousBooleanRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "ambiguous-boolean",
        summary: "Enum values and examples written as unquoted yes, no, on, off, y or n are quoted.",
        rationale: "YAML 1.2 (trackplan) reads an unquoted `no` as the string \"no\", but YAML 1.1 tools (PyYAML, many CI scripts, older SDK generators) read it as false, so the same plan yields a string value in one place and a boolean in another. Quoting makes every tool agree.",
        severity: .warning,
        nonTriggering: [
            RuleExample(event: "name: push_permission_click\ntype: click\nparameters:\n  answer: { type: enum, values: ['yes', 'no', later], example: 'yes' }"),
        ],
        triggering: [
            RuleExample(event: "name: push_permission_click\ntype: click\nparameters:\n  answer: { type: enum, values: [↓yes, ↓no, later] }"),
            RuleExample(event: "name: video_settings_click\ntype: click\nparameters:\n  autoplay: { type: string, example: ↓on }\n  quality: { type: enum, values: [auto, hd], example: auto }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    func check(_ site: EventRuleSupport.ParameterSite, _: inout Void, _ sink: inout DiagnosticSink) {
        let written = site.parameter.written
        if written.contains(.values) {
            for item in site.value("values")?.items ?? .empty where item.isYAML11Boolean {
                report(item, "enum value", site, &sink)
            }
        }
        if written.contains(.example), let example = site.value("example") { checkExample(example, site, &sink) }
    }

    private func checkExample(_ node: YAMLNode, _ site: EventRuleSupport.ParameterSite, _ sink: inout DiagnosticSink) {
        if node.isYAML11Boolean { report(node, "example", site, &sink) }
        for item in node.items { checkExample(item, site, &sink) }
        for (_, value) in node.pairs { checkExample(value, site, &sink) }
    }

    private func report(_ node: YAMLNode, _ what: String, _ site: EventRuleSupport.ParameterSite, _ sink: inout DiagnosticSink) {
        let text = node.text ?? ""
        let meant = ["yes", "on", "y"].contains(text.lowercased()) ? "true" : "false"
        sink.report(site.path, node, "\(what) \(text) of \(site.noun) is the string '\(text)' in YAML 1.2 but \(meant) in YAML 1.1 tools; " +
            "write '\(text)' in quotes" + (what == "example" ? ", or \(meant) if a boolean is meant" : ""))
    }
}
