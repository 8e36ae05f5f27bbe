public struct PositionExistsRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "position-exists",
        summary: "An event's position names a page, module and slot from the trackplan.yaml position registry; page views may omit the module, and a module with slots should name one (warning).",
        rationale: "Every tracking point lives at a position, page -> module -> slot, and positions are data: ids come from one registry, so a typo is caught here rather than in a report, and a renamed page shows up as a change.",
        nonTriggering: [
            RuleExample(event: "name: search_button_click\ntype: click\nposition: { page: home, module: search_bar, slot: search_button }"),
            RuleExample(event: "name: home_page_view\ntype: page_view\nposition: { page: home }"),
        ],
        triggering: [
            RuleExample(event: "name: search_button_click\ntype: click\nposition: { page: ↓hom, module: search_bar, slot: search_button }"),
            RuleExample(event: "name: search_button_click\ntype: click\nposition: { page: home, module: ↓searchbar, slot: search_button }"),
            RuleExample(event: "name: search_button_click\ntype: click\nposition:\n  page: home\n  module: search_bar\n  slot: ↓search_btn"),
            RuleExample(event: "name: search_button_click\ntype: click\nposition: { page: home, module: ↓search_bar }"),
            RuleExample(event: "name: add_to_cart_click\ntemplate: click\nposition: ↓{ page: product_detail }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let pages = workspace.settings.pages
        for plan in workspace.plans {
            for event in plan.events {
                guard let position = event.position, let pageID = position.page else { continue }
                let node = position.node
                guard let page = workspace.settings.page(pageID) else {
                    var message = "page '\(pageID)' of event '\(event.name)' is not in the position registry"
                    if let guess = Suggest.closest(to: pageID, in: pages.map(\.id)) {
                        message += " (did you mean '\(guess)'?)"
                    } else if pages.isEmpty {
                        message += "; trackplan.yaml declares no positions"
                    }
                    sink.report(plan.path, node["page"] ?? node, message + "; add it under positions: in trackplan.yaml or fix the id")
                    continue
                }
                guard let moduleID = position.module else {
                    if workspace.effectiveType(of: event) == .pageView || page.modules.isEmpty { continue }
                    if workspace.effectiveType(of: event) == nil { continue }   // template-type reports it
                    sink.report(plan.path, node,
                                "event '\(event.name)' names page '\(pageID)' but no module; only page views may omit it: add module: (\(page.modules.map(\.id).joined(separator: ", ")))")
                    continue
                }
                guard let module = page.modules.first(where: { $0.id == moduleID }) else {
                    var message = "module '\(moduleID)' is not a module of page '\(pageID)'"
                    if let guess = Suggest.closest(to: moduleID, in: page.modules.map(\.id)) {
                        message += " (did you mean '\(guess)'?)"
                    } else if page.modules.isEmpty {
                        message += "; the page has no modules in the registry"
                    } else {
                        message += "; its modules: \(page.modules.map(\.id).joined(separator: ", "))"
                    }
                    sink.report(plan.path, node["module"] ?? node, message + "; add it to the registry in trackplan.yaml or fix the id")
                    continue
                }
                let slotIDs = module.slots.map(\.id)
                guard let slotID = position.slot else {
                    if !slotIDs.isEmpty, let moduleNode = node["module"] {
                        sink.report(plan.path, moduleNode,
                                    "module '\(pageID).\(moduleID)' has slots (\(slotIDs.joined(separator: ", "))); name the slot event '\(event.name)' fires on",
                                    severity: .warning)
                    }
                    continue
                }
                if !slotIDs.contains(slotID) {
                    var message = "slot '\(slotID)' is not a slot of module '\(pageID).\(moduleID)'"
                    if let guess = Suggest.closest(to: slotID, in: slotIDs) {
                        message += " (did you mean '\(guess)'?)"
                    } else if slotIDs.isEmpty {
                        message += "; the module has no slots in the registry"
                    } else {
                        message += "; its slots: \(slotIDs.joined(separator: ", "))"
                    }
                    sink.report(plan.path, node["slot"] ?? node, message + "; add it to the registry in trackplan.yaml or fix the id")
                }
            }
        }
    }
}
