/// Compares two loaded workspaces (BASE and the working tree) and classifies every
/// difference by a rule in `DiffRules`.
///
/// Events are matched by name across the whole workspace (names are unique), and
/// compared by their *effective* definitions: templates and terminal overrides applied,
/// so a change in a template shows up in every event that uses it, located in the
/// template file. Everything is indexed by name first; no step scans all events per event.
public enum PlanDiff {
    public static func compare(base: Workspace, head: Workspace) -> [Change] {
        var differ = Differ(base: base, head: head)
        differ.run()
        return differ.changes.map { c in
            var c = c
            c.severity = ChangeSeverity.of(c.changeClass, state: c.state)
            return c
        }.sorted(by: Change.sortKey)
    }
}

private struct Differ {
    let base: Workspace
    let head: Workspace
    var changes: [Change] = []

    struct Ref { var plan: Int; var event: Int }

    /// What every change about one event shares.
    struct Context {
        var plan: String?
        var state: PlanState?
        var event: String?
        var terminal: String?
        var oldLayers: [[Parameter]]
        var newLayers: [[Parameter]]
        /// Where to point when a top-level parameter is gone: the new side's `parameters` key or the event.
        var newParent: Place?
        var oldParent: Place?
    }

    init(base: Workspace, head: Workspace) {
        self.base = base
        self.head = head
    }

    static func index(_ ws: Workspace) -> [String: Ref] {
        var out: [String: Ref] = [:]
        for (p, plan) in ws.plans.enumerated() {
            for (e, event) in plan.events.enumerated() where out[event.name] == nil && !event.name.isEmpty {
                out[event.name] = Ref(plan: p, event: e)
            }
        }
        return out
    }

    static func planIndex(_ ws: Workspace) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, p) in ws.plans.enumerated() where out[p.id] == nil { out[p.id] = i }
        return out
    }

    mutating func run() {
        let oldEvents = Self.index(base), newEvents = Self.index(head)
        let oldPlans = Self.planIndex(base), newPlans = Self.planIndex(head)
        compareCommonParameters()
        for id in oldPlans.keys.sorted() {
            if let n = newPlans[id] { comparePlan(base.plans[oldPlans[id]!], head.plans[n]) }
        }

        let removed = oldEvents.keys.filter { newEvents[$0] == nil }.sorted()
        let added = newEvents.keys.filter { oldEvents[$0] == nil }.sorted()
        var bySignature: [String: [String]] = [:]
        for name in added { bySignature[signature(head, newEvents[name]!), default: []].append(name) }
        var renamed = Set<String>()
        for name in removed {
            let ref = oldEvents[name]!
            let oldPlan = base.plans[ref.plan], oldEvent = oldPlan.events[ref.event]
            let sig = signature(base, ref)
            if let to = bySignature[sig]?.first {
                bySignature[sig]!.removeFirst()
                renamed.insert(to)
                let nref = newEvents[to]!
                let newPlan = head.plans[nref.plan], newEvent = newPlan.events[nref.event]
                add("event-renamed", plan: newPlan.id, state: oldPlan.status, event: to, old: name, new: to,
                    message: "renamed from \(name) (same plan, position and parameters)",
                    at: Self.namePlace(newPlan, newEvent), was: Self.namePlace(oldPlan, oldEvent))
                compareEvent(oldPlan, oldEvent, newPlan, newEvent)
            } else {
                let survivor = newPlans[oldPlan.id].map { head.plans[$0] }
                let near = survivor.map { p in Place(path: p.path, (p.node.pair("events")?.key ?? p.node).start) }
                add("event-removed", plan: oldPlan.id, state: oldPlan.status, event: name, old: name,
                    message: survivor == nil ? "removed, with its plan \(oldPlan.id)" : "removed",
                    at: near, was: Self.namePlace(oldPlan, oldEvent))
            }
        }
        for name in added where !renamed.contains(name) {
            let ref = newEvents[name]!
            let plan = head.plans[ref.plan], event = plan.events[ref.event]
            add("event-added", plan: plan.id, state: plan.status, event: name, new: name, message: "added",
                at: Self.namePlace(plan, event))
        }
        for name in oldEvents.keys.sorted() {
            guard let o = oldEvents[name], let n = newEvents[name] else { continue }
            let oldPlan = base.plans[o.plan], newPlan = head.plans[n.plan]
            compareEvent(oldPlan, oldPlan.events[o.event], newPlan, newPlan.events[n.event])
        }
    }

    /// Same plan, same position, same parameter names and types: a rename, not a removal and an addition.
    func signature(_ ws: Workspace, _ ref: Ref) -> String {
        let plan = ws.plans[ref.plan], event = plan.events[ref.event]
        let params = ws.effectiveParameters(of: event).map { "\($0.name):\($0.type?.rawValue ?? "")" }.sorted()
        return ([plan.id, event.position?.path ?? ""] + params).joined(separator: "\u{1F}")
    }

    // MARK: - Adding changes

    mutating func add(_ rule: String, plan: String?, state: PlanState?, event: String?, parameter: String? = nil, terminal: String? = nil,
                      old: String? = nil, new: String? = nil, message: String, at: Place?, was: Place? = nil, bump: SchemaVerBump?? = nil) {
        changes.append(Self.make(rule, plan: plan, state: state, event: event, parameter: parameter, terminal: terminal,
                                 old: old, new: new, message: message, at: at, was: was, bump: bump))
    }

    static func make(_ rule: String, plan: String?, state: PlanState?, event: String?, parameter: String? = nil, terminal: String? = nil,
                     old: String? = nil, new: String? = nil, message: String, at: Place?, was: Place? = nil, bump: SchemaVerBump?? = nil) -> Change {
        let r = DiffRules.rule(rule)
        return Change(rule: rule, changeClass: r?.changeClass ?? .breaking, severity: .informational, bump: bump ?? r?.bump,
                      plan: plan, state: state, event: event, parameter: parameter, terminal: terminal, old: old, new: new,
                      message: message, location: at, oldLocation: was)
    }

    static func namePlace(_ plan: Plan, _ event: Event) -> Place {
        Place(path: plan.path, (event.nameNode ?? event.node).start)
    }

    /// The value of `key` in the event, else its name.
    static func eventPlace(_ plan: Plan, _ event: Event, _ key: String) -> Place {
        Place(path: plan.path, (event.node[key] ?? event.nameNode ?? event.node).start)
    }

    // MARK: - Plans and settings

    mutating func comparePlan(_ o: Plan, _ n: Plan) {
        let oldStorage = [o.storageTable, o.storageMode], newStorage = [n.storageTable, n.storageMode]
        if oldStorage != newStorage {
            func text(_ s: [String?]) -> String { "\(s[0] ?? "no table") (\(s[1] ?? "no mode"))" }
            add("storage-changed", plan: n.id, state: o.status, event: nil, old: text(oldStorage), new: text(newStorage),
                message: "storage \(text(oldStorage)) → \(text(newStorage))", at: Place(path: n.path, n.location("storage")),
                was: Place(path: o.path, o.location("storage")))
        }
    }

    /// The most advanced state of any plan at BASE: a common parameter reaches every one.
    var commonState: PlanState? {
        base.plans.map(\.status).filter { $0 != .retired }.max { $0.order < $1.order }
    }

    mutating func compareCommonParameters() {
        let o = base.settings, n = head.settings
        let ctx = Context(plan: nil, state: commonState, event: nil, terminal: nil,
                          oldLayers: [o.commonParameters], newLayers: [n.commonParameters],
                          newParent: Place(path: n.path, n.location("common_parameters")),
                          oldParent: Place(path: o.path, o.location("common_parameters")))
        var found: [Change] = []
        compareParameters(o.commonParameters, n.commonParameters, prefix: [], ctx, &found)
        for var c in found {
            if c.changeClass == .documentation {
                changes.append(c)
                continue
            }
            let rule = c.rule == "parameter-added-optional" ? "common-parameter-added" : "common-parameter-changed"
            let r = DiffRules.rule(rule)!
            if rule == "common-parameter-changed" { c.message += " [\(c.rule)]; it is sent with every event" }
            c.rule = rule
            c.changeClass = r.changeClass
            c.bump = r.bump
            changes.append(c)
        }
    }

    // MARK: - Events

    static func layers(_ ws: Workspace, _ event: Event, terminal: String?) -> [[Parameter]] {
        var layers = ws.templateChain(event.template).map(\.parameters)
        layers.append(event.parameters)
        if let terminal, let o = event.terminalOverrides.first(where: { $0.terminal == terminal }) { layers.append(o.parameters) }
        return layers
    }

    mutating func compareEvent(_ oldPlan: Plan, _ o: Event, _ newPlan: Plan, _ n: Event) {
        let state = oldPlan.status
        func add(_ rule: String, _ key: String, old: String?, new: String?, message: String, was: Place? = nil) {
            self.add(rule, plan: newPlan.id, state: state, event: n.name, old: old, new: new, message: message,
                     at: Self.eventPlace(newPlan, n, key), was: was ?? Self.eventPlace(oldPlan, o, key))
        }
        if oldPlan.id != newPlan.id {
            add("event-moved", "name", old: oldPlan.id, new: newPlan.id, message: "moved from plan \(oldPlan.id) to \(newPlan.id)")
        }
        let oldType = base.effectiveType(of: o)?.rawValue, newType = head.effectiveType(of: n)?.rawValue
        if oldType != newType {
            add("event-type-changed", "type", old: oldType, new: newType, message: "type \(oldType ?? "unset") → \(newType ?? "unset")")
        }
        if o.template != n.template {
            add("template-changed", "template", old: o.template, new: n.template,
                message: "template \(o.template ?? "none") → \(n.template ?? "none")")
        }
        let oldPosition = o.position?.path, newPosition = n.position?.path
        if oldPosition != newPosition {
            add("position-changed", "position", old: oldPosition, new: newPosition,
                message: "position \(oldPosition ?? "none") → \(newPosition ?? "none")")
        }
        if o.description != n.description {
            add("description-changed", "description", old: o.description, new: n.description, message: "description changed")
        }
        if o.display != n.display {
            add("display-changed", "display", old: Self.text(o.display), new: Self.text(n.display), message: "display names changed")
        }
        let oldTests = o.testCases.map { [$0.scenario, $0.expect, ($0.terminals ?? []).joined(separator: ",")] }
        let newTests = n.testCases.map { [$0.scenario, $0.expect, ($0.terminals ?? []).joined(separator: ",")] }
        if oldTests != newTests {
            add("test-cases-changed", "test_cases", old: "\(oldTests.count) test cases", new: "\(newTests.count) test cases",
                message: "test cases changed (\(oldTests.count) → \(newTests.count))")
        }
        compareExposure(oldPlan, o, newPlan, n)

        // Terminals: the event's own list, else the plan's.
        let oldTerminals = oldPlan.terminals(of: o), newTerminals = newPlan.terminals(of: n)
        let oldSet = Set(oldTerminals), newSet = Set(newTerminals)
        func listNode(_ plan: Plan, _ e: Event) -> (nodes: [YAMLNode], place: Place) {
            if let own = e.node["terminals"] { return (e.terminals ?? [], Place(path: plan.path, own.start)) }
            if let planList = plan.node["terminals"] { return (plan.terminals ?? [], Place(path: plan.path, planList.start)) }
            return ([], Self.namePlace(plan, e))
        }
        let oldList = listNode(oldPlan, o), newList = listNode(newPlan, n)
        for t in oldTerminals where !newSet.contains(t) {
            let node = oldList.nodes.first { $0.text == t }
            add("terminal-dropped", "terminals", old: t, new: nil, message: "no longer planned on \(t)",
                was: node.map { Place(path: oldPlan.path, $0.start) } ?? oldList.place)
        }
        for t in newTerminals where !oldSet.contains(t) {
            let node = newList.nodes.first { $0.text == t }
            self.add("terminal-added", plan: newPlan.id, state: state, event: n.name, old: nil, new: t, message: "now planned on \(t)",
                     at: node.map { Place(path: newPlan.path, $0.start) } ?? newList.place)
        }

        // Parameters, effective: templates applied; then each overridden terminal, reporting only what differs there.
        let parametersPlace: (Plan, Event) -> Place = { plan, e in
            Place(path: plan.path, (e.node.pair("parameters")?.key ?? e.nameNode ?? e.node).start)
        }
        var ctx = Context(plan: newPlan.id, state: state, event: n.name, terminal: nil,
                          oldLayers: Self.layers(base, o, terminal: nil), newLayers: Self.layers(head, n, terminal: nil),
                          newParent: parametersPlace(newPlan, n), oldParent: parametersPlace(oldPlan, o))
        var found: [Change] = []
        compareParameters(base.effectiveParameters(of: o), head.effectiveParameters(of: n), prefix: [], ctx, &found)
        let seen = Set(found.map(Self.identity))
        changes += found
        var overridden = Set(o.terminalOverrides.map(\.terminal)).union(n.terminalOverrides.map(\.terminal))
        overridden.subtract(oldSet.subtracting(newSet))
        for t in overridden.sorted() {
            ctx.terminal = t
            ctx.oldLayers = Self.layers(base, o, terminal: t)
            ctx.newLayers = Self.layers(head, n, terminal: t)
            var onTerminal: [Change] = []
            compareParameters(base.effectiveParameters(of: o, terminal: t), head.effectiveParameters(of: n, terminal: t),
                              prefix: [], ctx, &onTerminal)
            changes += onTerminal.filter { !seen.contains(Self.identity($0)) }
        }
    }

    static func identity(_ c: Change) -> String {
        [c.rule, c.parameter ?? "", c.old ?? "", c.new ?? ""].joined(separator: "\u{1F}")
    }

    static func text(_ d: DisplayNames) -> String {
        d.names.keys.sorted().map { "\($0): \(d.names[$0]!)" }.joined(separator: ", ")
    }

    /// The effective exposure rule and the file it is written in.
    static func exposure(_ ws: Workspace, _ plan: Plan, _ e: Event) -> (rule: ExposureRule, path: String)? {
        if let own = e.exposure { return (own, plan.path) }
        for t in ws.templateChain(e.template).reversed() { if let x = t.exposure { return (x, t.path) } }
        return nil
    }

    mutating func compareExposure(_ oldPlan: Plan, _ o: Event, _ newPlan: Plan, _ n: Event) {
        let a = Self.exposure(base, oldPlan, o), b = Self.exposure(head, newPlan, n)
        func text(_ x: ExposureRule?) -> String {
            guard let x else { return "none" }
            let ratio = x.minVisibleRatio.map(Self.number) ?? "?"
            let ms = x.minDurationMs.map(String.init) ?? "?"
            return "\(ratio) visible for \(ms) ms, dedupe [\(x.dedupeKey.compactMap(\.text).joined(separator: ", "))]"
        }
        let oldText = text(a?.rule), newText = text(b?.rule)
        guard oldText != newText else { return }
        add("exposure-rule-changed", plan: newPlan.id, state: oldPlan.status, event: n.name, old: oldText, new: newText,
            message: "exposure rule \(oldText) → \(newText)",
            at: b.map { Place(path: $0.path, $0.rule.node.start) } ?? Self.namePlace(newPlan, n),
            was: a.map { Place(path: $0.path, $0.rule.node.start) } ?? Self.namePlace(oldPlan, o))
    }

    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    // MARK: - Parameters

    static func pathText(_ components: [String]) -> String {
        var s = ""
        for c in components {
            if c == "[]" { s += "[]" } else { s += (s.isEmpty ? "" : ".") + c }
        }
        return s
    }

    /// Where `key` of the parameter at `components` is written: the last layer that writes
    /// it, else the last layer that mentions the parameter.
    static func place(_ layers: [[Parameter]], _ components: [String], key: String?) -> Place? {
        guard let first = components.first else { return nil }
        var fallback: Place?
        for layer in layers.reversed() {
            guard var p = layer.first(where: { $0.name == first }) else { continue }
            var found = true
            for c in components.dropFirst() {
                if c == "[]" {
                    guard let i = p.items?.value else { found = false; break }
                    p = i
                } else {
                    guard let q = p.properties?.first(where: { $0.name == c }) else { found = false; break }
                    p = q
                }
            }
            guard found else { continue }
            if let key, let v = p.node?[key] { return Place(path: p.path, v.start) }
            if fallback == nil, let node = p.keyNode ?? p.node { fallback = Place(path: p.path, node.start) }
            if key == nil { return fallback }
        }
        return fallback
    }

    func compareParameters(_ old: [Parameter], _ new: [Parameter], prefix: [String], _ ctx: Context, _ out: inout [Change]) {
        var newByName: [String: Parameter] = [:]
        for p in new where newByName[p.name] == nil { newByName[p.name] = p }
        var oldNames = Set<String>()
        for o in old where !oldNames.contains(o.name) {
            oldNames.insert(o.name)
            let comps = prefix + [o.name]
            let path = Self.pathText(comps)
            if let n = newByName[o.name] {
                compareParameter(o, n, comps, ctx, &out)
            } else {
                let near = prefix.isEmpty ? ctx.newParent : (Self.place(ctx.newLayers, prefix, key: nil) ?? ctx.newParent)
                out.append(Self.make("parameter-removed", plan: ctx.plan, state: ctx.state, event: ctx.event, parameter: path,
                                     terminal: ctx.terminal, old: o.type?.rawValue, message: "\(o.isRequired ? "required" : "optional") parameter removed",
                                     at: near, was: Self.place(ctx.oldLayers, comps, key: nil) ?? ctx.oldParent,
                                     bump: o.isRequired ? .model : .revision))
            }
        }
        var newNames = Set<String>()
        for n in new where !oldNames.contains(n.name) && !newNames.contains(n.name) {
            newNames.insert(n.name)
            let comps = prefix + [n.name]
            out.append(Self.make(n.isRequired ? "parameter-added-required" : "parameter-added-optional", plan: ctx.plan, state: ctx.state,
                                 event: ctx.event, parameter: Self.pathText(comps), terminal: ctx.terminal, new: n.type?.rawValue,
                                 message: "\(n.isRequired ? "required" : "optional") parameter added (\(n.type?.rawValue ?? "no type"))",
                                 at: Self.place(ctx.newLayers, comps, key: nil) ?? ctx.newParent))
        }
    }

    func compareParameter(_ o: Parameter, _ n: Parameter, _ comps: [String], _ ctx: Context, _ out: inout [Change]) {
        let path = Self.pathText(comps)
        func emit(_ rule: String, _ key: String, old: String?, new: String?, _ message: String, at: Place? = nil) {
            out.append(Self.make(rule, plan: ctx.plan, state: ctx.state, event: ctx.event, parameter: path, terminal: ctx.terminal,
                                 old: old, new: new, message: message,
                                 at: at ?? Self.place(ctx.newLayers, comps, key: key) ?? ctx.newParent,
                                 was: Self.place(ctx.oldLayers, comps, key: key) ?? ctx.oldParent))
        }
        if o.description != n.description {
            emit("description-changed", "description", old: o.description, new: n.description, "description changed")
        }
        if o.display != n.display {
            emit("display-changed", "display", old: Self.text(o.display), new: Self.text(n.display), "display names changed")
        }
        if o.isRequired != n.isRequired {
            emit(n.isRequired ? "optional-made-required" : "required-made-optional", "required",
                 old: String(o.isRequired), new: String(n.isRequired), n.isRequired ? "made required" : "made optional")
        }
        if o.isPII != n.isPII || o.consent != n.consent {
            func text(_ p: Parameter) -> String { p.isPII ? "pii, consent \(p.consent ?? "none")" : "not pii" }
            emit("privacy-changed", o.isPII != n.isPII ? "pii" : "consent", old: text(o), new: text(n), "\(text(o)) → \(text(n))")
        }
        guard o.type == n.type else {
            let a = o.type?.rawValue ?? "unset", b = n.type?.rawValue ?? "unset"
            emit("type-changed", "type", old: a, new: b, "type \(a) → \(b)")
            return
        }
        // Enum values.
        if o.values != nil || n.values != nil {
            let oldValues = o.enumValues, newValues = n.values ?? []
            let oldSet = Set(oldValues), newSet = Set(newValues.compactMap(\.text))
            for v in oldValues where !newSet.contains(v) {
                emit("enum-value-removed", "values", old: v, new: nil, "value \(v) removed")
            }
            let valuesFile = Self.place(ctx.newLayers, comps, key: "values")?.path
            for node in newValues {
                guard let v = node.text, !oldSet.contains(v) else { continue }
                emit("enum-value-added", "values", old: nil, new: v, "value \(v) added",
                     at: valuesFile.map { Place(path: $0, node.start) })
            }
        }
        func bound<T: Comparable>(_ key: String, _ a: T?, _ b: T?, min: Bool, narrowed: String, widened: String, _ show: (T) -> String) {
            guard a != b else { return }
            let isNarrowed: Bool
            if let b { isNarrowed = a.map { min ? b > $0 : b < $0 } ?? true } else { isNarrowed = false }
            let oldText = a.map(show) ?? "none", newText = b.map(show) ?? "none"
            emit(isNarrowed ? narrowed : widened, key, old: oldText, new: newText, "\(key) \(oldText) → \(newText)")
        }
        bound("min_length", o.minLength, n.minLength, min: true, narrowed: "length-narrowed", widened: "length-widened", String.init)
        bound("max_length", o.maxLength, n.maxLength, min: false, narrowed: "length-narrowed", widened: "length-widened", String.init)
        bound("min_items", o.minItems, n.minItems, min: true, narrowed: "length-narrowed", widened: "length-widened", String.init)
        bound("max_items", o.maxItems, n.maxItems, min: false, narrowed: "length-narrowed", widened: "length-widened", String.init)
        bound("min", o.min, n.min, min: true, narrowed: "range-narrowed", widened: "range-widened", Self.number)
        bound("max", o.max, n.max, min: false, narrowed: "range-narrowed", widened: "range-widened", Self.number)
        if o.pattern != n.pattern {
            emit(n.pattern == nil ? "pattern-removed" : "pattern-changed", "pattern", old: o.pattern, new: n.pattern,
                 "pattern \(o.pattern ?? "none") → \(n.pattern ?? "none")")
        }
        if o.format != n.format {
            emit(n.format == nil ? "format-removed" : "format-changed", "format", old: o.format, new: n.format,
                 "format \(o.format ?? "none") → \(n.format ?? "none")")
        }
        // Nested structure.
        switch (o.properties, n.properties) {
        case let (a?, b?): compareParameters(a, b, prefix: comps, ctx, &out)
        case (nil, _?): emit("nested-structure-changed", "properties", old: "any object", new: "properties", "properties defined")
        case (_?, nil): emit("nested-structure-changed", "properties", old: "properties", new: "any object", "properties dropped")
        case (nil, nil): break
        }
        switch (o.items, n.items) {
        case let (a?, b?): compareParameter(a.value, b.value, comps + ["[]"], ctx, &out)
        case (nil, _?): emit("nested-structure-changed", "items", old: "any items", new: "items", "items defined")
        case (_?, nil): emit("nested-structure-changed", "items", old: "items", new: "any items", "items dropped")
        case (nil, nil): break
        }
    }
}
