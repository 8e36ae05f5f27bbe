/// Scalar resolution by the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema).
/// Plain scalars may be null, bool, int or float; everything else is a string.
/// `yes`/`no`/`on`/`off` are strings here, as YAML 1.2 says.
enum CoreSchema {
    static let tagNull = "tag:yaml.org,2002:null"
    static let tagBool = "tag:yaml.org,2002:bool"
    static let tagInt = "tag:yaml.org,2002:int"
    static let tagFloat = "tag:yaml.org,2002:float"
    static let tagStr = "tag:yaml.org,2002:str"

    static func resolve(_ bytes: UnsafeBufferPointer<UInt8>, plain: Bool, tag: String?) -> YAMLScalarValue {
        if let tag {
            switch tag {
            case tagStr: return .string(string(bytes))
            case tagNull: return .null
            case tagBool: return resolvePlain(bytes) ?? .string(string(bytes))
            case tagInt, tagFloat:
                switch resolvePlain(bytes) {
                case .int(let i)? where tag == tagFloat: return .float(Double(i))
                case let v? where v != .null: return v
                default: return .string(string(bytes))
                }
            default:
                // A non-specific `!` or an application tag: the text is taken as written.
                return .string(string(bytes))
            }
        }
        guard plain else { return .string(string(bytes)) }
        return resolvePlain(bytes) ?? .string(string(bytes))
    }

    /// True when `resolve` gives a string, decided without building it.
    static func isString(_ bytes: UnsafeBufferPointer<UInt8>, plain: Bool, tag: String?) -> Bool {
        if let tag {
            switch tag {
            case tagStr: return true
            case tagNull: return false
            case tagBool: return resolvePlain(bytes) == nil
            case tagInt, tagFloat:
                switch resolvePlain(bytes) {
                case .int? where tag == tagFloat: return false
                case let v? where v != .null: return false
                default: return true
                }
            default: return true
            }
        }
        return !plain || resolvePlain(bytes) == nil
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The non-string value a plain scalar resolves to, or nil for a string.
    static func resolvePlain(_ b: UnsafeBufferPointer<UInt8>) -> YAMLScalarValue? {
        let n = b.count
        if n == 0 { return .null }
        let c0 = b[0]
        // Fast exit: core-schema values start with one of these characters.
        switch c0 {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "0") ... UInt8(ascii: "9"):
            break
        default:
            return nil
        }
        // The words below; numbers (no word starts with a digit) go straight to `number`.
        if n <= 5, !isDigit(c0) {
            let s = string(b)
            switch s {
            case "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            default: break
            }
        }
        return number(b)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// int: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`;
    /// float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func number(_ b: UnsafeBufferPointer<UInt8>) -> YAMLScalarValue? {
        let n = b.count
        if n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") || b[1] == UInt8(ascii: "x") {
            let radix = b[1] == UInt8(ascii: "o") ? 8 : 16
            let digits = String(decoding: UnsafeBufferPointer(rebasing: b[2...]), as: UTF8.self)
            if let v = Int(digits, radix: radix) { return .int(v) }
            // Too large for Int but well formed: keep it as a float.
            if digits.allSatisfy({ $0.isHexDigit && (radix == 16 || ("0" ... "7").contains($0)) }) {
                return .float(digits.reduce(0.0) { $0 * Double(radix) + Double($1.hexDigitValue ?? 0) })
            }
            return nil
        }
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        let intStart = i
        while i < n, isDigit(b[i]) { i += 1 }
        let intDigits = i - intStart
        if i == n {
            guard intDigits > 0 else { return nil }
            // Up to 18 digits cannot overflow: summed in place, no String built.
            if intDigits <= 18 {
                var v = 0
                for j in intStart ..< n { v = v * 10 + Int(b[j] - 48) }
                return .int(b[0] == UInt8(ascii: "-") ? -v : v)
            }
            let s = string(b)
            if let v = Int(s) { return .int(v) }
            return Double(s).map { .float($0) }
        }
        var fracDigits = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            fracDigits = i - fracStart
        }
        guard intDigits > 0 || fracDigits > 0 else { return nil }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            let expStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            guard i > expStart else { return nil }
        }
        guard i == n else { return nil }
        return Double(string(b)).map { .float($0) }
    }
}
