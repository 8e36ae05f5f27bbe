public struct SaneLengthRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "sane-length",
        summary: "Length and item bounds are non-negative, max_length is between 1 and 65535, and each bound sits on a type it applies to.",
        rationale: "A negative or zero bound rejects every real value, and a max_length beyond 65535 is more than an event field or a warehouse string column should carry (a sign of payloads that belong elsewhere). min_length on an integer or max_items on a string is ignored by generated validation, so the limit the author wanted never holds.",
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, min_length: 1, max_length: 200 }\n  filters: { type: array, max_items: 10, items: { type: string } }\n  page: { type: integer, min: 1 }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, min_length: ↓-1, max_length: ↓0 }\n  filters: { type: array, max_items: ↓-5, items: { type: string } }"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  query_json: { type: string, max_length: ↓100000 }"),
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  quantity: { type: integer, ↓max_length: 3 }\n  sku_id: { type: string, ↓max_items: 1, ↓min: 0 }"),
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  position_index: { ↓min_length: 1 }"),
        ]
    )

    static let maxFieldLength = 65535
    /// Each bound: its key, its bit in `Parameter.written` and the types it applies to.
    static let bounds: [(key: String, bit: WrittenKeys, types: [ParamType], what: String)] = [
        ("min_length", .minLength, [.string], "string"), ("max_length", .maxLength, [.string], "string"),
        ("min_items", .minItems, [.array], "array"), ("max_items", .maxItems, [.array], "array"),
        ("min", .min, [.integer, .number], "integer or number"), ("max", .max, [.integer, .number], "integer or number"),
    ]

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    func check(_ site: EventRuleSupport.ParameterSite, _: inout Void, _ sink: inout DiagnosticSink) {
        let p = site.parameter
        checkBound("min_length", p.minLength, site, &sink)
        checkBound("max_length", p.maxLength, site, &sink)
        checkBound("min_items", p.minItems, site, &sink)
        checkBound("max_items", p.maxItems, site, &sink)
        // A bound on a type it does not apply to, found on the bits of the keys written; the key is looked up only to report it.
        guard let type = site.type else { return }
        for bound in Self.bounds where p.written.contains(bound.bit) && !bound.types.contains(type) {
            guard let key = site.key(bound.key) else { continue }
            sink.report(site.path, key, "\(bound.key) applies to \(bound.what) parameters, but \(site.noun) is of type \(type.rawValue); remove \(bound.key)" +
                (type == .enum && bound.what == "string" ? " (the values list already bounds an enum)" : ""))
        }
    }

    private func checkBound(_ key: String, _ value: Int?, _ site: EventRuleSupport.ParameterSite, _ sink: inout DiagnosticSink) {
        // The node is looked up only for a bound worth reporting.
        guard let value, value < 0 || (value == 0 || value > Self.maxFieldLength) && key == "max_length",
              let node = site.value(key) else { return }
        if value < 0 {
            sink.report(site.path, node, "\(site.noun) has \(key) \(value), which is negative; write 0 or more")
        } else if key == "max_length", value == 0 {
            sink.report(site.path, node, "\(site.noun) has max_length 0, which allows only the empty string; write at least 1, or remove max_length")
        } else if key == "max_length", value > Self.maxFieldLength {
            sink.report(site.path, node, "\(site.noun) has max_length \(value), too long for an event field (at most \(Self.maxFieldLength)); " +
                "write a smaller limit, or send the payload some other way and track its id", severity: .warning)
        }
    }
}
