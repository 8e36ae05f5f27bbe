public struct ExposureRuleRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "exposure-rule",
        summary: "Exposure events have an exposure rule (their own or their template's) with min_visible_ratio in (0, 1], min_duration_ms >= 0 and a dedupe_key of declared parameters; other events carry none.",
        rationale: "An exposure counts only when enough of the element is visible for long enough, and once per de-duplication key (e.g. per page view) until it leaves the viewport. Without a sound rule each terminal counts differently and exposure-based rates such as CTR cannot be compared.",
        nonTriggering: [
            RuleExample(event: "name: search_bar_exposure\ntemplate: exposure\nposition: { page: home, module: search_bar, slot: search_button }"),
            RuleExample(event: "name: homepage_banner_exposure\ntype: exposure\nexposure: { min_visible_ratio: 0.5, min_duration_ms: 500, dedupe_key: [page_view_id, banner_id] }\nparameters:\n  banner_id: { type: string, required: true }"),
        ],
        triggering: [
            RuleExample(event: "↓name: search_bar_exposure\ntype: exposure"),
            RuleExample(event: "name: homepage_banner_exposure\ntemplate: exposure\nexposure: { min_visible_ratio: ↓1.5, min_duration_ms: ↓-100, dedupe_key: [page_view_id, ↓banner] }\nparameters:\n  banner_id: { type: string, required: true }"),
            RuleExample(event: "name: search_button_click\ntype: click\n↓exposure: { min_visible_ratio: 0.5, min_duration_ms: 500, dedupe_key: [page_view_id] }"),
            RuleExample(files: [
                "templates/events/card_exposure.yaml": "template: card_exposure\nextends: exposure\nexposure: { min_visible_ratio: ↓0, min_duration_ms: 300, dedupe_key: ↓[] }\nparameters:\n  card_id: { type: string, required: true }\n",
            ]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let common = Set(workspace.settings.commonParameters.map(\.name))
        for t in workspace.checkedTemplates {
            guard let rule = t.exposure else { continue }
            let parents = workspace.templateChain(t.extends).filter { $0.id != t.id }
            guard let type = t.type ?? parents.last(where: { $0.type != nil })?.type else { continue }
            if type != .exposure {
                if let key = t.node.pair("exposure")?.key {
                    sink.report(t.path, key,
                                "template '\(t.id)' is of type \(type.rawValue), so its exposure rule is never used; remove it or make the template type: exposure",
                                severity: .warning)
                }
                continue
            }
            var names = common
            for parent in parents { for p in parent.parameters { names.insert(p.name) } }
            for p in t.parameters { names.insert(p.name) }
            // A chain cut by a missing parent cannot tell what is declared: template-exists reports that.
            let resolves = t.extends == nil || parents.first.map { $0.extends == nil } == true
            check(rule, names: resolves ? names : nil, owner: "template '\(t.id)'", path: t.path, &sink)
        }
        for plan in workspace.plans {
            for event in plan.events {
                guard let type = workspace.effectiveType(of: event) else { continue }
                if type != .exposure {
                    if event.exposure != nil, let key = event.node.pair("exposure")?.key {
                        sink.report(plan.path, key,
                                    "event '\(event.name)' is a \(type.rawValue) event, so its exposure rule is never used; remove it or make the event type: exposure",
                                    severity: .warning)
                    }
                    continue
                }
                if let rule = event.exposure {
                    let names = TemplateRuleSupport.chainResolves(workspace, event.template) ? workspace.declaredNames(of: event) : nil
                    check(rule, names: names, owner: "event '\(event.name)'", path: plan.path, &sink)
                } else if workspace.effectiveExposure(of: event) == nil, TemplateRuleSupport.chainResolves(workspace, event.template) {
                    sink.report(plan.path, event.node.start,
                                "exposure event '\(event.name)' has no exposure rule; add exposure: { min_visible_ratio, min_duration_ms, dedupe_key } or use a template that has one (such as exposure)")
                }
            }
        }
    }

    private func check(_ rule: ExposureRule, names: Set<String>?, owner: String, path: String, _ sink: inout DiagnosticSink) {
        if let ratio = rule.minVisibleRatio, !(ratio > 0 && ratio <= 1), let node = rule.node["min_visible_ratio"] {
            sink.report(path, node,
                        "min_visible_ratio \(TemplateRuleSupport.number(ratio)) of \(owner) is out of range: it is the share of the element that must be visible, above 0 and at most 1 (e.g. 0.5)")
        }
        if let ms = rule.minDurationMs, ms < 0, let node = rule.node["min_duration_ms"] {
            sink.report(path, node,
                        "min_duration_ms \(ms) of \(owner) is negative; use 0 to count an exposure as soon as it is visible")
        }
        if let key = rule.node["dedupe_key"], key.isSequence, key.count == 0 {
            sink.report(path, key,
                        "dedupe_key of \(owner) is empty; name the parameters that make one exposure unique, e.g. [page_view_id] for once per page view")
        }
        guard let names else { return }
        for item in rule.dedupeKey {
            guard let name = item.text, !names.contains(name) else { continue }
            sink.report(path, item,
                        "dedupe_key of \(owner) names '\(name)', which is neither its parameter nor a common parameter\(TemplateRuleSupport.didYouMean(name, names.sorted())); declare it or fix the name")
        }
    }
}
