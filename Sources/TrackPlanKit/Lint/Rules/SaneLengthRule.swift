public struct SaneLengthRule: LintRule {
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

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let applies: [(keys: [String], types: [ParamType], what: String)] = [
            (["min_length", "max_length"], [.string], "string"),
            (["min_items", "max_items"], [.array], "array"),
            (["min", "max"], [.integer, .number], "integer or number"),
        ]
        for site in EventRuleSupport.parameterSites(workspace) {
            let p = site.parameter
            checkBound("min_length", p.minLength, site, &sink)
            checkBound("max_length", p.maxLength, site, &sink)
            checkBound("min_items", p.minItems, site, &sink)
            checkBound("max_items", p.maxItems, site, &sink)
            // One pass over the keys first: many parameters write no bound, and then there is nothing to look up.
            guard let type = site.type, p.node?.pairs.contains(where: { Self.isBound($0.key) }) == true else { continue }
            for rule in applies where !rule.types.contains(type) {
                for key in rule.keys {
                    guard let keyNode = site.key(key) else { continue }
                    sink.report(site.path, keyNode, "\(key) applies to \(rule.what) parameters, but \(site.noun) is of type \(type.rawValue); remove \(key)" +
                        (type == .enum && rule.what == "string" ? " (the values list already bounds an enum)" : ""))
                }
            }
        }
    }

    private func checkBound(_ key: String, _ value: Int?, _ site: EventRuleSupport.ParameterSite, _ sink: inout DiagnosticSink) {
        guard let value, let node = site.value(key) else { return }
        if value < 0 {
            sink.report(site.path, node, "\(site.noun) has \(key) \(value), which is negative; write 0 or more")
        } else if key == "max_length", value == 0 {
            sink.report(site.path, node, "\(site.noun) has max_length 0, which allows only the empty string; write at least 1, or remove max_length")
        } else if key == "max_length", value > Self.maxFieldLength {
            sink.report(site.path, node, "\(site.noun) has max_length \(value), too long for an event field (at most \(Self.maxFieldLength)); " +
                "write a smaller limit, or send the payload some other way and track its id", severity: .warning)
        }
    }

    private static func isBound(_ key: YAMLNode) -> Bool {
        switch key {
        case "min_length", "max_length", "min_items", "max_items", "min", "max": true
        default: false
        }
    }
}
