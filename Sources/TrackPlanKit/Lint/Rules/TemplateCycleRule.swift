public struct TemplateCycleRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "template-cycle",
        summary: "Templates' `extends` chains must end: no template may (indirectly) extend itself.",
        rationale: "An event inherits parameters, type and exposure rule along its template chain; a loop leaves no root to inherit from, so the generated code and docs would be arbitrary. Each template in the loop is reported at its `extends`.",
        nonTriggering: [
            RuleExample(files: [
                "templates/events/promo_click.yaml": "template: promo_click\nextends: click\nparameters:\n  promo_id: { type: string, required: true }\n",
                "templates/events/promo_card_click.yaml": "template: promo_card_click\nextends: promo_click\nparameters:\n  card_id: { type: string }\n",
            ]),
        ],
        triggering: [
            RuleExample(files: [
                "templates/events/promo_click.yaml": "template: promo_click\nextends: ↓promo_tap\nparameters:\n  promo_id: { type: string, required: true }\n",
                "templates/events/promo_tap.yaml": "template: promo_tap\nextends: ↓promo_click\ntype: click\n",
            ]),
            RuleExample(files: [
                "templates/events/card_click.yaml": "template: card_click\nextends: ↓card_click\ntype: click\n",
            ]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let templates = workspace.checkedTemplates
        // Each template has at most one parent, so a walk from every unvisited
        // template finds each cycle once; every template is visited once.
        var done = [Bool](repeating: false, count: templates.count)
        for start in templates.indices where workspace.templateIndex[templates[start].id] == start && !done[start] {
            var path: [Int] = []
            var onPath: [Int: Int] = [:]
            var current: Int? = start
            while let c = current, !done[c], onPath[c] == nil {
                onPath[c] = path.count
                path.append(c)
                current = templates[c].extends.flatMap { workspace.templateIndex[$0] }
            }
            if let c = current, let at = onPath[c] {
                let cycle = Array(path[at...])
                for (k, member) in cycle.enumerated() {
                    let t = templates[member]
                    guard let node = t.node["extends"] else { continue }
                    let loop = (cycle[k...] + cycle[..<k] + [member]).map { templates[$0].id }
                    let message = loop.count == 2
                        ? "template '\(t.id)' extends itself; remove `extends` or name a different parent"
                        : "templates extend each other in a cycle: \(loop.joined(separator: " -> ")); remove one `extends` so the chain ends at a template without a parent"
                    sink.report(t.path, node, message)
                }
            }
            for i in path { done[i] = true }
        }
    }
}
