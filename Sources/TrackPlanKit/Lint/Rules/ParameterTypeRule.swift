public struct ParameterTypeRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "parameter-type",
        summary: "Every parameter has a type (unless it overrides one from its template), objects have properties, arrays have items, and neither key appears on other types.",
        rationale: "The type decides the warehouse column type, the field type in generated SDK code and the check testers run; a parameter without one cannot be generated or validated. An object without properties or an array without items leaves the shape of the value to each developer's guess.",
        nonTriggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  position_index: { required: false }\n  product:\n    type: object\n    properties:\n      sku_id: { type: string }\nterminal_overrides:\n  ios:\n    parameters:\n      position_index: { max: 5 }"),
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  skus: { type: array, items: { type: string } }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  ↓keyword: { required: true }\n  filters:\n    type: array\n    ↓items: { max_length: 32 }"),
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  product: { type: ↓object }\n  skus: { type: ↓array }"),
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  sku_id: { type: string, ↓properties: { code: { type: string } } }\n  price: { type: number, ↓items: { type: number } }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    func check(_ site: EventRuleSupport.ParameterSite, _: inout Void, _ sink: inout DiagnosticSink) {
        let p = site.parameter
        guard let node = p.node, node.isMapping || (node.isScalar && node.value == .null) else { return }
        if p.type == nil, !p.written.contains(.type), site.inherited?.type == nil, site.origin != .terminalOverride {
            let at = p.keyNode ?? node
            let subject = site.isItems ? "\(site.noun) have" : "\(site.noun) has"
            sink.report(site.path, at, "\(subject) no type; write type: with one of \(FormatShapes.parameterTypes.joined(separator: ", "))")
        }
        if p.type == .object, (p.properties ?? site.inherited?.properties ?? []).isEmpty, let typeNode = site.value("type") {
            sink.report(site.path, typeNode, "\(site.noun) is an object without properties; write properties: with each field and its type")
        }
        if p.type == .array, p.items == nil, site.inherited?.items == nil, let typeNode = site.value("type") {
            sink.report(site.path, typeNode, "\(site.noun) is an array without items; write items: { type: ... } for its elements")
        }
        if let type = site.type {
            if type != .object, p.written.contains(.properties), let key = site.key("properties") {
                sink.report(site.path, key, "properties apply only to objects, but \(site.noun) is of type \(type.rawValue); remove properties, or write type: object")
            }
            if type != .array, p.written.contains(.items), let key = site.key("items") {
                sink.report(site.path, key, "items apply only to arrays, but \(site.noun) is of type \(type.rawValue); remove items, or write type: array")
            }
        }
    }
}
