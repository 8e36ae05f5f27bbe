public struct PIIForbiddenTerminalRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "pii-forbidden-terminal",
        summary: "An event with a PII parameter (its own, inherited or nested) is not planned on a terminal listed in trackplan.yaml privacy.pii_forbidden_on.",
        rationale: "Some terminals (a mini program hosted by a third party, for instance) may not collect personal data at all, whatever the consent. The finding lands on the terminal in the event's or the plan's terminals list.",
        nonTriggering: [
            RuleExample(event: "name: callback_request_submit\ntype: custom\nterminals: [ios, android]\nparameters:\n  contact_phone: { type: string, pii: true, consent: marketing }"),
            RuleExample(event: "name: search_button_click\ntype: click\nterminals: [ios, mini_program]\nparameters:\n  keyword: { type: string }"),
        ],
        triggering: [
            RuleExample(event: "name: callback_request_submit\ntype: custom\nterminals: [ios, ↓mini_program]\nparameters:\n  contact_phone: { type: string, pii: true, consent: marketing }"),
            RuleExample(plan: "plan: example\ntitle: Example\nowner: alice@example.com\nterminals: [ios, ↓mini_program]\nevents:\n  - name: order_submit\n    type: custom\n    parameters:\n      shipping_address:\n        type: object\n        properties:\n          phone: { type: string, pii: true, consent: marketing }\n"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let forbidden = Set(workspace.settings.piiForbiddenOn)
        if forbidden.isEmpty { return }
        for plan in workspace.plans {
            for event in plan.events {
                for node in event.terminals ?? plan.terminals ?? [] {
                    guard let terminal = node.text, forbidden.contains(terminal) else { continue }
                    var names: [String] = []
                    for p in workspace.effectiveParameters(of: event, terminal: terminal) { collectPII(p, p.name, &names) }
                    if names.isEmpty { continue }
                    let list = names.map { "'\($0)'" }.joined(separator: ", ")
                    let what = names.count == 1 ? "parameter \(list) is" : "parameters \(list) are"
                    let whereFrom = event.terminals == nil ? " (from the plan's terminals)" : ""
                    sink.report(plan.path, node,
                                "event '\(event.name)' is planned on \(terminal)\(whereFrom), where trackplan.yaml forbids PII, but its \(what) PII; take \(terminal) off the event's terminals or drop the PII there")
                }
            }
        }
    }

    private func collectPII(_ p: Parameter, _ label: String, _ names: inout [String]) {
        if p.isPII { names.append(label) }
        for sub in p.properties ?? [] { collectPII(sub, "\(label).\(sub.name)", &names) }
        if let items = p.items?.value { collectPII(items, "\(label)[]", &names) }
    }
}
