import Foundation
import Crypto

/// The content digest approvals are bound to: SHA-256 over a canonical form of
/// the plan's YAML, leaving out the fields the tool writes. Formatting, comments,
/// key order and quoting do not change it; any change of meaning does.
public enum ContentDigest {
    /// Keys the tool owns; changing them does not invalidate an approval.
    public static let toolOwnedKeys: Set<String> = ["status", "approvals", "history", "verification", "postmortem"]

    /// `sha256:<hex>` of the plan's canonical content.
    public static func of(plan node: YAMLNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        canonical(node, into: &out, skipKeys: toolOwnedKeys)
        return sha256(out)
    }

    /// `sha256:<hex>` of some bytes.
    public static func sha256(_ bytes: [UInt8]) -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = Array("sha256:".utf8)
        for b in SHA256.hash(data: bytes) {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Canonical JSON: mappings with keys sorted by their bytes, scalars by their
    /// core-schema value. Iterative on purpose: depth is bounded by the reader anyway.
    static func canonical(_ node: YAMLNode, into out: inout [UInt8], skipKeys: Set<String> = []) {
        switch node.kind {
        case .scalar:
            switch node.value! {
            case .null: out += Array("null".utf8)
            case .bool(let b): out += Array((b ? "true" : "false").utf8)
            case .int(let i): out += Array(String(i).utf8)
            case .float(let d): out += Array((d.isFinite ? String(d) : "\"\(d)\"").utf8)
            case .string(let s): appendString(s, &out)
            }
        case .sequence:
            out.append(UInt8(ascii: "["))
            for (i, item) in node.items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                canonical(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping:
            let pairs = node.pairs
                .map { (key: $0.key.text ?? "", value: $0.value) }
                .filter { !skipKeys.contains($0.key) }
                .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            out.append(UInt8(ascii: "{"))
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(pair.key, &out)
                out.append(UInt8(ascii: ":"))
                canonical(pair.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func appendString(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0 ..< 0x20: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
