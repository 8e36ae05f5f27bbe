import Foundation

/// JSON Schema (draft-07, what the YAML language server reads best) of the plan
/// format, made from `FormatShapes`, so editors autocomplete and check plans.
public enum FormatSchema {
    public enum Document: String, CaseIterable, Sendable {
        case plan, template, settings

        var shape: String {
            switch self {
            case .plan: "plan"
            case .template: "event template"
            case .settings: "workspace settings"
            }
        }

        public var fileName: String { "trackplan-\(rawValue).schema.json" }
    }

    public static func json(_ document: Document) -> String {
        var definitions: [String: Any] = [:]
        collect(document.shape, into: &definitions)
        var root: [String: Any] = [
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": "https://trackplan.dev/schema/\(document.fileName)",
            "title": "trackplan \(document.shape)",
            "definitions": definitions,
        ]
        for (k, v) in objectSchema(FormatShapes.shape(document.shape)!) { root[k] = v }
        let data = try! JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func ref(_ name: String) -> String { name.replacingOccurrences(of: " ", with: "_") }

    static func collect(_ name: String, into defs: inout [String: Any]) {
        let key = ref(name)
        guard defs[key] == nil, let shape = FormatShapes.shape(name) else { return }
        defs[key] = [:]
        defs[key] = objectSchema(shape)
        for field in shape.fields { collectKinds(field.kind, into: &defs) }
    }

    static func collectKinds(_ kind: FieldKind, into defs: inout [String: Any]) {
        switch kind {
        case .object(let n): collect(n, into: &defs)
        case .list(let k), .map(let k): collectKinds(k, into: &defs)
        case .either(let a, let b): collectKinds(a, into: &defs); collectKinds(b, into: &defs)
        default: break
        }
    }

    static func objectSchema(_ shape: Shape) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in shape.fields {
            var s = schema(field.kind)
            s["description"] = field.doc
            properties[field.key] = s
        }
        var out: [String: Any] = [
            "type": "object",
            "description": shape.doc,
            "properties": properties,
            "additionalProperties": false,
        ]
        let required = shape.fields.filter(\.required).map(\.key)
        if !required.isEmpty { out["required"] = required }
        return out
    }

    static func schema(_ kind: FieldKind) -> [String: Any] {
        switch kind {
        case .string: return ["type": ["string", "number", "boolean"]]
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .date: return ["type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"]
        case .datetime: return ["type": "string", "format": "date-time"]
        case .oneOf(let values): return ["type": "string", "enum": values]
        case .scalar: return ["type": ["string", "number", "boolean", "null"]]
        case .any: return [:]
        case .list(let k): return ["type": "array", "items": schema(k)]
        case .map(let k): return ["type": "object", "additionalProperties": schema(k)]
        case .object(let n): return ["$ref": "#/definitions/\(ref(n))"]
        case .either(let a, let b): return ["anyOf": [schema(a), schema(b)]]
        }
    }
}
