/// What an event means once its templates and overrides are applied.
extension Workspace {
    /// The templates an id stands on, outermost ancestor first. Stops at a missing
    /// template or a cycle (lint reports both).
    public func templateChain(_ id: String?) -> [EventTemplate] {
        var chain: [EventTemplate] = []
        var seen = Set<String>()
        var next = id
        while let current = next, !seen.contains(current), let t = template(current) {
            seen.insert(current)
            chain.append(t)
            next = t.extends
        }
        return chain.reversed()
    }

    /// The event's type: its own, else the nearest template's.
    public func effectiveType(of event: Event) -> EventType? {
        event.type ?? templateChain(event.template).reversed().lazy.compactMap(\.type).first
    }

    /// The event's exposure rule: its own, else the nearest template's.
    public func effectiveExposure(of event: Event) -> ExposureRule? {
        event.exposure ?? templateChain(event.template).reversed().lazy.compactMap(\.exposure).first
    }

    /// Parameters from the template chain, the event itself and, for a terminal,
    /// that terminal's override: each layer merged over the one before.
    public func effectiveParameters(of event: Event, terminal: String? = nil) -> [Parameter] {
        let chain = templateChain(event.template)
        // The common case, asked for by several rules per event: no template, no terminal,
        // no name written twice. Nothing to merge: the event's own list.
        if chain.isEmpty, terminal == nil, event.parameterNamesAreUnique { return event.parameters }
        var order: [String] = []
        var byName: [String: Parameter] = [:]
        func apply(_ layer: [Parameter]) {
            for p in layer {
                if let base = byName[p.name] {
                    byName[p.name] = p.merged(over: base)
                } else {
                    byName[p.name] = p
                    order.append(p.name)
                }
            }
        }
        for t in chain { apply(t.parameters) }
        apply(event.parameters)
        if let terminal, let o = event.terminalOverrides.first(where: { $0.terminal == terminal }) {
            apply(o.parameters.filter { byName[$0.name] != nil })
        }
        return order.compactMap { byName[$0] }
    }

    /// True when no two parameters of `list` share a name.
    static func namesAreUnique(_ list: [Parameter]) -> Bool {
        if list.count > 16 { return Set(list.map(\.name)).count == list.count }
        for i in list.indices {
            for j in list.indices where j < i && list[j].name == list[i].name { return false }
        }
        return true
    }

    /// The names an event may refer to: its effective parameters and the common ones.
    public func declaredNames(of event: Event) -> Set<String> {
        Set(effectiveParameters(of: event).map(\.name)).union(settings.commonParameters.map(\.name))
    }
}
