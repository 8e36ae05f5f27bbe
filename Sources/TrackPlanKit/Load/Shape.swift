import Foundation

/// The structure of the plan format as data: which keys an object may have,
/// which it must have, and what each holds. One table serves the loader (unknown
/// keys, missing keys, wrong kinds), `trackplan schema` (JSON Schema) and the docs.
public indirect enum FieldKind: Sendable {
    /// Any non-null scalar, read as text.
    case string
    case integer
    case number
    case boolean
    /// `YYYY-MM-DD`.
    case date
    /// ISO 8601 date-time, e.g. `2026-11-20T10:00:00Z`.
    case datetime
    /// A string from a fixed set.
    case oneOf([String])
    /// Any scalar (enum values, examples).
    case scalar
    /// Anything at all.
    case any
    case list(FieldKind)
    /// A mapping whose keys are names chosen by the user.
    case map(FieldKind)
    /// A mapping with the fixed keys of a named shape.
    case object(String)
    /// Either of two kinds (e.g. slots as a list or a mapping).
    case either(FieldKind, FieldKind)

    var noun: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .date: "a date (YYYY-MM-DD)"
        case .datetime: "a date-time (YYYY-MM-DDThh:mm:ssZ)"
        case .oneOf(let values): "one of " + values.joined(separator: ", ")
        case .scalar: "a single value"
        case .any: "a value"
        case .list: "a list"
        case .map: "a mapping"
        case .object(let name): "a mapping (\(name))"
        case .either(let a, let b): "\(a.noun) or \(b.noun)"
        }
    }
}

public struct Field: Sendable {
    public var key: String
    public var kind: FieldKind
    public var required: Bool
    public var doc: String

    public init(_ key: String, _ kind: FieldKind, required: Bool = false, _ doc: String) {
        self.key = key
        self.kind = kind
        self.required = required
        self.doc = doc
    }
}

public struct Shape: Sendable {
    public var name: String
    public var doc: String
    public var fields: [Field]
    private let index: [String: Int]
    /// Every field's key as bytes, one after another, and where each starts: to match
    /// key nodes without building Strings.
    private let keyBytes: [UInt8]
    private let keyStarts: [Int]
    /// Indices of the required fields, so a check visits only those.
    let requiredFields: [Int]

    public init(name: String, doc: String, fields: [Field]) {
        self.name = name
        self.doc = doc
        self.fields = fields
        index = Dictionary(fields.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        keyBytes = fields.flatMap { Array($0.key.utf8) }
        keyStarts = fields.reduce(into: [0]) { starts, f in starts.append(starts.last! + f.key.utf8.count) }
        requiredFields = fields.indices.filter { fields[$0].required }
    }

    public func field(_ key: String) -> Field? { index[key].map { fields[$0] } }

    /// The index in `fields` of the field whose key is `count` bytes at `text`, or nil.
    func fieldIndex(_ text: UnsafePointer<UInt8>?, count: Int) -> Int? {
        keyBytes.withUnsafeBufferPointer { keys -> Int? in
            for i in 0 ..< keyStarts.count - 1 where keyStarts[i + 1] - keyStarts[i] == count {
                if count == 0 || memcmp(keys.baseAddress! + keyStarts[i], text!, count) == 0 { return i }
            }
            return nil
        }
    }

}

/// The fields of one shape a mapping has set, by index.
private struct FieldMask {
    private var low: UInt64 = 0
    private var high: Set<Int> = []

    mutating func insert(_ i: Int) {
        if i < 64 { low |= 1 << UInt64(i) } else { high.insert(i) }
    }

    func contains(_ i: Int) -> Bool {
        i < 64 ? low & (1 << UInt64(i)) != 0 : high.contains(i)
    }
}

/// A field kind as the checker uses it: the shapes an object names and the kinds a list, a map
/// or an alternative holds, resolved to references once, so checking a mapping looks nothing up by name.
final class CheckKind: @unchecked Sendable {
    enum Tag: UInt8 { case any, object, map, list, either, string, scalar, other }

    let kind: FieldKind
    /// The case of `kind`, to switch on without copying the (indirect) enum.
    let tag: Tag
    /// `.list`, `.map`: the kind of each item or value.
    fileprivate(set) var inner: CheckKind?
    /// `.object`: the shape (nil for a name no shape has).
    fileprivate(set) var shape: CheckShape?
    /// `.either`: the two alternatives.
    fileprivate(set) var alternatives: (CheckKind, CheckKind)?
    /// `.oneOf`: the options that a plain scalar of the same text is (a string, under the core
    /// schema), as bytes: a value written as one of them is accepted without building its text.
    let plainOptions: [[UInt8]]

    init(_ kind: FieldKind) {
        self.kind = kind
        if case .oneOf(let options) = kind {
            plainOptions = options.map { Array($0.utf8) }.filter { option in
                if !option.isEmpty, case .string = option.withUnsafeBufferPointer({ CoreSchema.resolve($0, plain: true, tag: nil) }) { return true }
                return false
            }
        } else {
            plainOptions = []
        }
        switch kind {
        case .any: tag = .any
        case .object: tag = .object
        case .map: tag = .map
        case .list: tag = .list
        case .either: tag = .either
        case .string: tag = .string
        case .scalar: tag = .scalar
        default: tag = .other
        }
    }
}

/// A shape with each field's kind compiled. Built once; never changed after.
final class CheckShape: @unchecked Sendable {
    let shape: Shape
    fileprivate(set) var kinds: [CheckKind] = []
    /// `.object(name)` of this shape, for checking a document against it.
    fileprivate(set) var asKind: CheckKind!

    init(_ shape: Shape) { self.shape = shape }

    /// Every shape of the plan format, compiled (shapes refer to each other, parameters to themselves).
    static let byName: [String: CheckShape] = {
        var shapes: [String: CheckShape] = [:]
        for s in FormatShapes.all where shapes[s.name] == nil { shapes[s.name] = CheckShape(s) }
        func compile(_ kind: FieldKind) -> CheckKind {
            let c = CheckKind(kind)
            switch kind {
            case .list(let inner), .map(let inner): c.inner = compile(inner)
            case .object(let name): c.shape = shapes[name]
            case .either(let a, let b): c.alternatives = (compile(a), compile(b))
            default: break
            }
            return c
        }
        for s in shapes.values {
            s.kinds = s.shape.fields.map { compile($0.kind) }
            s.asKind = compile(.object(s.shape.name))
        }
        return shapes
    }()
}

/// Checks a node tree against the shapes and reports what does not fit.
///
/// It walks the document's flat storage by index, through buffers taken once per document: it
/// runs on every node of the workspace, and a `YAMLNode` per visit cost a retain and a release of
/// the storage each time. Nodes are made only to report a problem or to read a scalar's value.
struct ShapeChecker {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    private mutating func report(_ rule: String, _ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(path: path, location: location, severity: .error, ruleID: rule, message: message))
    }

    /// Checks a document against the shape named `name` (e.g. "plan").
    mutating func check(_ node: YAMLNode, shape name: String) {
        guard let shape = CheckShape.byName[name] else { return }
        check(node, kind: shape.asKind, label: name)
    }

    mutating func check(_ node: YAMLNode, kind: CheckKind, label: String) {
        let storage = node.storage
        var walk = Walk(storage: storage, nodes: storage.nodes, children: storage.children, checker: self)
        walk.check(node.index, kind, label: label)
        self = walk.checker
    }

    /// One document's walk: the storage's buffers, and the checker reporting into its findings.
    private struct Walk {
        let storage: YAMLStorage
        let nodes: UnsafeBufferPointer<RawNode>
        let children: UnsafeBufferPointer<Int32>
        var checker: ShapeChecker

        func node(_ i: Int32) -> YAMLNode { YAMLNode(storage: storage, index: i) }

        mutating func report(_ rule: String, _ i: Int32, _ message: String) {
            checker.report(rule, node(i).start, message)
        }

        /// A map or a list to walk: true when `r` is one; null stands for an empty one; anything else is reported.
        mutating func walks(_ r: RawNode, as kind: YAMLNodeKind, _ i: Int32, _ message: @autoclosure () -> String) -> Bool {
            if r.kind == kind { return true }
            if !storage.isNull(r) { report(InvalidValueRule.id, i, message()) }
            return false
        }

        /// Collections are checked here; scalars that need their value, by `checkScalar`.
        mutating func check(_ i: Int32, _ kind: CheckKind, label: @autoclosure () -> String) {
            let r = nodes[Int(i)]
            switch kind.tag {
            case .any:
                return
            case .object:
                // Read through the compiled shape's reference: a local copy of the Shape would retain each of its tables.
                guard let compiled = kind.shape else { return }
                guard r.kind == .mapping else {
                    report(InvalidValueRule.id, i, "\(label()) must be a mapping of keys to values")
                    return
                }
                // Keys are matched as bytes and the fields seen kept as bits: this runs for every mapping.
                var seen = FieldMask()
                for slot in stride(from: Int(r.first), to: Int(r.first + r.count), by: 2) {
                    let k = children[slot], v = children[slot + 1], kr = nodes[Int(k)]
                    guard kr.kind == .scalar else {
                        report(InvalidValueRule.id, k, "keys of \(label()) must be plain names")
                        continue
                    }
                    guard let f = compiled.shape.fieldIndex(storage.text(of: kr).baseAddress, count: Int(kr.count)) else {
                        let text = node(k).text ?? ""
                        var message = "unknown key '\(text)' in \(compiled.shape.name)"
                        if let guess = Suggest.closest(to: text, in: compiled.shape.fields.map(\.key)) {
                            message += "; did you mean '\(guess)'?"
                        } else {
                            message += "; it takes " + compiled.shape.fields.map(\.key).joined(separator: ", ")
                        }
                        report(UnknownKeyRule.id, k, message)
                        continue
                    }
                    seen.insert(f)
                    check(v, compiled.kinds[f], label: "'\(compiled.shape.fields[f].key)'")
                }
                for f in compiled.shape.requiredFields where !seen.contains(f) {
                    report(RequiredFieldRule.id, i, "\(compiled.shape.name) is missing required key '\(compiled.shape.fields[f].key)'")
                }
                return
            case .map:
                guard let inner = kind.inner, walks(r, as: .mapping, i, "\(label()) must be a mapping") else { return }
                for slot in stride(from: Int(r.first), to: Int(r.first + r.count), by: 2) {
                    let k = children[slot], v = children[slot + 1], kr = nodes[Int(k)]
                    guard kr.kind == .scalar, kr.count > 0 else {
                        report(InvalidValueRule.id, k, "keys of \(label()) must be plain names")
                        continue
                    }
                    let storage = self.storage
                    check(v, inner, label: "'\(YAMLNode(storage: storage, index: k).text ?? "")'")
                }
                return
            case .list:
                guard let inner = kind.inner,
                      walks(r, as: .sequence, i, "\(label()) must be a list (write [a, b] or one '- item' per line)") else { return }
                for slot in Int(r.first) ..< Int(r.first + r.count) {
                    check(children[slot], inner, label: "an item of \(label())")
                }
                return
            case .either:
                guard let (a, b) = kind.alternatives else { return }
                var first = ShapeChecker(path: checker.path)
                first.check(node(i), kind: a, label: label())
                if first.diagnostics.isEmpty { return }
                var second = ShapeChecker(path: checker.path)
                second.check(node(i), kind: b, label: label())
                if second.diagnostics.isEmpty { return }
                // Report against the alternative whose container kind matches.
                let matchesA: Bool
                switch a.tag {
                case .list: matchesA = r.kind == .sequence
                case .map, .object: matchesA = r.kind == .mapping
                default: matchesA = r.kind == .scalar
                }
                checker.diagnostics.append(contentsOf: matchesA ? first.diagnostics : second.diagnostics)
                return
            case .string:
                // The common case, decided on the raw node.
                guard r.kind == .scalar else { break }
                if storage.isNull(r) { report(InvalidValueRule.id, i, "\(label()) must be \(kind.kind.noun), not empty") }
                return
            case .scalar:
                if r.kind == .scalar { return }
            case .other:
                // One of a list of words (a type, a mode): an untagged scalar with an option's bytes is that option.
                if r.kind == .scalar, r.tag < 0, !kind.plainOptions.isEmpty {
                    let text = storage.text(of: r)
                    for option in kind.plainOptions where option.count == text.count
                        && option.withUnsafeBufferPointer({ memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 }) {
                        // (Options are never empty, so neither is `text` here.)
                        return
                    }
                }
            }
            checker.checkScalar(node(i), kind: kind.kind, label: label())
        }
    }

    fileprivate mutating func checkScalar(_ node: YAMLNode, kind: FieldKind, label labelText: @autoclosure () -> String) {
        var label: String { labelText() }
        guard node.isScalar else {
            report(InvalidValueRule.id, node.start, "\(label) must be \(kind.noun), not a \(node.isMapping ? "mapping" : "list")")
            return
        }
        // The common cases first, without building the scalar's text.
        switch kind {
        case .string:
            if node.isNull { report(InvalidValueRule.id, node.start, "\(label) must be \(kind.noun), not empty") }
            return
        case .scalar, .any:
            return
        default:
            break
        }
        var value: YAMLScalarValue { node.value! }
        var text: String { node.text ?? "" }
        switch kind {
        case .string:
            if value == .null { report(InvalidValueRule.id, node.start, "\(label) must be \(kind.noun), not empty") }
        case .integer:
            if case .int = value { return }
            report(InvalidValueRule.id, node.start, "\(label) must be an integer, not '\(text)'")
        case .number:
            switch value {
            case .int, .float: return
            default: report(InvalidValueRule.id, node.start, "\(label) must be a number, not '\(text)'")
            }
        case .boolean:
            if case .bool = value { return }
            if node.isYAML11Boolean {
                let meant = ["yes", "on", "y"].contains(text.lowercased()) ? "true" : "false"
                report(InvalidValueRule.id, node.start, "\(label) must be true or false; '\(text)' is a string in YAML 1.2 (write \(meant))")
            } else {
                report(InvalidValueRule.id, node.start, "\(label) must be true or false, not '\(text)'")
            }
        case .date:
            if DateCheck.isDate(text), value != .null { return }
            report(InvalidValueRule.id, node.start, "\(label) must be a date written YYYY-MM-DD, not '\(text)'")
        case .datetime:
            if DateCheck.isDateTime(text) { return }
            report(InvalidValueRule.id, node.start, "\(label) must be a date-time written YYYY-MM-DDThh:mm:ssZ, not '\(text)'")
        case .oneOf(let options):
            if node.isStringValue, options.contains(where: node.textEquals) { return }
            var message = "\(label) must be one of \(options.joined(separator: ", ")); '\(text)' is not"
            if let guess = Suggest.closest(to: text, in: options) { message += " (did you mean '\(guess)'?)" }
            report(InvalidValueRule.id, node.start, message)
        case .scalar:
            return
        default:
            return
        }
    }
}

/// "Did you mean": the closest candidate by edit distance, if close enough.
public enum Suggest {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(w, Array(candidate.lowercased()))
            let limit = max(1, min(3, max(w.count, candidate.count) / 3))
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// Damerau-Levenshtein distance (optimal string alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0 ... b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1 ... a.count {
            cur[0] = i
            for j in 1 ... b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            prev2 = prev
            prev = cur
        }
        return prev[b.count]
    }
}

/// Calendar checks for the date fields, without a formatter per call.
public enum DateCheck {
    /// Year, month, day of a `YYYY-MM-DD` text, if it is a real date.
    /// Days since 1970-01-01 of a date written YYYY-MM-DD (a longer date-time: its first ten
    /// characters), by the proleptic Gregorian calendar; nil if it is not a date.
    public static func dayNumber(_ text: String) -> Int? {
        guard let (y0, m, d) = parseDate(String(text.prefix(10))) else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func parseDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        // Three parts between '-', of 4, 2 and 2 characters, each as Int() reads it (an optional
        // sign, then digits). Read from the bytes: only ASCII text can pass, so a character is a byte.
        var text = text
        let parsed: (Int, Int, Int)? = text.withUTF8 { b in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            var parts: [Int] = []
            var start = 0
            for end in 0 ... b.count where end == b.count || b[end] == UInt8(ascii: "-") {
                guard parts.count < 3, end - start == (parts.isEmpty ? 4 : 2),
                      let v = integer(UnsafeBufferPointer(rebasing: b[start ..< end])) else { return nil }
                parts.append(v)
                start = end + 1
            }
            return parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
        }
        guard let (y, m, d) = parsed, (1 ... 12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days ? (y, m, d) : nil
    }

    /// `[+-]?[0-9]+` of at most 4 bytes as a number, as Int() reads it.
    private static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if let sign = b.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            i = 1
        }
        guard i < b.count else { return nil }
        var v = 0
        while i < b.count {
            guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int(b[i] - UInt8(ascii: "0"))
            i += 1
        }
        return negative ? -v : v
    }

    public static func isDate(_ text: String) -> Bool { parseDate(text) != nil }

    public static func isDateTime(_ text: String) -> Bool {
        guard text.count >= 20, let t = text.firstIndex(where: { $0 == "T" || $0 == " " }),
              isDate(String(text[..<t])) else { return false }
        let time = text[text.index(after: t)...]
        let hms = time.prefix(8).split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let mi = Int(hms[1]), let s = Int(hms[2]),
              (0 ..< 24).contains(h), (0 ..< 60).contains(mi), (0 ... 60).contains(s) else { return false }
        var rest = time.dropFirst(8)
        if rest.first == "." { rest = rest.dropFirst().drop(while: \.isNumber) }
        return rest == "Z" || rest.range(of: #"^[+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil
    }
}
