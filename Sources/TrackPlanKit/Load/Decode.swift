import Foundation

/// Turns checked node trees into the typed model. The shape checker has already
/// reported anything malformed; here a malformed value is simply left out.
enum Decode {
    static func string(_ node: YAMLNode?) -> String? {
        guard let node, node.isScalar, !node.isNullValue else { return nil }
        return node.text
    }

    static func int(_ node: YAMLNode?) -> Int? {
        if case .int(let i)? = node?.value { return i }
        return nil
    }

    static func double(_ node: YAMLNode?) -> Double? {
        switch node?.value {
        case .int(let i)?: Double(i)
        case .float(let d)?: d
        default: nil
        }
    }

    static func bool(_ node: YAMLNode?) -> Bool? {
        if case .bool(let b)? = node?.value { return b }
        return nil
    }

    static func list(_ node: YAMLNode?) -> [YAMLNode]? {
        guard let node, node.isSequence else { return nil }
        return Array(node.items)
    }

    static func strings(_ node: YAMLNode?) -> [String] {
        (list(node) ?? []).compactMap { string($0) }
    }

    static func display(_ node: YAMLNode?) -> DisplayNames {
        guard let node, node.isMapping else { return DisplayNames() }
        var names: [String: String] = [:]
        for (k, v) in node.pairs { if let key = k.text, let value = string(v) { names[key] = value } }
        return DisplayNames(names)
    }

    static func parameters(_ node: YAMLNode?, path: String) -> [Parameter] {
        guard let node, node.isMapping else { return [] }
        return node.pairs.compactMap { key, value in
            guard let name = key.text else { return nil }
            return parameter(name: name, key: key, node: value, path: path)
        }
    }

    static func parameter(name: String, key: YAMLNode?, node: YAMLNode, path: String) -> Parameter {
        var f = Parameter.Fields()
        // One pass over the pairs by index, each key matched as bytes by its length and the value node
        // made only for a key that is read: this runs for every parameter in the workspace.
        let storage = node.storage
        let r = node.raw
        if r.kind == .mapping {
            for slot in stride(from: Int(r.first), to: Int(r.first + r.count), by: 2) {
                let kr = storage.nodes[Int(storage.children[slot])]
                guard kr.kind == .scalar, let field = ParameterKey(storage.text(of: kr)) else { continue }
                let v = YAMLNode(storage: storage, index: storage.children[slot + 1])
                f.written.insert(WrittenKeys(rawValue: 1 << field.rawValue))
                switch field {
                case .type: f.type = paramType(v)
                case .required: f.required = bool(v)
                case .description: f.description = string(v)
                case .display: f.display = display(v)
                case .example: break   // written, not read
                case .pii: f.pii = bool(v)
                case .consent: f.consent = string(v)
                case .minLength: f.minLength = int(v)
                case .maxLength: f.maxLength = int(v)
                case .pattern: f.pattern = string(v)
                case .format: f.format = string(v)
                case .min: f.min = double(v)
                case .max: f.max = double(v)
                case .values: f.values = list(v)
                case .properties: if v.isMapping { f.properties = parameters(v, path: path) }
                case .items:
                    if v.isMapping {
                        let k = YAMLNode(storage: storage, index: storage.children[slot])
                        f.items = Box(parameter(name: "\(name)[]", key: k, node: v, path: path))
                    }
                case .minItems: f.minItems = int(v)
                case .maxItems: f.maxItems = int(v)
                }
            }
        }
        return Parameter(name: name, path: path, keyNode: key, node: node, f)
    }

    /// The keys of a parameter that decoding reads, told apart by length and then by their bytes;
    /// each raw value is the key's bit in `WrittenKeys` (FastPathTests checks every key's bit).
    enum ParameterKey: UInt32 {
        case type, required, description, display, example, pii, consent, minLength, maxLength
        case pattern, format, min, max, values, properties, items, minItems, maxItems

        init?(_ key: UnsafeBufferPointer<UInt8>) {
            func `is`(_ literal: StaticString) -> Bool {
                memcmp(key.baseAddress!, literal.utf8Start, key.count) == 0
            }
            switch key.count {
            case 3: if `is`("pii") { self = .pii } else if `is`("min") { self = .min } else if `is`("max") { self = .max } else { return nil }
            case 4: if `is`("type") { self = .type } else { return nil }
            case 5: if `is`("items") { self = .items } else { return nil }
            case 6: if `is`("format") { self = .format } else if `is`("values") { self = .values } else { return nil }
            case 7:
                if `is`("display") { self = .display } else if `is`("example") { self = .example }
                else if `is`("consent") { self = .consent } else if `is`("pattern") { self = .pattern } else { return nil }
            case 8: if `is`("required") { self = .required } else { return nil }
            case 9: if `is`("min_items") { self = .minItems } else if `is`("max_items") { self = .maxItems } else { return nil }
            case 10:
                if `is`("min_length") { self = .minLength } else if `is`("max_length") { self = .maxLength }
                else if `is`("properties") { self = .properties } else { return nil }
            case 11: if `is`("description") { self = .description } else { return nil }
            default: return nil
            }
        }
    }

    /// The type a parameter names, matched as bytes (a String and a string switch for every
    /// parameter cost more); a tagged scalar goes the long way. FastPathTests holds every
    /// `ParamType` case to the long way, so a new type cannot be missed here.
    static func paramType(_ v: YAMLNode) -> ParamType? {
        guard v.raw.tag < 0 else { return string(v).flatMap(ParamType.init(rawValue:)) }
        switch v {
        case "string": return .string
        case "integer": return .integer
        case "number": return .number
        case "boolean": return .boolean
        case "timestamp": return .timestamp
        case "enum": return .enum
        case "object": return .object
        case "array": return .array
        default: return nil
        }
    }

    static func exposure(_ node: YAMLNode?) -> ExposureRule? {
        guard let node, node.isMapping else { return nil }
        return ExposureRule(minVisibleRatio: double(node["min_visible_ratio"]), minDurationMs: int(node["min_duration_ms"]),
                            dedupeKey: list(node["dedupe_key"]) ?? [], node: node)
    }

    static func event(_ node: YAMLNode, path: String) -> Event? {
        guard node.isMapping else { return nil }
        var overrides: [TerminalOverride] = []
        if let o = node["terminal_overrides"], o.isMapping {
            for (k, v) in o.pairs {
                guard let t = k.text else { continue }
                overrides.append(TerminalOverride(terminal: t, keyNode: k, parameters: parameters(v["parameters"], path: path)))
            }
        }
        var position: Position?
        if let p = node["position"], p.isMapping {
            position = Position(page: string(p["page"]), module: string(p["module"]), slot: string(p["slot"]), node: p)
        }
        let tests: [TestCase] = (list(node["test_cases"]) ?? []).compactMap { t in
            guard t.isMapping else { return nil }
            return TestCase(terminals: list(t["terminals"]).map { $0.compactMap(\.text) }, node: t)
        }
        return Event(
            name: string(node["name"]) ?? "",
            nameNode: node["name"],
            type: string(node["type"]).flatMap(EventType.init(rawValue:)),
            template: string(node["template"]),
            position: position,
            terminals: list(node["terminals"]),
            exposure: exposure(node["exposure"]),
            terminalOverrides: overrides,
            parameters: parameters(node["parameters"], path: path),
            testCases: tests,
            node: node
        )
    }

    static func plan(_ node: YAMLNode, path: String) -> Plan? {
        guard node.isMapping else { return nil }
        var schedule: [String: String] = [:]
        if let s = node["schedule"], s.isMapping {
            for (k, v) in s.pairs { if let key = k.text, let value = string(v) { schedule[key] = value } }
        }
        let approvals: [Approval] = (list(node["approvals"]) ?? []).compactMap { a in
            guard a.isMapping else { return nil }
            return Approval(by: string(a["by"]) ?? "", role: string(a["role"]) ?? "", at: string(a["at"]) ?? "",
                            digest: string(a["digest"]) ?? "", comment: string(a["comment"]), node: a)
        }
        let history: [HistoryEntry] = (list(node["history"]) ?? []).compactMap { h in
            guard h.isMapping else { return nil }
            return HistoryEntry(at: string(h["at"]) ?? "", by: string(h["by"]) ?? "", from: string(h["from"]),
                                to: string(h["to"]), action: string(h["action"]), note: string(h["note"]), node: h)
        }
        let verification: VerificationRecord? = node["verification"].flatMap { v in
            guard v.isMapping else { return nil }
            return VerificationRecord(result: string(v["result"]) ?? "", at: string(v["at"]), by: string(v["by"]),
                                      digest: string(v["digest"]), node: v)
        }
        let postmortem: Postmortem? = node["postmortem"].flatMap { p in
            guard p.isMapping else { return nil }
            return Postmortem(summary: string(p["summary"]), released: string(p["released"]), issues: strings(p["issues"]),
                              followUps: strings(p["follow_ups"]), node: p)
        }
        let metrics: [Metric] = (list(node["metrics"]) ?? []).compactMap { m in
            guard let name = string(m["name"]) else { return nil }
            return Metric(name: name, definition: string(m["definition"]) ?? "")
        }
        return Plan(
            id: string(node["plan"]) ?? "",
            title: string(node["title"]) ?? "",
            owner: string(node["owner"]) ?? "",
            goal: string(node["goal"]),
            description: string(node["description"]),
            priority: string(node["priority"]),
            terminals: list(node["terminals"]),
            schedule: schedule,
            storageTable: string(node["storage"]?["table"]),
            storageMode: string(node["storage"]?["mode"]),
            metrics: metrics,
            events: (list(node["events"]) ?? []).compactMap { event($0, path: path) },
            status: string(node["status"]).flatMap(PlanState.init(rawValue:)) ?? .request,
            approvals: approvals,
            history: history,
            verification: verification,
            postmortem: postmortem,
            path: path,
            node: node
        )
    }

    static func template(_ node: YAMLNode, path: String) -> EventTemplate? {
        guard node.isMapping else { return nil }
        return EventTemplate(
            id: string(node["template"]) ?? "",
            extends: string(node["extends"]),
            type: string(node["type"]).flatMap(EventType.init(rawValue:)),
            description: string(node["description"]),
            display: display(node["display"]),
            exposure: exposure(node["exposure"]),
            parameters: parameters(node["parameters"], path: path),
            locked: list(node["locked"]) ?? [],
            path: path,
            node: node
        )
    }

    static func settings(_ node: YAMLNode, path: String) -> Settings {
        var s = Settings()
        s.path = path
        s.node = node
        guard node.isMapping else { return s }
        s.version = int(node["version"]) ?? 1
        if let t = node["terminals"], t.isMapping {
            for (k, v) in t.pairs {
                guard let id = k.text else { continue }
                s.terminals[id] = string(v["kind"]) ?? "other"
                s.terminalOrder.append(id)
            }
        }
        if let n = node["naming"] {
            s.naming.event = string(n["event"]) ?? s.naming.event
            s.naming.parameter = string(n["parameter"]) ?? s.naming.parameter
            s.naming.maxLength = int(n["max_length"]) ?? s.naming.maxLength
        }
        s.commonParameters = parameters(node["common_parameters"], path: path)
        if let p = node["positions"], p.isMapping {
            s.pages = p.pairs.compactMap { k, v in
                guard let id = k.text else { return nil }
                var modules: [Module] = []
                if let m = v["modules"], m.isMapping {
                    for (mk, mv) in m.pairs {
                        guard let mid = mk.text else { continue }
                        var slots: [Slot] = []
                        if let sl = mv["slots"] {
                            if sl.isSequence {
                                slots = sl.items.compactMap { string($0).map { Slot(id: $0, isList: false, display: DisplayNames()) } }
                            } else if sl.isMapping {
                                slots = sl.pairs.compactMap { sk, sv in
                                    sk.text.map { Slot(id: $0, isList: bool(sv["list"]) ?? false, display: display(sv["display"])) }
                                }
                            }
                        }
                        modules.append(Module(id: mid, display: display(mv["display"]), slots: slots))
                    }
                }
                return Page(id: id, display: display(v["display"]), modules: modules)
            }
        }
        s.positionIndexParameter = string(node["position_index_parameter"]) ?? s.positionIndexParameter
        if let c = node["capture"], c.isMapping {
            s.capture.event = string(c["event"])
            s.capture.terminal = string(c["terminal"])
            s.capture.parameters = string(c["parameters"])
            s.capture.view = string(c["view"]) ?? s.capture.view
            s.capture.eventID = string(c["event_id"]) ?? s.capture.eventID
        }
        s.consentPurposes = strings(node["privacy"]?["consent_purposes"])
        s.piiForbiddenOn = strings(node["privacy"]?["pii_forbidden_on"])
        if let r = node["roles"], r.isMapping {
            for (k, v) in r.pairs { if let role = k.text { s.roles[role] = strings(v) } }
        }
        if let g = node["gates"], g.isMapping {
            for (k, v) in g.pairs {
                guard let state = k.text else { continue }
                guard v.isMapping else { continue }
                s.gates[state] = Gate(lintClean: string(v["lint"]).map { $0 == "clean" },
                                      approvals: v["approvals"].map { _ in strings(v["approvals"]) },
                                      verification: string(v["verification"]), signoff: string(v["signoff"]),
                                      testCases: bool(v["test_cases"]), dates: v["dates"].map { _ in strings(v["dates"]) },
                                      postmortem: bool(v["postmortem"]), node: v)
            }
        }
        if let l = node["lint"] {
            if let r = l["rules"], r.isMapping {
                for (k, v) in r.pairs { if let id = k.text, let level = string(v) { s.lint.rules[id] = level } }
            }
            for entry in list(l["paths"]) ?? [] {
                guard let match = string(entry["match"]) else { continue }
                var rules: [String: String] = [:]
                if let r = entry["rules"], r.isMapping {
                    for (k, v) in r.pairs { if let id = k.text, let level = string(v) { rules[id] = level } }
                }
                s.lint.paths.append((match, rules))
            }
        }
        return s
    }
}
