public struct MinMaxOrderRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "min-max-order",
        summary: "A parameter's lower bound is not above its upper bound: min <= max, min_length <= max_length, min_items <= max_items.",
        rationale: "Inverted bounds admit no value at all: SDK validation drops every event and data-quality checks flag every row. The bounds are checked as they apply, so a terminal override or template override that narrows one side against an inherited other side is caught too.",
        nonTriggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  position_index: { max: 4 }\n  keyword: { type: string, min_length: 1, max_length: 64 }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, min_length: ↓64, max_length: 1 }\n  page: { type: integer, min: ↓10, max: 1 }"),
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  skus:\n    type: array\n    min_items: ↓5\n    max_items: 2\n    items: { type: string }"),
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nterminal_overrides:\n  ios:\n    parameters:\n      position_index: { min: ↓12 }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    func check(_ site: EventRuleSupport.ParameterSite, _: inout Void, _ sink: inout DiagnosticSink) {
        let p = site.parameter
        let base = site.inherited
        check(site, "min", "max", p.min, p.max, base?.min, base?.max, &sink)
        check(site, "min_length", "max_length", p.minLength.map(Double.init), p.maxLength.map(Double.init),
              base?.minLength.map(Double.init), base?.maxLength.map(Double.init), &sink)
        check(site, "min_items", "max_items", p.minItems.map(Double.init), p.maxItems.map(Double.init),
              base?.minItems.map(Double.init), base?.maxItems.map(Double.init), &sink)
    }

    /// Bounds as they apply here (this layer over the inherited one); reported only when this layer writes one of them.
    private func check(_ site: EventRuleSupport.ParameterSite, _ lowKey: String, _ highKey: String,
                       _ ownLow: Double?, _ ownHigh: Double?, _ baseLow: Double?, _ baseHigh: Double?,
                       _ sink: inout DiagnosticSink) {
        guard ownLow != nil || ownHigh != nil, let low = ownLow ?? baseLow, let high = ownHigh ?? baseHigh, low > high else { return }
        let lowText = site.value(lowKey)?.text ?? EventRuleSupport.format(low)
        let highText = site.value(highKey)?.text ?? EventRuleSupport.format(high)
        if ownLow != nil, let node = site.value(lowKey) {
            let inherited = ownHigh == nil ? " (inherited)" : ""
            sink.report(site.path, node, "\(site.noun) has \(lowKey) \(lowText) above \(highKey) \(highText)\(inherited), so no value fits; " +
                "write a \(lowKey) no greater than \(highText)" + (ownHigh == nil ? "" : ", or swap the two"))
        } else if let node = site.value(highKey) {
            sink.report(site.path, node, "\(site.noun) has \(highKey) \(highText) below the inherited \(lowKey) \(lowText), so no value fits; " +
                "write a \(highKey) of at least \(lowText), or lower \(lowKey) here too")
        }
    }
}
