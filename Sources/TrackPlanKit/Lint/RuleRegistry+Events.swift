extension RuleRegistry {
    /// Rules on events, parameters, plans and their lifecycle fields.
    static let eventRules: [any LintRule] = [
        UniqueEventNameRule(), UniqueParameterNameRule(), EnumValuesRule(), MinMaxOrderRule(), SaneLengthRule(),
        PatternCompilesRule(), CommonParameterRedeclaredRule(), ParameterTypeRule(), PlanIDMatchesFileRule(),
        ScheduleDatesRule(), StateRequirementsRule(), AmbiguousBooleanRule(),
    ]
}

/// Shared by the event rules: every parameter as written anywhere in the workspace.
enum EventRuleSupport {
    /// One parameter as written in one place (a layer), with the parameter it
    /// overrides, merged from the layers below it, if any.
    ///
    /// A class: every site rule reads each site, and a reference costs them one retain
    /// where a copy of the struct cost five.
    final class ParameterSite: Sendable {
        enum Origin { case common, template, event, terminalOverride }

        let parameter: Parameter
        /// What this layer overrides: the template chain's (or, for a terminal
        /// override, the event's) parameter of the same name, merged.
        let inherited: Parameter?
        let origin: Origin
        /// The object whose property this is, or the array whose items these are.
        let parent: ParameterSite?
        /// The items of an array (its label ends in `[]`): they have no name of their own.
        let isItems: Bool
        /// A property of an object or the items of an array.
        var isNested: Bool { parent != nil }

        init(parameter: Parameter, inherited: Parameter?, origin: Origin, parent: ParameterSite?, isItems: Bool) {
            self.parameter = parameter
            self.inherited = inherited
            self.origin = origin
            self.parent = parent
            self.isItems = isItems
        }

        /// `product.sku_id`, `tags[]`: the name as a path from the top-level parameter.
        /// Made when asked (for a message), not for every site.
        var label: String {
            guard let parent else { return parameter.name }
            return parent.label + (isItems ? "[]" : "." + parameter.name)
        }

        var path: String { parameter.path }
        /// The type written here, else the inherited one.
        var type: ParamType? { parameter.type ?? inherited?.type }
        /// The key node of `key` in this layer.
        func key(_ key: String) -> YAMLNode? { parameter.node?.pair(key)?.key }
        /// The value node of `key` in this layer.
        func value(_ key: String) -> YAMLNode? { parameter.node?[key] }
        /// Where a finding about the parameter itself lands: its key, else its value.
        var start: SourceLocation { parameter.keyNode?.start ?? parameter.node?.start ?? .start }
        /// "parameter 'banner_id'", "property 'product.sku_id'", "items of 'tags'".
        var noun: String {
            if isItems { return "items of '\(label.dropLast(2))'" }
            return isNested ? "property '\(label)'" : "parameter '\(label)'"
        }
    }

    /// Layers merged by name, as `Workspace.effectiveParameters` merges them.
    static func merge(_ layers: [[Parameter]]) -> [String: Parameter] {
        var byName: [String: Parameter] = [:]
        for layer in layers {
            for p in layer {
                if let base = byName[p.name] { byName[p.name] = p.merged(over: base) } else { byName[p.name] = p }
            }
        }
        return byName
    }

    /// Every parameter written in the workspace: common parameters, templates'
    /// parameters, events' parameters and terminal overrides, with their nested
    /// properties and items. Linear in the workspace (template chains are cached).
    static func parameterSites(_ workspace: Workspace) -> [ParameterSite] {
        workspace.memo.value("EventRuleSupport.parameterSites") { computeParameterSites(workspace) }
    }

    private static func computeParameterSites(_ workspace: Workspace) -> [ParameterSite] {
        var sites: [ParameterSite] = []
        var chainCache: [String: [String: Parameter]] = [:]
        func chainParameters(_ id: String?, excluding path: String? = nil) -> [String: Parameter] {
            guard let id else { return [:] }
            let key = id + "\u{0}" + (path ?? "")
            if let cached = chainCache[key] { return cached }
            let merged = merge(workspace.templateChain(id).filter { $0.path != path }.map(\.parameters))
            chainCache[key] = merged
            return merged
        }
        func add(_ p: Parameter, inherited: Parameter?, origin: ParameterSite.Origin, parent: ParameterSite? = nil, items: Bool = false) {
            let site = ParameterSite(parameter: p, inherited: inherited, origin: origin, parent: parent, isItems: items)
            sites.append(site)
            if let props = p.properties {
                var base: [String: Parameter] = [:]
                for b in inherited?.properties ?? [] where base[b.name] == nil { base[b.name] = b }
                for sub in props { add(sub, inherited: base[sub.name], origin: origin, parent: site) }
            }
            if let items = p.items?.value {
                add(items, inherited: inherited?.items?.value, origin: origin, parent: site, items: true)
            }
        }
        for p in workspace.settings.commonParameters where !workspace.plansOnly { add(p, inherited: nil, origin: .common) }
        for t in workspace.templates where !workspace.plansOnly {
            let base = chainParameters(t.extends, excluding: t.path)
            for p in t.parameters { add(p, inherited: base[p.name], origin: .template) }
        }
        for plan in workspace.plans {
            for event in plan.events {
                let base = chainParameters(event.template)
                for p in event.parameters { add(p, inherited: base.isEmpty ? nil : base[p.name], origin: .event) }
                // An override inherits the event's parameter merged over the template chain's. Only the names
                // overridden are merged (a dictionary of every parameter per event cost more than the rest).
                for o in event.terminalOverrides {
                    for p in o.parameters {
                        var inherited = base.isEmpty ? nil : base[p.name]
                        for e in event.parameters where e.name == p.name { inherited = inherited.map { e.merged(over: $0) } ?? e }
                        add(p, inherited: inherited, origin: .terminalOverride)
                    }
                }
            }
        }
        return sites
    }

    /// A number as written: `10`, not `10.0`.
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// Lowercased, without `_` and `-`: names that would become the same identifier.
    static func normalized(_ name: String) -> String {
        // ASCII names (nearly all) byte by byte, without the Unicode machinery.
        let ascii = name.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                for b in bytes where b != UInt8(ascii: "_") && b != UInt8(ascii: "-") {
                    out[n] = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
                    n += 1
                }
                return n
            }
        }
        return ascii.flatMap { $0 } ?? String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }
}
