import Foundation

/// One JSON Schema (draft 2020-12) per event: the payload's properties, the
/// workspace's common parameters included, with every constraint the plan states.
enum JSONSchemaTarget {
    /// Characters kept as they are in the `$id` URN; others are percent-encoded.
    static let urnSafe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")

    static func outputs(_ model: CodeModel, comment: String) -> [CodeGenerator.Output] {
        model.events.map { event in
            var properties: [(String, JSON)] = []
            var required: [JSON] = []
            var seen = Set<String>()
            for f in model.common + event.fields where seen.insert(f.name).inserted {
                properties.append((f.name, schema(f)))
                if f.required { required.append(.string(f.name)) }
            }
            var root: [(String, JSON)] = [
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$id", .string("urn:trackplan:event:" + (event.name.addingPercentEncoding(withAllowedCharacters: urnSafe) ?? event.name))),
                ("$comment", .string(comment)),
                ("title", .string(event.name)),
            ]
            var description = event.description ?? ""
            if let p = event.position { description += (description.isEmpty ? "" : " ") + "Position: \(p)." }
            if !description.isEmpty { root.append(("description", .string(description))) }
            root += [
                ("type", .string("object")),
                ("properties", .object(properties)),
                ("required", .array(required)),
                ("additionalProperties", .bool(false)),
            ]
            return CodeGenerator.Output(path: fileName(event.name), bytes: Array((JSON.object(root).pretty() + "\n").utf8))
        }
    }

    /// A file name for an event: its name when that is safe, else a hex spelling.
    static func fileName(_ name: String) -> String {
        let safe = !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
        return (safe ? name : "event-" + name.utf8.map { String(format: "%02x", $0) }.joined()) + ".schema.json"
    }

    static func schema(_ f: CodeModel.Field) -> JSON {
        var s = typeSchema(f.type, f)
        if let d = f.description { s.insert(("description", .string(d)), at: 0) }
        return .object(s)
    }

    static func typeSchema(_ type: CodeModel.ValueType, _ f: CodeModel.Field?) -> [(String, JSON)] {
        var s: [(String, JSON)] = []
        switch type {
        case .string:
            s.append(("type", .string("string")))
            if let v = f?.minLength { s.append(("minLength", .int(v))) }
            if let v = f?.maxLength { s.append(("maxLength", .int(v))) }
            if let v = f?.pattern { s.append(("pattern", .string(v))) }
            if let v = f?.format {
                let mapped = ["url": "uri", "datetime": "date-time"][v] ?? v
                s.append(("format", .string(mapped)))
            }
        case .integer, .number:
            s.append(("type", .string(type == .integer ? "integer" : "number")))
            if let v = f?.min { s.append(("minimum", .number(v))) }
            if let v = f?.max { s.append(("maximum", .number(v))) }
        case .timestamp:
            s.append(("type", .string("integer")))
            s.append(("minimum", .int(0)))
            s.append(("$comment", .string("milliseconds since 1970-01-01T00:00:00Z")))
        case .boolean:
            s.append(("type", .string("boolean")))
        case .enumeration(_, let values):
            let isInt = !values.isEmpty && values.allSatisfy { $0.integer != nil }
            s.append(("type", .string(isInt ? "integer" : "string")))
            s.append(("enum", .array(values.map { isInt ? .int($0.integer!) : .string($0.text) })))
        case .object(_, let properties):
            s.append(("type", .string("object")))
            s.append(("properties", .object(properties.map { ($0.name, schema($0)) })))
            s.append(("required", .array(properties.filter(\.required).map { .string($0.name) })))
            s.append(("additionalProperties", .bool(false)))
        case .array(let item):
            s.append(("type", .string("array")))
            s.append(("items", .object(typeSchema(item, f?.items.first))))
            if let v = f?.minItems { s.append(("minItems", .int(v))) }
            if let v = f?.maxItems { s.append(("maxItems", .int(v))) }
        }
        return s
    }
}

/// A JSON value with ordered keys, printed deterministically.
indirect enum JSON {
    case string(String), int(Int), number(Double), bool(Bool), null
    case array([JSON])
    case object([(String, JSON)])

    func pretty(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let s): return Self.quote(s)
        case .int(let i): return String(i)
        case .number(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
            return d.isFinite ? "\(d)" : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .object = $0 { return false }; if case .array = $0 { return false }; return true }) {
                return "[" + items.map { $0.pretty() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.pretty(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + Self.quote($0.0) + " : " + $0.1.pretty(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
