import Foundation

/// The language work of one code target: naming, reserved words, type mapping,
/// literals, comment escaping and the statements that check and put one field into
/// a payload. Templates only lay the results out.
protocol CodeLanguage: Sendable {
    var id: String { get }
    /// The generated file, relative to --out.
    var fileName: String { get }
    var reserved: Set<String> { get }

    func typeName(_ words: [String]) -> String
    func memberName(_ words: [String]) -> String
    func constantName(_ words: [String]) -> String
    func stringLiteral(_ s: String) -> String
    /// Text made safe inside the language's doc comment, one line each.
    func docLines(_ text: String) -> [String]
    func typeRef(_ type: CodeModel.ValueType) -> String
    func optionalRef(_ type: String) -> String
    /// One function parameter.
    func parameter(name: String, type: String, required: Bool) -> String
    /// Statements that check `expr` and put it into the payload `p` under `key`,
    /// adding problems to `problems`; `label` names the field in messages.
    func assign(_ field: CodeModel.Field, expr: String, labelLiteral: String) -> [String]
    func numberLiteral(_ d: Double) -> String
    /// How code reads a field: a function parameter, a field of an object type (`self`), or of the common parameters (`c`).
    func fieldExpr(_ context: FieldContext, member: String, key: String) -> String
    /// An enum case's name.
    func caseName(_ words: [String]) -> String
    /// A list of strings as a literal.
    func stringList(_ items: [String]) -> String
}

enum FieldContext { case parameter, object, common }

extension CodeLanguage {
    /// An identifier that is not a reserved word and does not start with a digit.
    func safe(_ name: String) -> String {
        var n = name
        if let f = n.unicodeScalars.first, f.value >= 0x30 && f.value <= 0x39 { n = "_" + n }
        if reserved.contains(n) { n += "_" }
        return n
    }

    func pascal(_ words: [String]) -> String {
        safe(words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())
    }

    func camel(_ words: [String]) -> String {
        guard let first = words.first else { return "value" }
        return safe(first + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())
    }

    func snake(_ words: [String]) -> String { safe(words.joined(separator: "_")) }

    func screaming(_ words: [String]) -> String { safe(words.joined(separator: "_").uppercased()) }

    func listLiteral(_ items: [String], open: String = "[", close: String = "]") -> String {
        open + items.map(stringLiteral).joined(separator: ", ") + close
    }

    func stringList(_ items: [String]) -> String { listLiteral(items) }

    /// Integers print without a fraction; others as the shortest exact decimal.
    func plainNumber(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }
}

/// Escapes for C-family double-quoted strings; `extra` adds the language's own.
func cStyleEscape(_ s: String, extra: [Character: String] = [:], unicode: (UInt32) -> String) -> String {
    var out = ""
    for ch in s {
        if let e = extra[ch] { out += e; continue }
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\r\n": out += "\\r\\n"
        default:
            for u in ch.unicodeScalars {
                if u.value < 0x20 || u.value == 0x7F || (0x80 ... 0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    out += unicode(u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
    }
    return "\"" + out + "\""
}

/// Lines of free text for a block comment: `*/` and `/*` broken up, control
/// characters dropped, so no text can end the comment or nest a new one.
func blockCommentLines(_ text: String, escapeBackslashU: Bool = false) -> [String] {
    text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map { line in
        var s = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0.value != 0x2028 && $0.value != 0x2029 })
        s = s.replacingOccurrences(of: "*/", with: "*\u{2215}").replacingOccurrences(of: "/*", with: "\u{2215}*")
        if escapeBackslashU { s = s.replacingOccurrences(of: "\\", with: "\\\u{200B}") }
        return s
    }
}
