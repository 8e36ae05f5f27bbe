import Foundation
import Testing
@testable import TrackPlanKit

/// Paths the tests read: the repository and the shared corpora beside it.
enum TestPaths {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared: URL = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let corpora: URL = shared.appendingPathComponent("corpora")
    static let fixtures: URL = repository.appendingPathComponent("Tests/Fixtures")
}

/// A JSON value, decoded with Foundation's JSONDecoder, for semantic comparison.
indirect enum JSONValue: Equatable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let d): "\(d)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[" + a.map(\.description).joined(separator: ",") + "]"
        case .object(let o): "{" + o.keys.sorted().map { "\($0):\(o[$0]!)" }.joined(separator: ",") + "}"
        }
    }

    /// Splits a file holding several concatenated JSON values and decodes each.
    static func decodeStream(_ data: Data) throws -> [JSONValue] {
        let bytes = [UInt8](data)
        var values: [JSONValue] = []
        var i = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            if i >= bytes.count { break }
            let start = i
            let first = bytes[i]
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") {
                var depth = 0
                var inString = false
                repeat {
                    let c = bytes[i]
                    if inString {
                        if c == UInt8(ascii: "\\") { i += 1 } else if c == UInt8(ascii: "\"") { inString = false }
                    } else if c == UInt8(ascii: "\"") {
                        inString = true
                    } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                        depth += 1
                    } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                        depth -= 1
                    }
                    i += 1
                } while i < bytes.count && (depth > 0 || inString)
            } else {
                while i < bytes.count, !isSpace(bytes[i]) { i += 1 }
            }
            values.append(try JSONDecoder().decode(JSONValue.self, from: Data(bytes[start ..< i])))
        }
        return values
    }
}

extension YAMLNode {
    /// The JSON projection of a node: mappings to objects (keys as their text),
    /// sequences to arrays, scalars by the core schema.
    var json: JSONValue {
        switch kind {
        case .scalar:
            switch value! {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .number(Double(i))
            case .float(let d): return .number(d)
            case .string(let s): return .string(s)
            }
        case .sequence:
            return .array(items.map(\.json))
        case .mapping:
            var object: [String: JSONValue] = [:]
            for (k, v) in pairs { object[k.text ?? k.json.description] = v.json }
            return .object(object)
        }
    }
}

/// Temporary folders and workspace copies for tests that write.
enum Sandbox {
    /// A fresh, empty temporary folder.
    static func folder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Copies a workspace's settings, plans and templates (those it has) into `dir`.
    static func copyWorkspace(from source: URL = TestPaths.repository, to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for item in ["trackplan.yaml", "plans", "templates"]
        where FileManager.default.fileExists(atPath: source.appendingPathComponent(item).path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: dir.appendingPathComponent(item))
        }
    }

    /// A fresh folder holding a copy of a workspace (the repository's example by default).
    static func workspace(_ name: String, from source: URL = TestPaths.repository) throws -> URL {
        let dir = try folder(name)
        try copyWorkspace(from: source, to: dir)
        return dir
    }
}
