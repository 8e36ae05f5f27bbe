public struct UniqueParameterNameRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "unique-parameter-name",
        summary: "No two parameters of one event (template, own and common parameters), or properties of one object, differ only by case, '_' or '-'.",
        rationale: "`banner_id` and `bannerId` become the same field in generated SDK code and the same column in case-insensitive warehouses, so one silently overwrites the other. An event parameter that is a respelling of a common parameter sends the same value twice under two names.",
        nonTriggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  banner_id: { required: true, max_length: 32 }\n  campaign_id: { type: string }"),
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  product:\n    type: object\n    properties:\n      sku_id: { type: string }\n      sku_name: { type: string }"),
        ],
        triggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  ↓bannerId: { type: string }"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string }\n  ↓session-id: { type: string }"),
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  product:\n    type: object\n    properties:\n      sku_id: { type: string }\n      ↓skuId: { type: string }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    /// Names within each scope: the common parameters, each template's and each event's.
    func validateOthers(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let common = workspace.settings.commonParameters
        // Common parameters among themselves; then every other scope starts from them, normalized once.
        if workspace.checksSettings { checkLayer(common, what: "parameter", workspace.settings.path, &sink) }
        let commonNames = workspace.sharedMemo.value("UniqueParameterNameRule.commonNames") { Self.firstByNormalizedName(common) }
        // A template's parameters with its parents' and the common ones.
        for t in workspace.checkedTemplates {
            let chain = workspace.templateChain(t.extends).filter { $0.path != t.path }
            let inherited = EventRuleSupport.merge(chain.map(\.parameters))
            var list: [Parameter] = []
            var seen = Set<String>()
            for parent in chain {
                for p in parent.parameters where seen.insert(p.name).inserted { list.append(inherited[p.name]!) }
            }
            for p in t.parameters where !seen.contains(p.name) { list.append(p) }
            checkLayer(list, after: commonNames, what: "parameter", t.path, &sink, common: workspace.settings.path)
        }
        // An event's effective parameters with the common ones; only names written in the plan are reported.
        for plan in workspace.plans {
            for event in plan.events {
                checkLayer(workspace.effectiveParameters(of: event), after: commonNames, what: "parameter", plan.path, &sink,
                           common: workspace.settings.path)
            }
        }
    }

    /// The properties of an object, wherever it is written.
    func check(_ site: EventRuleSupport.ParameterSite, _: inout Void, _ sink: inout DiagnosticSink) {
        guard let props = site.parameter.properties else { return }
        checkLayer(props, what: "property", site.path, &sink, owner: site.label)
    }

    /// Each normalized name with the first parameter of `list` that has it.
    private static func firstByNormalizedName(_ list: [Parameter]) -> [String: Parameter] {
        var first: [String: Parameter] = [:]
        for p in list where first[EventRuleSupport.normalized(p.name)] == nil { first[EventRuleSupport.normalized(p.name)] = p }
        return first
    }

    /// Reports each name of `list` written in `path` that collides, in normalized form, with an earlier,
    /// different name (of `list`, or of `earlierNames`: the names of the scope met before the list).
    private func checkLayer(_ list: [Parameter], after earlierNames: [String: Parameter] = [:], what: String, _ path: String,
                            _ sink: inout DiagnosticSink, common: String? = nil, owner: String? = nil) {
        // The list's own names in a small array searched in order (lists are short; a dictionary, or a
        // copy of the earlier names, cost more than the search), in a dictionary past 32.
        var own: [(key: String, parameter: Parameter)] = []
        var ownByKey: [String: Parameter] = [:]
        for p in list {
            let key = EventRuleSupport.normalized(p.name)
            let earlier = (earlierNames.isEmpty ? nil : earlierNames[key])
                ?? (own.count <= 32 ? own.first { $0.key == key }?.parameter : ownByKey[key])
            guard let earlier else {
                if own.count < 32 { own.append((key, p)) } else {
                    if ownByKey.isEmpty { for o in own { ownByKey[o.key] = ownByKey[o.key] ?? o.parameter } }
                    own.append((key, p))
                    ownByKey[key] = p
                }
                continue
            }
            guard earlier.name != p.name, p.path == path, let node = p.keyNode else { continue }
            let kind = earlier.path == common ? "common parameter" : what
            let place = earlier.keyNode.map { "\(earlier.path):\($0.start)" } ?? earlier.path
            let scope = owner.map { " of '\($0)'" } ?? ""
            sink.report(path, node, "\(what) '\(p.name)'\(scope) collides with \(kind) '\(earlier.name)' (\(place)) " +
                "once case, '_' and '-' are ignored, so both become one field in generated code; rename it, or write '\(earlier.name)' if it is the same value")
        }
    }
}
