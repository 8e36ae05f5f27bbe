import Foundation

/// `trackplan verify`: checks captured events against the plan, one payload at a time,
/// keeping only counters and the hashes of event ids and exposure keys (so memory stays
/// flat in the length of the capture, but for those few bytes per distinct id).
public struct Verifier {
    public struct Options: Sendable {
        public var plans: [String]
        public var terminal: String?
        public init(plans: [String] = [], terminal: String? = nil) {
            self.plans = plans
            self.terminal = terminal
        }
    }

    /// A parameter compiled for checking.
    final class FieldSpec {
        let name: String
        let key: [UInt8]
        let type: ParamType
        let required: Bool
        let pii: Bool
        let minLength: Int?, maxLength: Int?
        let min: Double?, max: Double?
        let minItems: Int?, maxItems: Int?
        let format: String?
        let pattern: String?
        let regex: NSRegularExpression?
        let stringValues: Set<String>
        let intValues: Set<Int>
        /// The enum's values as UTF-8, for comparing captured bytes without decoding.
        let valueBytes: [[UInt8]]
        /// Every value is an integer: only JSON integers are allowed.
        let integersOnly: Bool
        /// Recent pattern answers by value.
        var patternMemo: [String: Bool] = [:]
        let valuesText: String
        let properties: [FieldSpec]
        let propertySet: FieldSet
        let items: FieldSpec?
        let planPath: String
        let planLocation: SourceLocation?

        init(_ p: Parameter) {
            name = p.name
            key = Array(p.name.utf8)
            type = p.type ?? .string
            required = p.isRequired
            pii = p.isPII
            minLength = p.minLength; maxLength = p.maxLength
            min = p.min; max = p.max
            minItems = p.minItems; maxItems = p.maxItems
            format = p.format
            pattern = p.pattern
            regex = p.pattern.flatMap { try? NSRegularExpression(pattern: $0) }
            var strings = Set<String>(), ints = Set<Int>()
            for v in p.values ?? [] {
                if case .int(let i)? = v.value { ints.insert(i) }
                if let t = v.text { strings.insert(t) }
            }
            stringValues = strings
            intValues = ints
            valueBytes = strings.sorted().map { Array($0.utf8) }
            integersOnly = !ints.isEmpty && ints.count == strings.count
            valuesText = (p.values ?? []).compactMap(\.text).joined(separator: ", ")
            properties = (p.properties ?? []).map(FieldSpec.init)
            propertySet = FieldSet(properties)
            items = p.items.map { FieldSpec($0.value) }
            planPath = p.path
            planLocation = (p.keyNode ?? p.node)?.start
        }

        var planRef: String { planLocation.map { "\(planPath):\($0.line):\($0.column)" } ?? planPath }
    }

    /// Parameters with their names laid out in one byte buffer, so finding the one a
    /// captured key names is a few byte comparisons: no strings, no hashing, no retains.
    final class FieldSet {
        let fields: [FieldSpec]
        let blob: [UInt8]
        let starts: [Int]
        /// Indices of the required fields.
        let required: [Int]
        /// Where named parameters sit (-1: not here): set by the verifier for the event id,
        /// the view and the de-duplication key.
        var special: [Int] = []
        /// The same names among the common parameters (-1: not there).
        var specialCommon: [Int] = []

        /// The scalar checks of each field as plain values, for the fast path.
        let cores: [Core]

        init(_ fields: [FieldSpec], special names: [String] = []) {
            self.fields = fields
            cores = fields.map(Core.init)
            required = fields.indices.filter { fields[$0].required }
            special = names.map { n in fields.firstIndex { $0.name == n } ?? -1 }
            var blob: [UInt8] = [], starts: [Int] = [0]
            for f in fields { blob += f.key; starts.append(blob.count) }
            self.blob = blob
            self.starts = starts
        }

        /// The index of the field named by `key`, or -1.
        @inline(__always)
        func find(_ key: UnsafeBufferPointer<UInt8>) -> Int {
            blob.withUnsafeBufferPointer { blob in
                starts.withUnsafeBufferPointer { starts in
                    for i in 0 ..< starts.count - 1 {
                        let len = starts[i + 1] - starts[i]
                        if len == key.count && (len == 0 || bytesEqual(blob.baseAddress! + starts[i], key.baseAddress!, len)) { return i }
                    }
                    return -1
                }
            }
        }
    }

    /// A field's scalar constraints as plain values: checked without touching the
    /// field's object (no reference counting in the loop over a payload's keys). Only
    /// fields whose whole check fits here are `simple`; the rest take the full path.
    struct Core {
        enum Kind: UInt8 { case string, uuid, integer, timestamp, number, boolean, other }
        let kind: Kind
        let minLength: Int, maxLength: Int
        let min: Double, max: Double

        init(_ f: FieldSpec) {
            switch f.type {
            case .string where f.pattern == nil && f.format == nil: kind = .string
            case .string where f.pattern == nil && f.format == "uuid": kind = .uuid
            case .integer: kind = .integer
            case .timestamp: kind = .timestamp
            case .number: kind = .number
            case .boolean: kind = .boolean
            default: kind = .other
            }
            minLength = f.minLength ?? 0
            maxLength = f.maxLength ?? Int.max
            min = f.min ?? -Double.infinity
            max = f.max ?? Double.infinity
        }

        /// True when the value at node `v` certainly passes; false sends it to the full
        /// check, which finds and words the problem (or passes it after all).
        @inline(__always)
        func passes(_ v: Int, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = t.nodes[v]
            if n.kind == .null { return true }
            switch kind {
            case .string, .uuid:
                guard n.kind == .string, !n.flag else { return false }
                if kind == .uuid && !Formats.uuid(UnsafeBufferPointer(rebasing: b[Int(n.start) ..< Int(n.end)])) { return false }
                if minLength == 0 && maxLength == Int.max { return true }
                var count = 0
                for i in Int(n.start) ..< Int(n.end) where b[i] & 0xC0 != 0x80 { count += 1 }
                return count >= minLength && count <= maxLength
            case .integer, .timestamp:
                guard n.kind == .number, n.flag, let i = t.int(v, in: b) else { return false }
                if kind == .timestamp && i < 0 { return false }
                let d = Double(i)
                return d >= min && d <= max
            case .number:
                guard n.kind == .number else { return false }
                if min == -Double.infinity && max == Double.infinity { return true }
                let d = n.flag ? t.int(v, in: b).map(Double.init) ?? t.double(v, in: b) : t.double(v, in: b)
                return d >= min && d <= max
            case .boolean:
                return n.kind == .true || n.kind == .false
            case .other:
                return false
            }
        }
    }

    /// An event compiled for checking, with its parameters per terminal (overrides applied).
    final class EventSpec {
        let event: Event
        let plan: Plan
        let type: EventType?
        let terminals: Set<String>
        let position: String?
        let exposure: ExposureRule?
        let planRef: String
        let dedupeKey: [String]
        /// Its parameters for each terminal (its overrides applied), by terminal id (0: no
        /// terminal), computed on first use.
        var sets: [FieldSet?] = []
        /// How often it was seen, by terminal id (0: the payload named none).
        var seenByID: [Int] = []
        let nameBytes: [UInt8]
        let planCounts: PlanCounts

        init(_ event: Event, plan: Plan, workspace: Workspace, planCounts: PlanCounts) {
            self.planCounts = planCounts
            nameBytes = Array(event.name.utf8)
            self.event = event
            self.plan = plan
            type = workspace.effectiveType(of: event)
            terminals = Set(plan.terminals(of: event))
            position = event.position.map(\.path).flatMap { $0.isEmpty ? nil : $0 }
            exposure = workspace.effectiveExposure(of: event)
            dedupeKey = exposure?.dedupeKey.compactMap(\.text) ?? []
            let at = (event.nameNode ?? event.node).start
            planRef = "\(plan.path):\(at.line):\(at.column)"
        }
    }

    public struct Counts: Sendable, Equatable, Codable {
        public var events = 0
        public var errors = 0
        public var warnings = 0
    }

    /// Per-plan counters, shared by the plan's events (no lookups per event).
    final class PlanCounts {
        var counts = Counts()
        var events: Int { get { counts.events } set { counts.events = newValue } }
    }

    public struct CoverageRow: Sendable, Equatable, Codable {
        public var plan: String
        public var event: String
        public var terminal: String
        public var count: Int
    }

    public struct Summary: Sendable, Codable {
        public var inputs: [String]
        public var inputDigest: String
        public var payloads: Int
        public var events: Int
        public var skipped: Int
        public var malformed: Int
        public var errors: Int
        public var warnings: Int
        public var coverage: [CoverageRow]
        public var unseen: [CoverageRow]
        public var plans: [String: Counts]
        public var passed: Bool
        /// Plans a `--record` writes to, and whether each passed.
        public var planResults: [String: Bool]
    }

    let workspace: Workspace
    let options: Options
    let mapping: CaptureMapping
    var specs: [String: EventSpec] = [:]
    /// The same specs in a list, and a table from a fingerprint of each name to its index.
    var specList: [EventSpec] = []
    var specIndex = SeenTable(maxSlots: 1 << 40)  // every name of the workspace: never forgets
    var knownNames: [String] = []
    var common: [FieldSpec] = []
    var positionsWithExposure = Set<String>()
    let eventPath: [[UInt8]]?
    let terminalPaths: [[[UInt8]]]
    let parametersPath: [[UInt8]]?
    let eventIDKey: String
    let viewKey: String

    public private(set) var diagnostics: [Diagnostic] = []
    var planCounts: [String: PlanCounts] = [:]
    var terminalsSeen = Set<String>()
    let knownTerminals: Set<String>
    let envelopeKeys: [[UInt8]]
    var terminalCache: [([UInt8], String)] = []
    var optionsTerminalID = 0
    var commonSet = FieldSet([])
    var slots: [Int] = []
    var commonSlots: [Int] = []
    var eventIDs = SeenTable()
    var exposures = SeenTable()
    var exposedPositions = SeenTable()
    var payloads = 0, events = 0, skipped = 0, malformed = 0
    var tape = JSONTape()
    /// Findings are capped per rule so a broken SDK cannot flood the report.
    var perRule: [String: Int] = [:]
    var errorCount = 0, warningCount = 0
    /// The plan of the event being checked, for per-plan counts.
    var currentPlan: PlanCounts?
    public var maxPerRule = 1000

    /// How the workspace root is written from the current folder, for plan locations.
    let planPrefix: String

    public init(workspace: Workspace, options: Options = Options(), planPrefix: String = "") {
        self.workspace = workspace
        self.planPrefix = planPrefix
        self.options = options
        mapping = workspace.settings.capture
        func path(_ s: String) -> [[UInt8]] { s.split(separator: ".").map { Array($0.utf8) } }
        eventPath = path(mapping.event ?? "event")
        terminalPaths = mapping.terminal.map { [path($0)] } ?? [path("terminal"), path("context.terminal")]
        parametersPath = mapping.parameters.map(path)
        eventIDKey = mapping.eventID
        viewKey = mapping.view
        knownTerminals = Set(workspace.settings.terminals.keys)
        var envelope: [[UInt8]] = [Self.typeKey]
        if let first = eventPath?.first { envelope.append(first) }
        for p in terminalPaths { if let first = p.first { envelope.append(first) } }
        envelopeKeys = envelope
        for plan in workspace.plans where plan.status != .retired {
            let counts = PlanCounts()
            planCounts[plan.id] = counts
            for event in plan.events where specs[event.name] == nil {
                let spec = EventSpec(event, plan: plan, workspace: workspace, planCounts: counts)
                specs[event.name] = spec
                if spec.exposure != nil, let p = spec.position { positionsWithExposure.insert(p) }
            }
        }
        knownNames = specs.keys.sorted()
        for name in knownNames {
            var h = Fingerprint()
            h.add(name)
            _ = specIndex.firstLine(of: h.value, orInsertAt: specList.count)
            specList.append(specs[name]!)
        }
        common = workspace.settings.commonParameters.map(FieldSpec.init)
        commonSet = FieldSet(common, special: [eventIDKey, viewKey])
        if let t = options.terminal {
            terminalCache.append((Array(t.utf8), t))
            optionsTerminalID = 1
        }
    }

    func inScope(_ spec: EventSpec) -> Bool { options.plans.isEmpty || options.plans.contains(spec.plan.id) }

    /// The field set of `spec` for the terminal with id `id` (0: none).
    func fieldSet(_ spec: EventSpec, terminal: String?, id: Int) -> FieldSet {
        if id < spec.sets.count, let set = spec.sets[id] { return set }
        let names = [eventIDKey, viewKey] + spec.dedupeKey
        let fields = workspace.effectiveParameters(of: spec.event, terminal: terminal).map(FieldSpec.init)
        let set = FieldSet(fields, special: names)
        set.specialCommon = names.map { n in common.firstIndex { $0.name == n } ?? -1 }
        if spec.sets.count <= id { spec.sets.append(contentsOf: repeatElement(nil, count: id + 1 - spec.sets.count)) }
        spec.sets[id] = set
        return set
    }

    // MARK: - Reporting

    struct Place {
        let path: String
        let line: Int
        let entry: String?
    }

    mutating func report(_ place: Place, _ severity: Severity, _ rule: String, _ message: String, plan: String? = nil) {
        if severity == .error { errorCount += 1 } else { warningCount += 1 }
        if let current = currentPlan {
            if severity == .error { current.counts.errors += 1 } else { current.counts.warnings += 1 }
        }
        let n = perRule[rule, default: 0] + 1
        perRule[rule] = n
        if n > maxPerRule { return }
        var text = message
        if let e = place.entry { text = "\(e): " + text }
        if let plan { text += " (plan: \(planPrefix)\(plan))" }
        if n == maxPerRule { text += " [further \(rule) findings are not shown]" }
        diagnostics.append(Diagnostic(path: place.path, location: SourceLocation(line: place.line, column: 1, offset: 0), severity: severity,
                                      ruleID: "verify/" + rule, message: text))
    }

    /// A captured value in a message: quoted, escaped, and cut to 80 characters.
    static func quoted(_ s: String, quote: String = "\"") -> String {
        let cut = s.count > 80 ? String(s.prefix(77)) + "..." : s
        let escaped = cut.unicodeScalars.map { u -> String in
            switch u {
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case "\\": return "\\\\"
            default:
                if String(u) == quote { return "\\" + quote }
                return u.value < 0x20 || u.value == 0x7F ? String(format: "\\u{%X}", u.value) : String(u)
            }
        }.joined()
        return quote + escaped + quote + (s.count > 80 ? " (\(s.count) characters)" : "")
    }

    // MARK: - Payloads

    /// Checks one captured payload: a JSON object (an event, or `{"batch": [...]}`), or an
    /// array of them. A payload that is not JSON is reported and skipped.
    public mutating func check(payload: UnsafeBufferPointer<UInt8>, path: String, line: Int, entry: String? = nil) {
        payloads += 1
        let place = Place(path: path, line: line, entry: entry)
        do {
            try tape.parse(payload)
        } catch {
            malformed += 1
            report(place, .error, "malformed", "not JSON: \(error.message) at byte \(error.offset + 1); skipped")
            return
        }
        let t = tape
        walk(0, t, payload, place)
    }

    mutating func walk(_ index: Int, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>, _ place: Place) {
        switch t.nodes[index].kind {
        case .array:
            for e in t.elements(index) { walk(e, t, b, place) }
        case .object:
            if let batch = t.member(index, Self.batchKey, in: b), t.nodes[batch].kind == .array,
               t.member(index, eventPath?.first ?? [], in: b) == nil {
                for e in t.elements(batch) { walk(e, t, b, place) }
            } else {
                checkEvent(index, t, b, place)
            }
        default:
            skipped += 1
            report(place, .warning, "not-an-event", "a \(t.nodes[index].kind) where an event object was expected")
        }
    }

    func lookup(_ index: Int, _ path: [[UInt8]], _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = index
        for key in path {
            guard let next = t.member(i, key, in: b) else { return nil }
            i = next
        }
        return i
    }

    static let typeKey = Array("type".utf8)
    static let batchKey = Array("batch".utf8)
    static let propertiesKey = Array("properties".utf8)
    static let skippedTypes: [[UInt8]] = ["page", "screen", "identify", "group", "alias"].map { Array($0.utf8) }

    /// The raw bytes of a node (a string's text without quotes).
    @inline(__always)
    func raw(_ i: Int, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: b[Int(t.nodes[i].start) ..< Int(t.nodes[i].end)])
    }

    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ key: [UInt8]) -> Bool {
        a.count == key.count && key.withUnsafeBufferPointer { a.count == 0 || bytesEqual(a.baseAddress!, $0.baseAddress!, a.count) }
    }

    /// The index of the field whose name is the key at tape node `k`, or -1.
    @inline(__always)
    func find(_ k: Int, in set: FieldSet, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        if t.nodes[k].flag {
            let key = Array(t.string(k, in: b).utf8)
            return key.withUnsafeBufferPointer { set.find($0) }
        }
        return set.find(raw(k, t, b))
    }

    mutating func checkEvent(_ object: Int, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>, _ place: Place) {
        // Segment's page, screen and identify calls are not tracked events.
        if let type = t.member(object, Self.typeKey, in: b), t.nodes[type].kind == .string, !t.nodes[type].flag {
            let r = raw(type, t, b)
            if Self.skippedTypes.contains(where: { Self.equal(r, $0) }) { skipped += 1; return }
        }
        guard let nameIndex = lookup(object, eventPath ?? [], t, b), t.nodes[nameIndex].kind == .string else {
            skipped += 1
            report(place, .warning, "no-event-name", "no event name at `\(mapping.event ?? "event")`; skipped")
            return
        }
        var terminalNode: Int?
        for p in terminalPaths {
            if let i = lookup(object, p, t, b), t.nodes[i].kind == .string { terminalNode = i; break }
        }
        var terminal = options.terminal
        var terminalID = optionsTerminalID
        if let node = terminalNode { (terminal, terminalID) = terminalName(node, t, b) }
        guard let spec = spec(named: nameIndex, t, b) else {
            let name = t.string(nameIndex, in: b)
            events += 1
            report(place, .error, "unknown-event", "event \(Self.quoted(name, quote: "'")) is not in any plan\(TemplateRuleSupport.didYouMean(name, knownNames))")
            return
        }
        guard inScope(spec) else { skipped += 1; return }
        let name = spec.event.name
        events += 1
        spec.planCounts.events += 1
        currentPlan = spec.planCounts
        defer { currentPlan = nil }
        var planned = false
        if let terminal {
            if spec.seenByID.count <= terminalID { spec.seenByID.append(contentsOf: repeatElement(0, count: terminalID + 1 - spec.seenByID.count)) }
            spec.seenByID[terminalID] += 1
            if spec.seenByID[terminalID] == 1 { terminalsSeen.insert(terminal) }
            if !knownTerminals.contains(terminal) {
                report(place, .error, "unknown-terminal", "terminal \(Self.quoted(terminal, quote: "'")) is not in \(workspace.settings.path)\(TemplateRuleSupport.didYouMean(terminal, workspace.settings.terminalOrder))")
            } else if !spec.terminals.contains(terminal) {
                report(place, .error, "terminal-not-planned", "'\(name)' is not planned for \(terminal) (planned: \(spec.plan.terminals(of: spec.event).joined(separator: ", ")))", plan: spec.planRef)
            } else {
                planned = true
            }
        } else {
            if spec.seenByID.isEmpty { spec.seenByID = [0] }
            spec.seenByID[0] += 1
        }

        // The parameters object: the mapped path, else `properties`, else the payload itself
        // (less the keys that carried the name and terminal).
        let params: Int
        if let pp = parametersPath, !pp.isEmpty {
            guard let i = lookup(object, pp, t, b), t.nodes[i].kind == .object else {
                report(place, .error, "no-parameters", "'\(name)': no parameters object at `\(mapping.parameters ?? "")`", plan: spec.planRef)
                return
            }
            params = i
        } else if parametersPath == nil, let i = t.member(object, Self.propertiesKey, in: b), t.nodes[i].kind == .object {
            params = i
        } else {
            params = object
        }

        let set = fieldSet(spec, terminal: planned ? terminal : nil, id: planned ? terminalID : 0)
        let fields = set.fields
        // Which tape node holds each field's and each common parameter's value (-1: absent).
        if slots.count < fields.count { slots = [Int](repeating: -1, count: fields.count * 2) }
        if commonSlots.count < common.count { commonSlots = [Int](repeating: -1, count: common.count) }
        slots.withUnsafeMutableBufferPointer { for i in 0 ..< fields.count { $0[i] = -1 } }
        commonSlots.withUnsafeMutableBufferPointer { for i in 0 ..< common.count { $0[i] = -1 } }
        var k = params + 1
        for _ in 0 ..< t.nodes[params].count {
            let v = k + 1
            defer { k = Int(t.nodes[v].next) }
            if params == object, !t.nodes[k].flag {
                let r = raw(k, t, b)
                if envelopeKeys.contains(where: { Self.equal(r, $0) }) { continue }
            }
            let i = find(k, in: set, t, b)
            if i >= 0 {
                slots[i] = v
                if !set.cores[i].passes(v, t, b) { check(v, against: fields[i], label: Path(fields[i].name), t, b, place, event: name) }
                continue
            }
            let j = find(k, in: commonSet, t, b)
            if j >= 0 {
                commonSlots[j] = v
                if !commonSet.cores[j].passes(v, t, b) { check(v, against: common[j], label: Path(common[j].name), t, b, place, event: name) }
                continue
            }
            let key = t.string(k, in: b)
            report(place, .error, "unexpected-parameter", "'\(name)' sent \(Self.quoted(key, quote: "'")), which the plan does not declare\(TemplateRuleSupport.didYouMean(key, fields.map(\.name) + common.map(\.name)))", plan: spec.planRef)
        }
        for i in set.required where slots[i] < 0 || t.nodes[slots[i]].kind == .null {
            let f = fields[i]
            report(place, .error, "missing-parameter", "'\(name)' lacks required '\(f.name)'\(terminal.map { " on \($0)" } ?? "")", plan: f.planRef)
        }
        for j in commonSet.required where commonSlots[j] < 0 || t.nodes[commonSlots[j]].kind == .null {
            let f = common[j]
            if set.find(f.key.withUnsafeBufferPointer { $0 }) >= 0 { continue }
            report(place, .error, "missing-common-parameter", "'\(name)' lacks the common parameter '\(f.name)'", plan: f.planRef)
        }

        /// The value node sent for the k-th special name (0 event id, 1 view, then the
        /// de-duplication key), or nil.
        func value(_ k: Int) -> Int? {
            let i = set.special[k]
            if i >= 0, slots[i] >= 0 { return slots[i] }
            let j = set.specialCommon[k]
            if j >= 0, commonSlots[j] >= 0 { return commonSlots[j] }
            return nil
        }

        // Idempotency: one event per event id.
        if let i = value(0), t.nodes[i].kind == .string || t.nodes[i].kind == .number {
            var h = Fingerprint()
            h.add(UnsafeRawBufferPointer(raw(i, t, b)))
            if let first = eventIDs.firstLine(of: h.value, orInsertAt: place.line) {
                report(place, .error, "duplicate-event-id", "'\(name)': \(eventIDKey) \(Self.quoted(t.string(i, in: b))) was already sent at line \(first); the collector drops this one")
            }
        }

        // Exposures: once per de-duplication key; clicks after an exposure of their position.
        guard spec.exposure != nil || spec.type == .click else { return }
        let viewNode = value(1)
        func positionKey(_ p: String) -> UInt64 {
            var h = Fingerprint()
            h.add(p)
            if let v = viewNode { h.add(UnsafeRawBufferPointer(raw(v, t, b))) } else { h.mix(0xFF) }
            return h.value
        }
        if let rule = spec.exposure {
            let keys = spec.dedupeKey
            var h = Fingerprint()
            h.add(name)
            for (n, _) in keys.enumerated() {
                if let v = value(2 + n) { h.add(UnsafeRawBufferPointer(raw(v, t, b))); h.mix(UInt64(t.nodes[v].kind.rawValue)) } else { h.mix(0xFFFF) }
            }
            if !keys.isEmpty, let first = exposures.firstLine(of: h.value, orInsertAt: place.line) {
                report(place, .error, "duplicate-exposure", "'\(name)' exposed again for the same \(keys.joined(separator: " + ")) (first at line \(first)); one exposure per key", plan: spec.planRef)
            }
            _ = rule
            if let p = spec.position {
                _ = exposedPositions.firstLine(of: positionKey(p), orInsertAt: place.line)
            }
        } else if let p = spec.position, positionsWithExposure.contains(p) {
            if !exposedPositions.contains(positionKey(p)) {
                let view = viewNode.map { text(of: $0, t, b) } ?? ""
                report(place, .warning, "click-without-exposure", "'\(name)' clicked at \(p) with no exposure of that position in \(viewKey) \(view.isEmpty ? "(none)" : Self.quoted(view)) before it", plan: spec.planRef)
            }
        }
    }

    /// The spec of the event named at tape node `i`: by a fingerprint of its bytes, checked
    /// against the name (no String made), or by name when the text is escaped.
    func spec(named i: Int, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>) -> EventSpec? {
        if t.nodes[i].flag { return specs[t.string(i, in: b)] }
        let r = raw(i, t, b)
        var h = Fingerprint()
        h.add(UnsafeRawBufferPointer(r))
        guard let k = specIndex.value(of: h.value) else { return nil }
        let spec = specList[k]
        return Self.equal(r, spec.nameBytes) ? spec : specs[String(decoding: r, as: UTF8.self)]
    }

    /// How often `spec` was seen on `terminal` ("?": payloads that named none).
    func seenCount(_ spec: EventSpec, _ terminal: String) -> Int {
        let id = terminal == "?" ? 0 : (terminalCache.firstIndex { $0.1 == terminal }.map { $0 + 1 } ?? -1)
        return id >= 0 && id < spec.seenByID.count ? spec.seenByID[id] : 0
    }

    /// A terminal's name and id, from a small cache of the raw bytes seen (captures
    /// repeat a few terminals). Ids start at 1; 0 is "none".
    mutating func terminalName(_ i: Int, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>) -> (String, Int) {
        let name: String
        if !t.nodes[i].flag {
            let r = raw(i, t, b)
            for (k, entry) in terminalCache.enumerated() where Self.equal(r, entry.0) { return (entry.1, k + 1) }
            name = String(decoding: r, as: UTF8.self)
        } else {
            name = t.string(i, in: b)
        }
        if let k = terminalCache.firstIndex(where: { $0.1 == name }) { return (name, k + 1) }
        terminalCache.append((Array(name.utf8), name))
        return (name, terminalCache.count)
    }

    /// A scalar's text for keys: strings decoded, numbers and literals as written.
    func text(of i: Int, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>) -> String {
        let n = t.nodes[i]
        if n.kind == .string { return t.string(i, in: b) }
        return String(decoding: UnsafeBufferPointer(rebasing: b[Int(n.start) ..< Int(n.end)]), as: UTF8.self)
    }

    // MARK: - Values

    mutating func check(_ v: Int, against f: FieldSpec, label: Path, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>,
                        _ place: Place, event: String) {
        let node = t.nodes[v]
        if node.kind == .null {
            return  // an optional value sent as null counts as absent; a required one is reported as missing
        }
        func wrong(_ expected: String) {
            report(place, .error, "wrong-type", "'\(event)'.\(label) is \(describe(node.kind)) where the plan says \(expected)", plan: f.planRef)
        }
        switch f.type {
        case .string:
            guard node.kind == .string else { return wrong("a string") }
            checkString(v, f, label, t, b, place, event)
        case .integer, .timestamp:
            guard node.kind == .number, node.flag, let i = t.int(v, in: b) else {
                return wrong(f.type == .timestamp ? "a timestamp (integer milliseconds)" : "an integer")
            }
            if f.type == .timestamp, i < 0 { report(place, .error, "out-of-range", "'\(event)'.\(label) = \(i) is not a time (milliseconds since 1970)", plan: f.planRef) }
            checkRange(Double(i), f, label, place, event, text: String(i))
        case .number:
            guard node.kind == .number else { return wrong("a number") }
            if f.min != nil || f.max != nil {
                checkRange(t.double(v, in: b), f, label, place, event, text: text(of: v, t, b))
            }
        case .boolean:
            guard node.kind == .true || node.kind == .false else { return wrong("a boolean") }
        case .enum:
            if node.kind == .string {
                let allowed = !f.integersOnly && (node.flag ? f.stringValues.contains(t.string(v, in: b))
                                                             : f.valueBytes.contains { Self.equal(raw(v, t, b), $0) })
                if !allowed {
                    report(place, .error, "enum-value", "'\(event)'.\(label) = \(Self.quoted(t.string(v, in: b))) is not one of \(f.valuesText)", plan: f.planRef)
                }
            } else if node.kind == .number, let i = t.int(v, in: b) {
                if !f.intValues.contains(i) {
                    report(place, .error, "enum-value", "'\(event)'.\(label) = \(i) is not one of \(f.valuesText)", plan: f.planRef)
                }
            } else {
                wrong("one of \(f.valuesText)")
            }
        case .object:
            guard node.kind == .object else { return wrong("an object") }
            var present = [Bool](repeating: false, count: f.properties.count)
            var k = v + 1
            for _ in 0 ..< node.count {
                let value = k + 1
                defer { k = Int(t.nodes[value].next) }
                let i = find(k, in: f.propertySet, t, b)
                if i >= 0 {
                    present[i] = t.nodes[value].kind != .null
                    let p = f.properties[i]
                    check(value, against: p, label: label.member(p.name), t, b, place, event: event)
                } else {
                    let key = t.string(k, in: b)
                    report(place, .error, "unexpected-parameter", "'\(event)'.\(label) has \(Self.quoted(key, quote: "'")), which the plan does not declare\(TemplateRuleSupport.didYouMean(key, f.properties.map(\.name)))", plan: f.planRef)
                }
            }
            for (i, p) in f.properties.enumerated() where p.required && !present[i] {
                report(place, .error, "missing-parameter", "'\(event)'.\(label) lacks required '\(p.name)'", plan: p.planRef)
            }
        case .array:
            guard node.kind == .array else { return wrong("an array") }
            let n = Int(node.count)
            if let m = f.minItems, n < m { report(place, .error, "item-count", "'\(event)'.\(label) has \(n) items, fewer than \(m)", plan: f.planRef) }
            if let m = f.maxItems, n > m { report(place, .error, "item-count", "'\(event)'.\(label) has \(n) items, more than \(m)", plan: f.planRef) }
            if let item = f.items {
                var e = v + 1
                for k in 0 ..< n {
                    check(e, against: item, label: label.index(k), t, b, place, event: event)
                    e = Int(t.nodes[e].next)
                }
            }
        }
    }

    /// Where a value sits (`product.sku_id`, `items[2]`), spelled out only when reported.
    struct Path: CustomStringConvertible {
        /// A prefix, then at most one member and one index (`item.tags[2]`): kept apart
        /// until a finding spells them out, so the common cases build no strings.
        let parent: String
        var member: String?
        var index = -1

        init(_ parent: String, member: String? = nil, index: Int = -1) {
            self.parent = parent
            self.member = member
            self.index = index
        }

        func member(_ name: String) -> Path {
            member == nil && index < 0 ? Path(parent, member: name) : Path(text, member: name)
        }

        func index(_ i: Int) -> Path {
            index < 0 ? Path(parent, member: member, index: i) : Path(text, index: i)
        }

        var text: String {
            var s = parent
            if let member { s += "." + member }
            if index >= 0 { s += "[\(index)]" }
            return s
        }
        var description: String { text }
    }

    func describe(_ k: JSONTape.Kind) -> String {
        switch k {
        case .null: "null"
        case .true, .false: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Length, pattern and format of the string at tape node `v`. Unescaped text is
    /// measured and uuid-checked on its bytes; patterns and other formats decode it, and
    /// remember recent answers (captures repeat their values).
    mutating func checkString(_ v: Int, _ f: FieldSpec, _ label: Path, _ t: JSONTape, _ b: UnsafeBufferPointer<UInt8>,
                              _ place: Place, _ event: String) {
        let escaped = t.nodes[v].flag
        let bytes = raw(v, t, b)
        if f.minLength != nil || f.maxLength != nil {
            var n = 0
            if escaped {
                n = t.string(v, in: b).unicodeScalars.count
            } else {
                for c in bytes where c & 0xC0 != 0x80 { n += 1 }
            }
            if let m = f.minLength, n < m { report(place, .error, "length", "'\(event)'.\(label) has \(n) characters, fewer than \(m)", plan: f.planRef) }
            if let m = f.maxLength, n > m { report(place, .error, "length", "'\(event)'.\(label) has \(n) characters, more than \(m)", plan: f.planRef) }
        }
        if let re = f.regex {
            let s = t.string(v, in: b)
            let ok: Bool
            if let known = f.patternMemo[s] {
                ok = known
            } else {
                ok = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
                if f.patternMemo.count >= 4096 { f.patternMemo.removeAll(keepingCapacity: true) }
                f.patternMemo[s] = ok
            }
            if !ok { report(place, .error, "pattern", "'\(event)'.\(label) = \(Self.quoted(s)) does not match \(f.pattern ?? "")", plan: f.planRef) }
        }
        if let format = f.format {
            let ok = format == "uuid" && !escaped ? Formats.uuid(bytes) : Formats.valid(t.string(v, in: b), format)
            if !ok { report(place, .error, "format", "'\(event)'.\(label) = \(Self.quoted(t.string(v, in: b))) is not a valid \(format)", plan: f.planRef) }
        }
    }

    mutating func checkRange(_ x: Double, _ f: FieldSpec, _ label: Path, _ place: Place, _ event: String, text: String) {
        if let m = f.min, x < m { report(place, .error, "out-of-range", "'\(event)'.\(label) = \(text) is below \(Catalog.number(m))", plan: f.planRef) }
        if let m = f.max, x > m { report(place, .error, "out-of-range", "'\(event)'.\(label) = \(text) is above \(Catalog.number(m))", plan: f.planRef) }
    }

    // MARK: - The end

    /// Coverage and the verdict. In scope: the plans named with --plan, else every plan
    /// with at least one event in the capture; each of their events must have been seen on
    /// every covered terminal it is planned for (the terminals seen, or --terminal).
    public func summary(inputs: [String], inputDigest: String) -> Summary {
        let scope: [Plan]
        if !options.plans.isEmpty {
            scope = workspace.plans.filter { options.plans.contains($0.id) }
        } else {
            scope = workspace.plans.filter { (planCounts[$0.id]?.counts.events ?? 0) > 0 && $0.status != .retired }
        }
        var covered = terminalsSeen
        if let t = options.terminal { covered.insert(t) }
        var coverage: [CoverageRow] = []
        var unseen: [CoverageRow] = []
        var planResults: [String: Bool] = [:]
        for plan in scope.sorted(by: { $0.id < $1.id }) {
            var ok = (planCounts[plan.id]?.counts.errors ?? 0) == 0
            for event in plan.events {
                let planned = plan.terminals(of: event)
                let terminals = covered.isEmpty ? ["?"] : planned.filter { covered.contains($0) }
                for terminal in terminals {
                    let n = specs[event.name].map { $0.plan.id == plan.id ? seenCount($0, terminal) : 0 } ?? 0
                    let row = CoverageRow(plan: plan.id, event: event.name, terminal: terminal, count: n)
                    coverage.append(row)
                    if n == 0 { unseen.append(row); ok = false }
                }
            }
            planResults[plan.id] = ok
        }
        let errors = errorCount, warnings = warningCount
        return Summary(inputs: inputs, inputDigest: inputDigest, payloads: payloads, events: events, skipped: skipped,
                       malformed: malformed, errors: errors, warnings: warnings, coverage: coverage, unseen: unseen,
                       plans: planCounts.filter { $0.value.counts.events > 0 }.mapValues(\.counts), passed: errors == 0 && unseen.isEmpty && events > 0, planResults: planResults)
    }
}

/// String formats the plan format knows, checked as JSON Schema's format vocabulary does.
enum Formats {
    static let email = try! NSRegularExpression(pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    static let uuid = try! NSRegularExpression(pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

    /// 8-4-4-4-12 hexadecimal digits, on raw bytes.
    static func uuid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)) {
                return false
            }
        }
        return true
    }

    static func valid(_ s: String, _ format: String) -> Bool {
        let range = NSRange(s.startIndex..., in: s)
        switch format {
        case "uuid": return uuid.firstMatch(in: s, range: range) != nil
        case "email": return email.firstMatch(in: s, range: range) != nil
        case "url": return URL(string: s).map { $0.scheme != nil && !($0.host ?? "").isEmpty || $0.scheme == "mailto" } ?? false
        case "date": return DateCheck.parseDate(s) != nil
        case "datetime": return DateCheck.isDateTime(s)  // as the plan format reads date-times
        case "ipv4":
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 4 && parts.allSatisfy { p in p.count <= 3 && !p.isEmpty && p.allSatisfy(\.isASCII) && Int(p).map { $0 <= 255 } ?? false }
        case "ipv6":
            var addr = in6_addr()
            return inet_pton(AF_INET6, s, &addr) == 1
        default: return true
        }
    }
}
