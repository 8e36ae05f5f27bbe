public struct ListSlotIndexRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "list-slot-index",
        summary: "An event at a list slot (`list: true`: carousel, feed) has an integer index parameter, position_index unless trackplan.yaml sets position_index_parameter.",
        rationale: "A list slot repeats: the same slot shows slide 1, 2, 3... Without the index, exposures and clicks of different slides cannot be told apart, so per-slot click-through rates are impossible.",
        nonTriggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nposition: { page: home, module: top_banner, slot: slide }"),
            RuleExample(event: "name: homepage_banner_exposure\ntemplate: exposure\nposition: { page: home, module: top_banner, slot: slide }\nparameters:\n  banner_id: { type: string, required: true }\n  position_index: { type: integer, min: 0, required: true }"),
        ],
        triggering: [
            RuleExample(event: "name: homepage_banner_exposure\ntemplate: exposure\nposition: { page: home, module: top_banner, slot: ↓slide }\nparameters:\n  banner_id: { type: string, required: true }"),
            RuleExample(event: "name: homepage_banner_click\ntype: click\nposition: { page: home, module: top_banner, slot: slide }\nparameters:\n  position_index: { type: ↓string }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let indexName = workspace.settings.positionIndexParameter
        for plan in workspace.plans {
            for event in plan.events {
                guard let position = event.position, let pageID = position.page, let moduleID = position.module, let slotID = position.slot,
                      let module = workspace.settings.page(pageID)?.modules.first(where: { $0.id == moduleID }),
                      let slot = module.slots.first(where: { $0.id == slotID }), slot.isList,
                      let slotNode = position.node["slot"] else { continue }
                // The layers that may declare the index, nearest first.
                let chain = workspace.templateChain(event.template)
                var layers: [Parameter] = event.parameters.filter { $0.name == indexName }
                for t in chain.reversed() { layers += t.parameters.filter { $0.name == indexName } }
                layers += workspace.settings.commonParameters.filter { $0.name == indexName }
                guard !layers.isEmpty else {
                    if !TemplateRuleSupport.chainResolves(workspace, event.template) { continue }   // the missing template may declare it
                    sink.report(plan.path, slotNode,
                                "'\(pageID).\(moduleID).\(slotID)' is a list slot, so event '\(event.name)' needs an integer parameter '\(indexName)' (the 0-based place in the list); add \(indexName): { type: integer, min: 0, required: true } or use a template that declares it")
                    continue
                }
                if let typed = layers.first(where: { $0.type != nil }), let type = typed.type {
                    if type != .integer {
                        sink.report(typed.path, typed.location("type"),
                                    "'\(indexName)' is the index in list slot '\(pageID).\(moduleID).\(slotID)' and must be type integer, not \(type.rawValue)")
                    }
                } else if let first = layers.first {
                    sink.report(first.path, first.keyNode?.start ?? first.location("type"),
                                "'\(indexName)' is the index in list slot '\(pageID).\(moduleID).\(slotID)' but has no type; declare type: integer")
                }
            }
        }
    }
}
