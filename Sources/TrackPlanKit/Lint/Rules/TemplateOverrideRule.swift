public struct TemplateOverrideRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "template-override",
        summary: "An event (or a template) may redeclare a parameter its template declares only to narrow it: same type, fewer enum values, tighter bounds, never optional where required, same pattern and format.",
        rationale: "A generic event template is a promise every event of it keeps, so reports can join clicks or exposures across plans. An event may make a parameter stricter (max 9 slides instead of any), but widening it or changing its type breaks every query written against the template.",
        nonTriggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  position_index: { type: integer, min: 0, max: 4 }\n  campaign: { type: enum, values: [double11, new_year] }"),
            RuleExample(event: "name: search_button_click\ntemplate: link_click\nparameters:\n  target_url: { required: true, max_length: 512 }",
                        extraFiles: ["templates/events/link_click.yaml": "template: link_click\nextends: click\nparameters:\n  target_url: { type: string, format: url, max_length: 2048 }\n"]),
        ],
        triggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  position_index: { type: ↓string }"),
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  position_index: { min: ↓-1, max: ↓20, required: ↓false }"),
            RuleExample(event: "name: search_button_click\ntemplate: link_click\nparameters:\n  target_url: { format: ↓email, max_length: ↓4096 }",
                        extraFiles: ["templates/events/link_click.yaml": "template: link_click\nextends: click\nparameters:\n  target_url: { type: string, format: url, max_length: 2048 }\n"]),
            RuleExample(files: [
                "templates/events/share_click.yaml": """
                template: share_click
                extends: click
                parameters:
                  channel: { type: enum, values: [wechat, weibo, qq], required: true }
                  share_code: { type: string, pattern: '^[A-Z0-9]{8}$', min_length: 8, max_length: 8 }

                """,
                "plans/example.yaml": """
                plan: example
                title: Example
                owner: alice@example.com
                terminals: [ios, android]
                events:
                  - name: product_share_click
                    template: share_click
                    parameters:
                      channel: { values: [wechat, ↓facebook] }
                      share_code: { pattern: ↓'^[A-Z0-9]{6}$', min_length: ↓6 }

                """,
            ]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for t in workspace.checkedTemplates where t.extends != nil {
            let parents = workspace.templateChain(t.extends)
            if parents.contains(where: { $0.id == t.id }) { continue }   // a cycle: template-cycle reports it
            let base = TemplateRuleSupport.chainParameters(parents)
            let locked = TemplateRuleSupport.lockedNames(parents)
            for p in t.parameters where locked[p.name] == nil {
                guard let b = base[p.name] else { continue }
                TemplateRuleSupport.checkNarrowing(p, over: b.parameter, in: "template '\(b.owner)'", by: "template '\(t.id)'",
                                                   allowRequiredChange: false, strictProperties: false, &sink)
            }
        }
        for plan in workspace.plans {
            for event in plan.events where event.template != nil {
                let chain = workspace.templateChain(event.template)
                if chain.isEmpty { continue }
                let base = TemplateRuleSupport.chainParameters(chain)
                let locked = TemplateRuleSupport.lockedNames(chain)
                for p in event.parameters where locked[p.name] == nil {   // locked ones: template-locked reports them
                    guard let b = base[p.name] else { continue }
                    TemplateRuleSupport.checkNarrowing(p, over: b.parameter, in: "template '\(b.owner)'", by: "event '\(event.name)'",
                                                       allowRequiredChange: false, strictProperties: false, &sink)
                }
            }
        }
    }
}

/// Helpers the template, terminal, privacy and position rules share.
enum TemplateRuleSupport {
    /// The parameters a template chain (outermost first) declares, merged layer
    /// over layer, by name, with the id of the nearest template declaring each.
    static func chainParameters(_ chain: [EventTemplate]) -> [String: (parameter: Parameter, owner: String)] {
        var byName: [String: (parameter: Parameter, owner: String)] = [:]
        for t in chain {
            for p in t.parameters {
                if let base = byName[p.name] {
                    byName[p.name] = (p.merged(over: base.parameter), t.id)
                } else {
                    byName[p.name] = (p, t.id)
                }
            }
        }
        return byName
    }

    /// Parameter names locked by a chain, with the template that locks each.
    static func lockedNames(_ chain: [EventTemplate]) -> [String: String] {
        var locked: [String: String] = [:]
        for t in chain {
            for item in t.locked { if let name = item.text, locked[name] == nil { locked[name] = t.id } }
        }
        return locked
    }

    /// True when `id` is nil or names a template whose whole chain resolves: no
    /// missing parent and no cycle. Rules that would report something missing
    /// stay quiet otherwise (template-exists and template-cycle report the cause).
    static func chainResolves(_ workspace: Workspace, _ id: String?) -> Bool {
        guard let id else { return true }
        return workspace.templateChain(id).first.map { $0.extends == nil } ?? false
    }

    /// " (did you mean 'x'?)", or "".
    static func didYouMean(_ word: String, _ candidates: [String]) -> String {
        Suggest.closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// A number as written: 9, not 9.0.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    /// Finds where `p` (an override written in `by`) widens or changes `base`
    /// (as declared in `in`), and reports each place.
    static func checkNarrowing(_ p: Parameter, over base: Parameter, in owner: String, by writer: String, label: String? = nil,
                               allowRequiredChange: Bool, strictProperties: Bool, _ sink: inout DiagnosticSink) {
        let name = label ?? p.name
        let path = p.path
        if let t = p.type, let bt = base.type, t != bt {
            sink.report(path, p.location("type"),
                        "parameter '\(name)' is \(bt.rawValue) in \(owner); \(writer) may not change its type to \(t.rawValue) (leave type out or write \(bt.rawValue))")
            return
        }
        if let values = p.values, let baseValues = base.values {
            let allowed = Set(baseValues.compactMap(\.text))
            for v in values {
                guard let text = v.text, !allowed.contains(text) else { continue }
                sink.report(path, v.start,
                            "enum value '\(text)' of parameter '\(name)' is not one of \(owner)'s values (\(baseValues.compactMap(\.text).joined(separator: ", "))); \(writer) may only leave values out")
            }
        }
        func atLeast(_ key: String, _ value: Double?, _ bound: Double?) {
            guard let value, let bound, value < bound else { return }
            sink.report(path, p.location(key),
                        "\(key) \(number(value)) of parameter '\(name)' is lower than \(number(bound)) in \(owner); \(writer) may only raise \(key) (narrow), not lower it")
        }
        func atMost(_ key: String, _ value: Double?, _ bound: Double?) {
            guard let value, let bound, value > bound else { return }
            sink.report(path, p.location(key),
                        "\(key) \(number(value)) of parameter '\(name)' is higher than \(number(bound)) in \(owner); \(writer) may only lower \(key) (narrow), not raise it")
        }
        atLeast("min", p.min, base.min)
        atMost("max", p.max, base.max)
        atLeast("min_length", p.minLength.map(Double.init), base.minLength.map(Double.init))
        atMost("max_length", p.maxLength.map(Double.init), base.maxLength.map(Double.init))
        atLeast("min_items", p.minItems.map(Double.init), base.minItems.map(Double.init))
        atMost("max_items", p.maxItems.map(Double.init), base.maxItems.map(Double.init))
        if !allowRequiredChange, base.required == true, p.required == false {
            sink.report(path, p.location("required"),
                        "parameter '\(name)' is required in \(owner); \(writer) may not make it optional (remove required: false)")
        }
        if let pattern = p.pattern, let basePattern = base.pattern, pattern != basePattern {
            sink.report(path, p.location("pattern"),
                        "pattern '\(pattern)' of parameter '\(name)' differs from '\(basePattern)' in \(owner); a pattern cannot be changed by \(writer) (remove it here)")
        }
        if let format = p.format, let baseFormat = base.format, format != baseFormat {
            sink.report(path, p.location("format"),
                        "format \(format) of parameter '\(name)' differs from \(baseFormat) in \(owner); a format cannot be changed by \(writer) (remove it here)")
        }
        if base.pii == true, p.pii == false {
            sink.report(path, p.location("pii"),
                        "parameter '\(name)' is PII in \(owner); \(writer) may not unmark it (remove pii: false)")
        }
        if let props = p.properties {
            let baseProps = Dictionary((base.properties ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for sub in props {
                let subLabel = "\(name).\(sub.name)"
                if let b = baseProps[sub.name] {
                    checkNarrowing(sub, over: b, in: owner, by: writer, label: subLabel,
                                   allowRequiredChange: allowRequiredChange, strictProperties: strictProperties, &sink)
                } else if strictProperties {
                    sink.report(path, sub.keyNode?.start ?? sub.location("type"),
                                "property '\(subLabel)' does not exist in \(owner)\(didYouMean(sub.name, Array(baseProps.keys).sorted())); \(writer) can only narrow existing properties")
                }
            }
        }
        if let items = p.items?.value, let baseItems = base.items?.value {
            checkNarrowing(items, over: baseItems, in: owner, by: writer, label: "\(name)[]",
                           allowRequiredChange: allowRequiredChange, strictProperties: strictProperties, &sink)
        }
    }
}
