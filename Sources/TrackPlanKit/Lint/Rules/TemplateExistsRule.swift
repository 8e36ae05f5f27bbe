public struct TemplateExistsRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "template-exists",
        summary: "An event's `template` and a template's `extends` name an existing event template, and no two template files claim the same id.",
        rationale: "Generic event templates (exposure, click, page_view) carry the parameters, type and exposure rule events inherit. A misspelt template silently drops all of them, so the event ships without the fields reports join on.",
        nonTriggering: [
            RuleExample(event: "name: search_button_click\ntemplate: click\nparameters:\n  keyword: { type: string, max_length: 64 }"),
            RuleExample(files: [
                "templates/events/promo_click.yaml": "template: promo_click\nextends: click\nparameters:\n  promo_id: { type: string, required: true }\n",
            ]),
        ],
        triggering: [
            RuleExample(event: "name: search_button_click\ntemplate: ↓clik"),
            RuleExample(files: [
                "templates/events/promo_click.yaml": "template: promo_click\nextends: ↓clicks\nparameters:\n  promo_id: { type: string, required: true }\n",
            ]),
            RuleExample(files: [
                "templates/events/tap.yaml": "template: ↓click\ntype: click\n",
            ]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        // The ids a message suggests from, made for the first finding only.
        lazy var known: [String] = {
            var seen = Set<String>()
            return workspace.templates.map(\.id).filter { !$0.isEmpty && seen.insert($0).inserted }
        }()

        for (i, t) in workspace.checkedTemplates.enumerated() where !t.id.isEmpty {
            if let first = workspace.templateIndex[t.id], first != i, let node = t.node["template"] {
                let other = workspace.templates[first].path
                sink.report(t.path, node,
                            "template id '\(t.id)' is already defined in \(other); give this template its own id (matching its file name) or delete one of the two")
            }
            if let parent = t.extends, let node = t.node["extends"], workspace.template(parent) == nil {
                sink.report(t.path, node, missing(parent, known, "template '\(t.id)' extends"))
            }
        }
        for plan in workspace.plans {
            for event in plan.events {
                guard let id = event.template, let node = event.node["template"], workspace.template(id) == nil else { continue }
                sink.report(plan.path, node, missing(id, known, "event '\(event.name)' uses"))
            }
        }
    }

    private func missing(_ id: String, _ known: [String], _ who: String) -> String {
        var message = "\(who) template '\(id)', which does not exist"
        if let guess = Suggest.closest(to: id, in: known) {
            message += " (did you mean '\(guess)'?)"
        } else if known.isEmpty {
            message += "; there are no templates in templates/events/"
        } else {
            message += "; known templates: \(known.sorted().joined(separator: ", "))"
        }
        return message + "; a template lives in templates/events/<id>.yaml"
    }
}
