import Foundation

/// Shared shape of the per-field checks: which helper calls apply to a value.
struct CheckCalls {
    var length: (min: Int?, max: Int?)?
    var range: (min: Double?, max: Double?)?
    var pattern: String?
    var format: String?
    var count: (min: Int?, max: Int?)?

    /// The checks of an array's items (lengths, ranges, patterns, formats), if any.
    static func items(of f: CodeModel.Field) -> (field: CodeModel.Field, calls: CheckCalls)? {
        guard case .array = f.type, let item = f.items.first else { return nil }
        let calls = CheckCalls(item)
        return calls.length == nil && calls.range == nil && calls.pattern == nil && calls.format == nil ? nil : (item, calls)
    }

    init(_ f: CodeModel.Field) {
        switch f.type {
        case .string:
            if f.minLength != nil || f.maxLength != nil { length = (f.minLength, f.maxLength) }
            pattern = f.pattern
            format = f.format
        case .integer, .number:
            if f.min != nil || f.max != nil { range = (f.min, f.max) }
        case .array:
            if f.minItems != nil || f.maxItems != nil { count = (f.minItems, f.maxItems) }
        default: break
        }
    }
}

// MARK: - Swift

struct SwiftLanguage: CodeLanguage {
    let id = "swift"
    let fileName = "TrackPlanEvents.swift"
    let reserved: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout", "internal",
        "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as",
        "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "async", "some", "any",
        "TrackPlan", "TrackPlanValue", "TrackPlanTransport", "TrackPlanCommon", "TrackPlanCheck", "TrackPlanEvents", "TrackPlanPositions", "TrackPlanExposureRule", "TrackPlanExposureRules", "Type", "Protocol", "p", "problems", "transport", "common", "deliver", "consume", "copy", "borrowing", "consuming",
    ]

    func fieldExpr(_ context: FieldContext, member: String, key: String) -> String {
        switch context { case .parameter: member; case .object: "self.\(member)"; case .common: "c.\(member)" }
    }
    func caseName(_ words: [String]) -> String { camel(words) }
    func typeName(_ words: [String]) -> String { pascal(words) }
    func memberName(_ words: [String]) -> String { camel(words) }
    func constantName(_ words: [String]) -> String { camel(words) }
    func stringLiteral(_ s: String) -> String {
        cStyleEscape(s) { "\\u{\(String($0, radix: 16))}" }
    }
    func docLines(_ text: String) -> [String] { blockCommentLines(text) }
    func typeRef(_ type: CodeModel.ValueType) -> String {
        switch type {
        case .string: "String"
        case .integer, .timestamp: "Int"
        case .number: "Double"
        case .boolean: "Bool"
        case .enumeration(let name, _), .object(let name, _): typeName(name)
        case .array(let item): "[\(typeRef(item))]"
        }
    }
    func optionalRef(_ type: String) -> String { type + "?" }
    func parameter(name: String, type: String, required: Bool) -> String {
        required ? "\(name): \(type)" : "\(name): \(type)? = nil"
    }
    func numberLiteral(_ d: Double) -> String { plainNumber(d) }
    func opt<T>(_ v: T?, _ f: (T) -> String) -> String { v.map(f) ?? "nil" }

    func encode(_ type: CodeModel.ValueType, _ expr: String, label: String) -> String {
        switch type {
        case .string: ".string(\(expr))"
        case .integer, .timestamp: ".int(\(expr))"
        case .number: ".double(\(expr))"
        case .boolean: ".bool(\(expr))"
        case .enumeration(_, let values):
            values.allSatisfy { $0.integer != nil } ? ".int(\(expr).rawValue)" : ".string(\(expr).rawValue)"
        case .object: "\(expr).encoded(&problems, \(label))"
        case .array(let item): ".array(\(expr).map { \(encode(item, "$0", label: label)) })"
        }
    }

    func assign(_ f: CodeModel.Field, expr: String, labelLiteral: String) -> [String] {
        let v = f.required ? expr : "v"
        var lines: [String] = []
        let c = CheckCalls(f)
        lines += checks(c, v, labelLiteral)
        if let n = c.count { lines.append("TrackPlanCheck.count(\(v).count, min: \(opt(n.min) { "\($0)" }), max: \(opt(n.max) { "\($0)" }), \(labelLiteral), &problems)") }
        if let item = CheckCalls.items(of: f) {
            lines += ["for (i, item) in \(v).enumerated() {"] + checks(item.calls, "item", "\(labelLiteral) + \"[\\(i)]\"").map { "    " + $0 } + ["}"]
        }
        lines.append("p[\(stringLiteral(f.name))] = \(encode(f.type, v, label: labelLiteral))")
        if f.required { return lines }
        return ["if let v = \(expr) {"] + lines.map { "    " + $0 } + ["}"]
    }

    func checks(_ c: CheckCalls, _ v: String, _ labelLiteral: String) -> [String] {
        var lines: [String] = []
        if let l = c.length { lines.append("TrackPlanCheck.length(\(v), min: \(opt(l.min) { "\($0)" }), max: \(opt(l.max) { "\($0)" }), \(labelLiteral), &problems)") }
        if let r = c.range { lines.append("TrackPlanCheck.range(Double(\(v)), min: \(opt(r.min, numberLiteral)), max: \(opt(r.max, numberLiteral)), \(labelLiteral), &problems)") }
        if let p = c.pattern { lines.append("TrackPlanCheck.pattern(\(v), \(stringLiteral(p)), \(labelLiteral), &problems)") }
        if let fm = c.format { lines.append("TrackPlanCheck.format(\(v), \(stringLiteral(fm)), \(labelLiteral), &problems)") }
        return lines
    }
}

// MARK: - Kotlin

struct KotlinLanguage: CodeLanguage {
    let id = "kotlin"
    let fileName = "TrackPlanEvents.kt"
    let reserved: Set<String> = [
        "as", "break", "class", "continue", "do", "else", "false", "for", "fun", "if", "in", "interface", "is", "null",
        "object", "package", "return", "super", "this", "throw", "true", "try", "typealias", "typeof", "val", "var",
        "TrackPlan", "TrackPlanValue", "TrackPlanTransport", "TrackPlanCommon", "TrackPlanCheck", "TrackPlanEvents", "TrackPlanPositions", "TrackPlanExposureRule", "TrackPlanExposureRules", "when", "while", "Any", "Unit", "String", "Int", "Long", "Double", "Boolean", "List", "Map", "p", "problems", "deliver", "common", "transport",
        "transport", "common", "value",
    ]

    func fieldExpr(_ context: FieldContext, member: String, key: String) -> String {
        switch context { case .parameter: member; case .object: "this.\(member)"; case .common: "c.\(member)" }
    }
    func caseName(_ words: [String]) -> String { screaming(words) }
    func stringList(_ items: [String]) -> String { listLiteral(items, open: "listOf(", close: ")") }
    func typeName(_ words: [String]) -> String { pascal(words) }
    func memberName(_ words: [String]) -> String { camel(words) }
    func constantName(_ words: [String]) -> String { screaming(words) }
    func stringLiteral(_ s: String) -> String {
        cStyleEscape(s, extra: ["$": "\\$"]) { String(format: "\\u%04x", $0) }
    }
    func docLines(_ text: String) -> [String] { blockCommentLines(text) }
    func typeRef(_ type: CodeModel.ValueType) -> String {
        switch type {
        case .string: "String"
        case .integer, .timestamp: "Long"
        case .number: "Double"
        case .boolean: "Boolean"
        case .enumeration(let name, _), .object(let name, _): typeName(name)
        case .array(let item): "List<\(typeRef(item))>"
        }
    }
    func optionalRef(_ type: String) -> String { type + "?" }
    func parameter(name: String, type: String, required: Bool) -> String {
        required ? "\(name): \(type)" : "\(name): \(type)? = null"
    }
    func numberLiteral(_ d: Double) -> String {
        let s = plainNumber(d)
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
    func opt<T>(_ v: T?, _ f: (T) -> String) -> String { v.map(f) ?? "null" }

    func encode(_ type: CodeModel.ValueType, _ expr: String, label: String) -> String {
        switch type {
        case .string, .integer, .timestamp, .number, .boolean: expr
        case .enumeration: "\(expr).value"
        case .object: "\(expr).encoded(problems, \(label))"
        case .array(let item): "\(expr).map { \(encode(item, "it", label: label)) }"
        }
    }

    func assign(_ f: CodeModel.Field, expr: String, labelLiteral: String) -> [String] {
        let v = f.required ? expr : "v"
        var lines: [String] = []
        let c = CheckCalls(f)
        lines += checks(c, v, labelLiteral)
        if let n = c.count { lines.append("TrackPlanCheck.count(\(v).size, \(opt(n.min) { "\($0)" }), \(opt(n.max) { "\($0)" }), \(labelLiteral), problems)") }
        if let item = CheckCalls.items(of: f) {
            lines += ["for ((i, item) in \(v).withIndex()) {"] + checks(item.calls, "item", "\(labelLiteral) + \"[\" + i + \"]\"").map { "    " + $0 } + ["}"]
        }
        lines.append("p[\(stringLiteral(f.name))] = \(encode(f.type, v, label: labelLiteral))")
        if f.required { return lines }
        return ["if (\(expr) != null) {", "    val v = \(expr)"] + lines.map { "    " + $0 } + ["}"]
    }

    func checks(_ c: CheckCalls, _ v: String, _ labelLiteral: String) -> [String] {
        var lines: [String] = []
        if let l = c.length { lines.append("TrackPlanCheck.length(\(v), \(opt(l.min) { "\($0)" }), \(opt(l.max) { "\($0)" }), \(labelLiteral), problems)") }
        if let r = c.range { lines.append("TrackPlanCheck.range(\(v).toDouble(), \(opt(r.min, numberLiteral)), \(opt(r.max, numberLiteral)), \(labelLiteral), problems)") }
        if let p = c.pattern { lines.append("TrackPlanCheck.pattern(\(v), \(stringLiteral(p)), \(labelLiteral), problems)") }
        if let fm = c.format { lines.append("TrackPlanCheck.format(\(v), \(stringLiteral(fm)), \(labelLiteral), problems)") }
        return lines
    }
}

// MARK: - Java

struct JavaLanguage: CodeLanguage {
    let id = "java"
    let fileName = "TrackPlanEvents.java"
    let reserved: Set<String> = [
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
        "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
        "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
        "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
        "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "yield",
        "TrackPlan", "TrackPlanValue", "TrackPlanTransport", "TrackPlanCommon", "TrackPlanCheck", "TrackPlanEvents", "TrackPlanPositions", "TrackPlanExposureRule", "TrackPlanExposureRules", "Tracker", "Names", "Positions", "ExposureRules", "Common", "Transport", "ExposureRule",
        "record", "sealed", "permits", "_", "p", "problems", "transport", "common", "value", "String", "Object",
        "Long", "Double", "Boolean", "List", "Map",
    ]

    func fieldExpr(_ context: FieldContext, member: String, key: String) -> String {
        switch context { case .parameter: member; case .object: "this.\(member)"; case .common: "c.\(member)" }
    }
    func caseName(_ words: [String]) -> String { screaming(words) }
    func stringList(_ items: [String]) -> String {
        items.isEmpty ? "java.util.Collections.<String>emptyList()" : listLiteral(items, open: "java.util.Arrays.asList(", close: ")")
    }
    func typeName(_ words: [String]) -> String { pascal(words) }
    func memberName(_ words: [String]) -> String { camel(words) }
    func constantName(_ words: [String]) -> String { screaming(words) }
    func stringLiteral(_ s: String) -> String {
        // Octal escapes: javac turns \uXXXX into characters before it reads the string.
        cStyleEscape(s) { $0 < 0x100 ? String(format: "\\%03o", $0) : String(UnicodeScalar($0).map { Character($0) } ?? " ") }
    }
    func docLines(_ text: String) -> [String] { blockCommentLines(text, escapeBackslashU: true).map { $0.replacingOccurrences(of: "@", with: "{@literal @}") } }
    func typeRef(_ type: CodeModel.ValueType) -> String {
        switch type {
        case .string: "String"
        case .integer, .timestamp: "Long"
        case .number: "Double"
        case .boolean: "Boolean"
        case .enumeration(let name, _), .object(let name, _): typeName(name)
        case .array(let item): "java.util.List<\(typeRef(item))>"
        }
    }
    func optionalRef(_ type: String) -> String { type }
    func parameter(name: String, type: String, required: Bool) -> String { "\(type) \(name)" }
    func numberLiteral(_ d: Double) -> String {
        let s = plainNumber(d)
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
    func opt<T>(_ v: T?, _ f: (T) -> String) -> String { v.map(f) ?? "null" }

    func encode(_ type: CodeModel.ValueType, _ expr: String, label: String) -> String {
        switch type {
        case .string, .integer, .timestamp, .number, .boolean: expr
        case .enumeration: "\(expr).value"
        case .object: "\(expr).encoded(problems, \(label))"
        case .array(let item): "TrackPlanCheck.map(\(expr), it -> \(encode(item, "it", label: label)))"
        }
    }

    func assign(_ f: CodeModel.Field, expr: String, labelLiteral: String) -> [String] {
        var lines: [String] = []
        let c = CheckCalls(f)
        lines += checks(c, expr, labelLiteral)
        if let n = c.count { lines.append("TrackPlanCheck.count(\(expr).size(), \(opt(n.min) { "\($0)" }), \(opt(n.max) { "\($0)" }), \(labelLiteral), problems);") }
        if let item = CheckCalls.items(of: f) {
            lines += ["for (int i = 0; i < \(expr).size(); i++) {", "    var item = \(expr).get(i);"]
                + checks(item.calls, "item", "\(labelLiteral) + \"[\" + i + \"]\"").map { "    " + $0 } + ["}"]
        }
        lines.append("p.put(\(stringLiteral(f.name)), \(encode(f.type, expr, label: labelLiteral)));")
        if f.required {
            return ["if (\(expr) == null) { problems.add(\(labelLiteral) + \" is required\"); } else {"] + lines.map { "    " + $0 } + ["}"]
        }
        return ["if (\(expr) != null) {"] + lines.map { "    " + $0 } + ["}"]
    }

    func checks(_ c: CheckCalls, _ v: String, _ labelLiteral: String) -> [String] {
        var lines: [String] = []
        if let l = c.length { lines.append("TrackPlanCheck.length(\(v), \(opt(l.min) { "\($0)" }), \(opt(l.max) { "\($0)" }), \(labelLiteral), problems);") }
        if let r = c.range { lines.append("TrackPlanCheck.range(\(v).doubleValue(), \(opt(r.min, numberLiteral)), \(opt(r.max, numberLiteral)), \(labelLiteral), problems);") }
        if let p = c.pattern { lines.append("TrackPlanCheck.pattern(\(v), \(stringLiteral(p)), \(labelLiteral), problems);") }
        if let fm = c.format { lines.append("TrackPlanCheck.format(\(v), \(stringLiteral(fm)), \(labelLiteral), problems);") }
        return lines
    }
}

// MARK: - TypeScript

struct TypeScriptLanguage: CodeLanguage {
    let id = "typescript"
    let fileName = "trackplanEvents.ts"
    let reserved: Set<String> = [
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
        "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
        "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
        "boolean", "constructor", "declare", "get", "module", "require", "number", "set", "string", "symbol", "type",
        "TrackPlan", "TrackPlanValue", "TrackPlanTransport", "TrackPlanCommon", "TrackPlanCheck", "TrackPlanEvents", "TrackPlanPositions", "TrackPlanExposureRule", "TrackPlanExposureRules", "from", "of", "await", "async", "undefined", "unknown", "never", "object", "p", "problems", "transport", "common",
        "args", "Object", "String", "Number", "Boolean", "Array",
    ]

    func fieldExpr(_ context: FieldContext, member: String, key: String) -> String {
        switch context { case .parameter: "args.\(member)"; case .object: "v.\(member)"; case .common: "c.\(member)" }
    }
    func caseName(_ words: [String]) -> String { pascal(words) }
    func typeName(_ words: [String]) -> String { pascal(words) }
    func memberName(_ words: [String]) -> String { camel(words) }
    func constantName(_ words: [String]) -> String { screaming(words) }
    func stringLiteral(_ s: String) -> String {
        cStyleEscape(s) { String(format: "\\u%04x", $0) }
    }
    func docLines(_ text: String) -> [String] { blockCommentLines(text) }
    func typeRef(_ type: CodeModel.ValueType) -> String {
        switch type {
        case .string: "string"
        case .integer, .timestamp, .number: "number"
        case .boolean: "boolean"
        case .enumeration(let name, _), .object(let name, _): typeName(name)
        case .array(let item): "Array<\(typeRef(item))>"
        }
    }
    func optionalRef(_ type: String) -> String { type + " | undefined" }
    func parameter(name: String, type: String, required: Bool) -> String {
        required ? "\(name): \(type)" : "\(name)?: \(type)"
    }
    func numberLiteral(_ d: Double) -> String { plainNumber(d) }
    func opt<T>(_ v: T?, _ f: (T) -> String) -> String { v.map(f) ?? "undefined" }

    func encode(_ type: CodeModel.ValueType, _ expr: String, label: String) -> String {
        switch type {
        case .string, .integer, .timestamp, .number, .boolean, .enumeration: expr
        case .object(let name, _): "encode\(typeName(name))(\(expr), problems, \(label))"
        case .array(let item): "\(expr).map((it) => \(encode(item, "it", label: label)))"
        }
    }

    func assign(_ f: CodeModel.Field, expr: String, labelLiteral: String) -> [String] {
        var lines: [String] = []
        let c = CheckCalls(f)
        lines += checks(c, f.type, expr, labelLiteral)
        if let n = c.count { lines.append("TrackPlanCheck.count(\(expr).length, \(opt(n.min) { "\($0)" }), \(opt(n.max) { "\($0)" }), \(labelLiteral), problems);") }
        if let item = CheckCalls.items(of: f) {
            lines += ["\(expr).forEach((item, i) => {"] + checks(item.calls, item.field.type, "item", "\(labelLiteral) + \"[\" + i + \"]\"").map { "  " + $0 } + ["});"]
        }
        lines.append("p[\(stringLiteral(f.name))] = \(encode(f.type, expr, label: labelLiteral));")
        if f.required { return lines }
        return ["if (\(expr) !== undefined) {"] + lines.map { "  " + $0 } + ["}"]
    }

    func checks(_ c: CheckCalls, _ type: CodeModel.ValueType, _ v: String, _ labelLiteral: String) -> [String] {
        var lines: [String] = []
        if case .integer = type { lines.append("TrackPlanCheck.integer(\(v), \(labelLiteral), problems);") }
        if case .timestamp = type { lines.append("TrackPlanCheck.integer(\(v), \(labelLiteral), problems);") }
        if let l = c.length { lines.append("TrackPlanCheck.length(\(v), \(opt(l.min) { "\($0)" }), \(opt(l.max) { "\($0)" }), \(labelLiteral), problems);") }
        if let r = c.range { lines.append("TrackPlanCheck.range(\(v), \(opt(r.min, numberLiteral)), \(opt(r.max, numberLiteral)), \(labelLiteral), problems);") }
        if let p = c.pattern { lines.append("TrackPlanCheck.pattern(\(v), \(stringLiteral(p)), \(labelLiteral), problems);") }
        if let fm = c.format { lines.append("TrackPlanCheck.format(\(v), \(stringLiteral(fm)), \(labelLiteral), problems);") }
        return lines
    }
}

// MARK: - Python

struct PythonLanguage: CodeLanguage {
    let id = "python"
    let fileName = "trackplan_events.py"
    let reserved: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type", "self", "p",
        "problems", "transport", "common", "str", "int", "float", "bool", "list", "dict", "object", "Optional", "List",
        "TrackPlan", "TrackPlanValue", "TrackPlanTransport", "TrackPlanCommon", "TrackPlanCheck", "TrackPlanEvents", "TrackPlanPositions", "TrackPlanExposureRule", "TrackPlanExposureRules", "Dict", "Any", "Enum", "Protocol", "Callable", "dataclass", "re", "threading",
    ]

    func fieldExpr(_ context: FieldContext, member: String, key: String) -> String {
        switch context { case .parameter: member; case .object: "self.\(member)"; case .common: "c.\(member)" }
    }
    func caseName(_ words: [String]) -> String { screaming(words) }
    func typeName(_ words: [String]) -> String { pascal(words) }
    func memberName(_ words: [String]) -> String { snake(words) }
    func constantName(_ words: [String]) -> String { screaming(words) }
    func stringLiteral(_ s: String) -> String {
        cStyleEscape(s) { $0 < 0x100 ? String(format: "\\x%02x", $0) : String(format: "\\u%04x", $0) }
    }
    func docLines(_ text: String) -> [String] { blockCommentLines(text) }
    func typeRef(_ type: CodeModel.ValueType) -> String {
        switch type {
        case .string: "str"
        case .integer, .timestamp: "int"
        case .number: "float"
        case .boolean: "bool"
        case .enumeration(let name, _), .object(let name, _): "\"\(typeName(name))\""
        case .array(let item): "List[\(typeRef(item))]"
        }
    }
    func optionalRef(_ type: String) -> String { "Optional[\(type)]" }
    func parameter(name: String, type: String, required: Bool) -> String {
        required ? "\(name): \(type)" : "\(name): Optional[\(type)] = None"
    }
    func numberLiteral(_ d: Double) -> String { plainNumber(d) }
    func opt<T>(_ v: T?, _ f: (T) -> String) -> String { v.map(f) ?? "None" }

    func encode(_ type: CodeModel.ValueType, _ expr: String, label: String) -> String {
        switch type {
        case .string, .integer, .timestamp, .number, .boolean: expr
        case .enumeration: "\(expr).value"
        case .object: "\(expr).encoded(problems, \(label))"
        case .array(let item): "[\(encode(item, "it", label: label)) for it in \(expr)]"
        }
    }

    func assign(_ f: CodeModel.Field, expr: String, labelLiteral: String) -> [String] {
        var lines: [String] = []
        let c = CheckCalls(f)
        lines += checks(c, expr, labelLiteral)
        if let n = c.count { lines.append("TrackPlanCheck.count(len(\(expr)), \(opt(n.min) { "\($0)" }), \(opt(n.max) { "\($0)" }), \(labelLiteral), problems)") }
        if let item = CheckCalls.items(of: f) {
            lines += ["for i, item in enumerate(\(expr)):"] + checks(item.calls, "item", "\(labelLiteral) + \"[\" + str(i) + \"]\"").map { "    " + $0 }
        }
        lines.append("p[\(stringLiteral(f.name))] = \(encode(f.type, expr, label: labelLiteral))")
        if f.required { return lines }
        return ["if \(expr) is not None:"] + lines.map { "    " + $0 }
    }

    func checks(_ c: CheckCalls, _ v: String, _ labelLiteral: String) -> [String] {
        var lines: [String] = []
        if let l = c.length { lines.append("TrackPlanCheck.length(\(v), \(opt(l.min) { "\($0)" }), \(opt(l.max) { "\($0)" }), \(labelLiteral), problems)") }
        if let r = c.range { lines.append("TrackPlanCheck.range(\(v), \(opt(r.min, numberLiteral)), \(opt(r.max, numberLiteral)), \(labelLiteral), problems)") }
        if let p = c.pattern { lines.append("TrackPlanCheck.pattern(\(v), \(stringLiteral(p)), \(labelLiteral), problems)") }
        if let fm = c.format { lines.append("TrackPlanCheck.format(\(v), \(stringLiteral(fm)), \(labelLiteral), problems)") }
        return lines
    }
}

enum CodeLanguages {
    static let all: [any CodeLanguage] = [SwiftLanguage(), KotlinLanguage(), JavaLanguage(), TypeScriptLanguage(), PythonLanguage()]
    static func named(_ id: String) -> (any CodeLanguage)? { all.first { $0.id == id } }
}
