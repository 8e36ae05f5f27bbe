public struct TemplateTypeRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "template-type",
        summary: "An event's own `type` agrees with its template's, a template keeps its parent's type, and every event ends up with a type.",
        rationale: "The type (exposure, click, page_view, custom) decides how an event is collected, de-duplicated and counted. A click event built on an exposure template, or an event with no type at all, ends up in the wrong tables and metrics.",
        nonTriggering: [
            RuleExample(event: "name: search_button_click\ntemplate: click\ntype: click"),
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click"),
            RuleExample(event: "name: video_started\ntype: custom"),
        ],
        triggering: [
            RuleExample(event: "name: search_button_click\ntemplate: click\ntype: ↓exposure"),
            RuleExample(event: "↓name: video_started\nparameters:\n  video_id: { type: string, required: true }"),
            RuleExample(files: [
                "templates/events/promo_click.yaml": "template: promo_click\nextends: click\ntype: ↓exposure\n",
            ]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for t in workspace.checkedTemplates {
            guard let own = t.type, let node = t.node["type"], t.extends != nil else { continue }
            let parents = workspace.templateChain(t.extends)
            if parents.contains(where: { $0.id == t.id }) { continue }   // a cycle: template-cycle reports it
            guard let source = parents.last(where: { $0.type != nil }), let inherited = source.type, inherited != own else { continue }
            sink.report(t.path, node,
                        "template '\(t.id)' has type \(own.rawValue) but extends '\(t.extends!)', which gives type \(inherited.rawValue) (from '\(source.id)'); a template keeps its parent's type: remove `type` or extend a \(own.rawValue) template")
        }
        for plan in workspace.plans {
            for event in plan.events {
                let chain = workspace.templateChain(event.template)
                let source = chain.last(where: { $0.type != nil })
                if let own = event.type, let inherited = source?.type, own != inherited, let node = event.node["type"] {
                    let from = source!.id == event.template ? "its template '\(source!.id)'" : "its template '\(event.template ?? "")' (through '\(source!.id)')"
                    sink.report(plan.path, node,
                                "event '\(event.name)' has type \(own.rawValue) but \(from) gives it type \(inherited.rawValue); remove `type` or use a template of type \(own.rawValue)")
                    continue
                }
                guard event.type == nil, source == nil, event.node["type"] == nil else { continue }
                if !TemplateRuleSupport.chainResolves(workspace, event.template) { continue }   // template-exists or template-cycle reports it
                let label = event.name.isEmpty ? "event" : "event '\(event.name)'"
                var message = "\(label) has no type"
                if let id = event.template { message += " and its template '\(id)' sets none" }
                message += "; add type: exposure, click, page_view or custom, or use a template that sets one"
                sink.report(plan.path, event.node.start, message)
            }
        }
    }
}
