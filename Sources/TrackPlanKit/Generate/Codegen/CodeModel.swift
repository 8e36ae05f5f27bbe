import Foundation

/// What code generation works from, in no language yet: the events planned (for one
/// terminal, if asked), each with its parameters resolved through templates and
/// overrides, and the workspace's common parameters.
public struct CodeModel: Sendable {
    public indirect enum ValueType: Sendable, Equatable {
        case string, integer, number, boolean, timestamp
        /// String or integer values; `name` is the type's base name (words).
        case enumeration(name: [String], values: [EnumValue])
        case object(name: [String], properties: [Field])
        case array(ValueType)
    }

    public struct EnumValue: Sendable, Equatable {
        public var text: String
        /// The value as JSON sends it: an integer when the plan wrote one.
        public var integer: Int?
    }

    public struct Field: Sendable, Equatable {
        /// This field's purposes if it is PII, then those of PII nested in it.
        public var piiPurposes: [String] {
            var out: [String] = []
            if pii { out.append(consent ?? "") }
            func walk(_ t: ValueType) {
                switch t {
                case .object(_, let props): for p in props { out += p.piiPurposes }
                case .array(let item): walk(item)
                default: break
                }
            }
            walk(type)
            return out
        }
        /// True when this field is PII or holds PII.
        public var holdsPII: Bool { pii || !piiPurposes.isEmpty }

        public var name: String
        public var type: ValueType
        public var required: Bool
        public var description: String?
        public var pii: Bool
        public var consent: String?
        public var minLength: Int?
        public var maxLength: Int?
        public var pattern: String?
        public var format: String?
        public var min: Double?
        public var max: Double?
        public var minItems: Int?
        public var maxItems: Int?
        /// For an array: its item, with the item's own constraints (lengths, ranges, format...).
        public var items: [Field] = []
    }

    public struct Exposure: Sendable, Equatable {
        public var minVisibleRatio: Double?
        public var minDurationMs: Int?
        public var dedupeKey: [String]
    }

    public struct Event: Sendable, Equatable {
        public var name: String
        public var plan: String
        public var planPath: String
        public var type: String
        public var template: String?
        public var description: String?
        public var displayEN: String?
        public var displayZH: String?
        /// `page.module.slot`, as far as given.
        public var position: String?
        public var terminals: [String]
        public var fields: [Field]
        public var exposure: Exposure?
        /// Top-level keys whose value is or holds personal data (a PII parameter, or an
        /// object or array with a PII property), the common parameters' included.
        public var piiKeys: [String] = []
        /// Consent purposes of all that personal data, in order, without repeats.
        public var consentPurposes: [String] = []
        public var hasPII: Bool { !piiKeys.isEmpty }
    }

    public var events: [Event]
    public var common: [Field]
    /// For the generated header: what the code came from.
    public var terminal: String?
    public var plans: [String]
    /// A digest of the inputs, so a header can say exactly what it was made from.
    public var sourceDigest: String

    public struct Options: Sendable {
        public var terminal: String?
        public var plans: [String] = []
        public init(terminal: String? = nil, plans: [String] = []) {
            self.terminal = terminal
            self.plans = plans
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The model for `workspace`: events in plan-id then declaration order; retired
    /// plans left out (their events are no longer sent).
    public static func build(_ workspace: Workspace, options: Options = Options()) throws -> CodeModel {
        if let t = options.terminal, workspace.settings.terminals[t] == nil {
            let known = workspace.settings.terminalOrder
            throw Failure(message: "no terminal '\(t)' in \(workspace.settings.path)\(TemplateRuleSupport.didYouMean(t, known)) (terminals: \(known.joined(separator: ", ")))")
        }
        for p in options.plans where !workspace.plans.contains(where: { $0.id == p }) {
            throw Failure(message: "no plan '\(p)' in the workspace\(TemplateRuleSupport.didYouMean(p, workspace.plans.map(\.id).sorted()))")
        }
        let plans = Array(Set(options.plans)).sorted()
        var names = TypeNames()
        let common = workspace.settings.commonParameters.map { names.unique(field($0, owner: ["common"])) }
        var events: [Event] = []
        // What the code is made from: the settings, the templates and the chosen plans.
        var digestInput = workspace.sources[workspace.settings.path].map { ContentDigest.sha256($0) } ?? ""
        for t in workspace.templates.sorted(by: { $0.path < $1.path }) {
            digestInput += workspace.sources[t.path].map { ContentDigest.sha256($0) } ?? ""
        }
        for plan in workspace.plans.sorted(by: { $0.id < $1.id }) where plan.status != .retired {
            if !plans.isEmpty, !plans.contains(plan.id) { continue }
            digestInput += ContentDigest.of(plan: plan.node)
            for event in plan.events {
                let terminals = plan.terminals(of: event)
                if let t = options.terminal, !terminals.contains(t) { continue }
                let params = workspace.effectiveParameters(of: event, terminal: options.terminal)
                let base = words(event.name)
                let exposure = workspace.effectiveExposure(of: event).map {
                    Exposure(minVisibleRatio: $0.minVisibleRatio, minDurationMs: $0.minDurationMs, dedupeKey: $0.dedupeKey.compactMap(\.text))
                }
                let fields = params.map { names.unique(field($0, owner: base)) }
                var piiKeys: [String] = []
                var purposes: [String] = []
                for f in common + fields where f.holdsPII {
                    if !piiKeys.contains(f.name) { piiKeys.append(f.name) }
                    for c in f.piiPurposes where !c.isEmpty && !purposes.contains(c) { purposes.append(c) }
                }
                events.append(Event(
                    name: event.name, plan: plan.id, planPath: plan.path,
                    type: workspace.effectiveType(of: event)?.rawValue ?? "custom", template: event.template,
                    description: event.description, displayEN: event.display.en, displayZH: event.display.zh,
                    position: event.position.map(\.path).flatMap { $0.isEmpty ? nil : $0 },
                    terminals: terminals, fields: fields, exposure: exposure, piiKeys: piiKeys, consentPurposes: purposes))
            }
        }
        return CodeModel(events: events, common: common, terminal: options.terminal, plans: plans,
                         sourceDigest: String(ContentDigest.sha256(Array(digestInput.utf8)).prefix(19)))
    }

    /// Gives every generated type (enum or object) a name of its own: two different types
    /// whose words coincide (`foo` + `bar_mode`, `foo_bar` + `mode`) get `2`, `3`, ... .
    struct TypeNames {
        var taken: [String: ValueType] = [:]

        mutating func unique(_ f: Field) -> Field {
            var f = f
            f.type = unique(f.type)
            if case .array(let item) = f.type, !f.items.isEmpty { f.items[0].type = item }
            return f
        }

        mutating func unique(_ t: ValueType) -> ValueType {
            switch t {
            case .enumeration(let name, let values):
                return .enumeration(name: claim(name, t), values: values)
            case .object(let name, let properties):
                let props = properties.map { unique($0) }
                let named = ValueType.object(name: name, properties: props)
                return .object(name: claim(name, named), properties: props)
            case .array(let item):
                return .array(unique(item))
            default:
                return t
            }
        }

        /// `name`, or `name` + a number when a different type already has it.
        mutating func claim(_ name: [String], _ t: ValueType) -> [String] {
            var candidate = name
            var n = 1
            while true {
                let key = candidate.map { $0.lowercased() }.joined()
                var renamed = t
                switch t {
                case .enumeration(_, let v): renamed = .enumeration(name: candidate, values: v)
                case .object(_, let p): renamed = .object(name: candidate, properties: p)
                default: break
                }
                if let existing = taken[key] {
                    if existing == renamed { return candidate }
                } else {
                    taken[key] = renamed
                    return candidate
                }
                n += 1
                candidate = name + [String(n)]
            }
        }
    }

    static func field(_ p: Parameter, owner: [String]) -> Field {
        let type = valueType(p, owner: owner + words(p.name))
        var f = Field(name: p.name, type: type, required: p.isRequired, description: p.description,
                      pii: p.isPII, consent: p.consent, minLength: p.minLength, maxLength: p.maxLength, pattern: p.pattern,
                      format: p.format, min: p.min, max: p.max, minItems: p.minItems, maxItems: p.maxItems)
        if case .array(let itemType) = type, let item = p.items?.value {
            f.items = [Field(name: p.name + "[]", type: itemType, required: true, description: item.description, pii: item.isPII,
                             consent: item.consent, minLength: item.minLength, maxLength: item.maxLength, pattern: item.pattern,
                             format: item.format, min: item.min, max: item.max, minItems: item.minItems, maxItems: item.maxItems)]
        }
        return f
    }

    static func valueType(_ p: Parameter, owner: [String]) -> ValueType {
        switch p.type ?? .string {
        case .string: return .string
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .timestamp: return .timestamp
        case .enum:
            var seen = Set<String>()
            let values = (p.values ?? []).compactMap { node -> EnumValue? in
                guard let text = node.text, seen.insert(text).inserted else { return nil }
                if case .int(let i)? = node.value { return EnumValue(text: text, integer: i) }
                return EnumValue(text: text, integer: nil)
            }
            // An enum without values (a lint error) is typed as its values' kind would be: a string.
            return values.isEmpty ? .string : .enumeration(name: owner, values: values)
        case .object:
            return .object(name: owner, properties: (p.properties ?? []).map { field($0, owner: owner) })
        case .array:
            guard let item = p.items?.value else { return .array(.string) }
            return .array(valueType(item, owner: owner + ["item"]))
        }
    }

    /// The words of a name, for casing: `homepage_banner-exposure2` → [homepage, banner, exposure2].
    /// Anything but ASCII letters and digits separates words; other characters are kept
    /// (as their code points) so distinct names stay distinct.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for u in name.unicodeScalars {
            let isUpper = u.value >= 0x41 && u.value <= 0x5A
            let isLower = u.value >= 0x61 && u.value <= 0x7A
            let isDigit = u.value >= 0x30 && u.value <= 0x39
            if isUpper || isLower || isDigit {
                if isUpper, previousLower, !current.isEmpty { words.append(current); current = "" }
                current.unicodeScalars.append(isUpper ? Unicode.Scalar(u.value + 32)! : u)
                previousLower = isLower || isDigit
            } else {
                if !current.isEmpty { words.append(current); current = "" }
                if u != "_", u != "-", u != " ", u != "." {
                    words.append("u" + String(u.value, radix: 16))
                }
                previousLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.isEmpty ? ["value"] : words
    }
}

