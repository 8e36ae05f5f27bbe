import Foundation

/// A strict JSON (RFC 8259) reader that records a document as a flat tape of nodes
/// pointing into the input bytes, without building strings, numbers or dictionaries.
/// `trackplan verify` checks hundreds of thousands of captured events a second against
/// the plan; Foundation's JSONSerialization builds an object graph per event and reads
/// about 80,000 a second here, so captured payloads go through this tape instead
/// (HAR files and everything else still use Foundation). Values are decoded only when a
/// check needs them. Differentially tested against JSONSerialization.
public struct JSONTape {
    public enum Kind: UInt8 { case null, `false`, `true`, number, string, array, object }

    public struct Node {
        public var kind: Kind
        /// Strings: the text has a backslash escape. Numbers: no fraction or exponent.
        public var flag: Bool
        /// Bytes of the value: a string's text without its quotes; an array or object from its bracket.
        public var start: Int32
        public var end: Int32
        /// The index just after this node's subtree.
        public var next: Int32
        /// Members (objects) or elements (arrays).
        public var count: Int32
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { message }
    }

    /// The nodes, written by the parser straight into memory it owns and reuses from one
    /// document to the next (no per-node bookkeeping of an array).
    final class Storage {
        var base: UnsafeMutablePointer<Node>
        var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }

        @inline(__always)
        func append(_ node: Node) {
            if count == capacity { grow() }
            (base + count).initialize(to: node)
            count += 1
        }

        func grow() {
            let bigger = UnsafeMutablePointer<Node>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
    }

    private let storage = Storage(capacity: 64)
    public let maxDepth: Int

    /// The nodes of the last document parsed (valid until the next parse).
    public var nodes: UnsafeBufferPointer<Node> { UnsafeBufferPointer(start: storage.base, count: storage.count) }

    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Parses one JSON value spanning `bytes` (whitespace around it allowed).
    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        storage.count = 0
        var p = Parser(b: bytes, i: 0, maxDepth: maxDepth, out: storage)
        p.skipSpace()
        try p.value(depth: 0)
        p.skipSpace()
        if p.i != bytes.count { throw ParseError(offset: p.i, message: "unexpected \(p.describe(p.i)) after the value") }
    }

    struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i: Int
        let maxDepth: Int
        let out: Storage

        func describe(_ at: Int) -> String {
            guard at < b.count else { return "end of input" }
            let c = b[at]
            return c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : String(format: "byte 0x%02X", c)
        }

        mutating func skipSpace() {
            while i < b.count {
                let c = b[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
            }
        }

        func fail(_ message: String) -> ParseError { ParseError(offset: i, message: message) }

        mutating func value(depth: Int) throws(ParseError) {
            guard i < b.count else { throw fail("unexpected end of input") }
            switch b[i] {
            case UInt8(ascii: "{"):
                guard depth < maxDepth else { throw fail("nested deeper than \(maxDepth) levels") }
                let index = out.count
                out.append(Node(kind: .object, flag: false, start: Int32(i), end: 0, next: 0, count: 0))
                i += 1
                skipSpace()
                var count: Int32 = 0
                if i < b.count, b[i] == UInt8(ascii: "}") {
                    i += 1
                } else {
                    while true {
                        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a string key, found \(describe(i))") }
                        try string()
                        skipSpace()
                        guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a key, found \(describe(i))") }
                        i += 1
                        skipSpace()
                        try value(depth: depth + 1)
                        count += 1
                        skipSpace()
                        guard i < b.count else { throw fail("unexpected end of input in an object") }
                        if b[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
                        if b[i] == UInt8(ascii: "}") { i += 1; break }
                        throw fail("expected ',' or '}' in an object, found \(describe(i))")
                    }
                }
                out.base[index].end = Int32(i)
                out.base[index].count = count
                out.base[index].next = Int32(out.count)
            case UInt8(ascii: "["):
                guard depth < maxDepth else { throw fail("nested deeper than \(maxDepth) levels") }
                let index = out.count
                out.append(Node(kind: .array, flag: false, start: Int32(i), end: 0, next: 0, count: 0))
                i += 1
                skipSpace()
                var count: Int32 = 0
                if i < b.count, b[i] == UInt8(ascii: "]") {
                    i += 1
                } else {
                    while true {
                        try value(depth: depth + 1)
                        count += 1
                        skipSpace()
                        guard i < b.count else { throw fail("unexpected end of input in an array") }
                        if b[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
                        if b[i] == UInt8(ascii: "]") { i += 1; break }
                        throw fail("expected ',' or ']' in an array, found \(describe(i))")
                    }
                }
                out.base[index].end = Int32(i)
                out.base[index].count = count
                out.base[index].next = Int32(out.count)
            case UInt8(ascii: "\""):
                try string()
            case UInt8(ascii: "t"):
                try literal("true", .true)
            case UInt8(ascii: "f"):
                try literal("false", .false)
            case UInt8(ascii: "n"):
                try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
                try number()
            default:
                throw fail("unexpected \(describe(i))")
            }
        }

        mutating func literal(_ word: StaticString, _ kind: Kind) throws(ParseError) {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count, memcmp(b.baseAddress! + i, word.utf8Start, n) == 0 else { throw fail("unexpected \(describe(i))") }
            out.append(Node(kind: kind, flag: false, start: Int32(i), end: Int32(i + n), next: Int32(out.count + 1), count: 0))
            i += n
        }

        mutating func number() throws(ParseError) {
            let start = i
            var integer = true
            if b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count else { throw fail("a number ends early") }
            if b[i] == UInt8(ascii: "0") {
                i += 1
            } else if b[i] >= UInt8(ascii: "1") && b[i] <= UInt8(ascii: "9") {
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            } else {
                throw fail("expected a digit, found \(describe(i))")
            }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                integer = false
                i += 1
                let digits = i
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
                guard i > digits else { throw fail("expected a digit after '.', found \(describe(i))") }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                integer = false
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                let digits = i
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
                guard i > digits else { throw fail("expected a digit in the exponent, found \(describe(i))") }
            }
            out.append(Node(kind: .number, flag: integer, start: Int32(start), end: Int32(i), next: Int32(out.count + 1), count: 0))
        }

        /// A string; checks escapes and UTF-8 (control characters must be escaped).
        mutating func string() throws(ParseError) {
            i += 1
            let start = i
            var escaped = false
            while true {
                // Eight plain bytes at a time: no quote, backslash, control or non-ASCII byte.
                // The lowest flagged byte is always a real one (a borrow only flags bytes above
                // it), so the scan jumps straight to it.
                var j = i
                let base = b.baseAddress!
                while j + 8 <= b.count {
                    let w = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                    let quote = w ^ (ones &* 0x22), slash = w ^ (ones &* 0x5C)
                    let special = (((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w) | w) & highs
                    if special != 0 { j += special.trailingZeroBitCount >> 3; break }
                    j += 8
                }
                i = j
                guard i < b.count else { throw fail("a string is not closed") }
                let c = b[i]
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    i += 1
                    guard i < b.count else { throw fail("a string is not closed") }
                    switch b[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 1
                    case UInt8(ascii: "u"):
                        guard i + 4 < b.count else { throw fail("a \\u escape ends early") }
                        for k in 1 ... 4 where !isHex(b[i + k]) { throw ParseError(offset: i + k, message: "bad \\u escape") }
                        i += 5
                    default:
                        throw fail("bad escape \\\(describe(i))")
                    }
                } else if c < 0x20 {
                    throw fail("a control character (\(String(format: "0x%02X", c))) in a string must be escaped")
                } else if c < 0x80 {
                    i += 1
                } else {
                    try utf8Sequence()
                }
            }
            out.append(Node(kind: .string, flag: escaped, start: Int32(start), end: Int32(i), next: Int32(out.count + 1), count: 0))
            i += 1
        }

        func isHex(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
        }

        /// One well-formed multi-byte UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF).
        mutating func utf8Sequence() throws(ParseError) {
            let c = b[i]
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2 ... 0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1 ... 0xEC, 0xEE ... 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1 ... 0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: throw fail("invalid UTF-8 (\(String(format: "byte 0x%02X", c)))")
            }
            guard i + need < b.count else { throw fail("invalid UTF-8: a sequence ends early") }
            let second = b[i + 1]
            guard second >= lo && second <= hi else { throw ParseError(offset: i + 1, message: "invalid UTF-8") }
            for k in stride(from: 2, through: need, by: 1) where b[i + k] & 0xC0 != 0x80 {
                throw ParseError(offset: i + k, message: "invalid UTF-8")
            }
            i += need + 1
        }
    }
}

extension JSONTape {
    /// The value of member `key` of the object at `index`, or nil.
    public func member(_ index: Int, _ key: [UInt8], in b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard nodes[index].kind == .object else { return nil }
        var k = index + 1
        for _ in 0 ..< nodes[index].count {
            if keyEquals(k, key, in: b) { return k + 1 }
            k = Int(nodes[k + 1].next)
        }
        return nil
    }

    /// The members of the object at `index`: (key node, value node).
    public func members(_ index: Int) -> [(key: Int, value: Int)] {
        var out: [(Int, Int)] = []
        out.reserveCapacity(Int(nodes[index].count))
        var k = index + 1
        for _ in 0 ..< nodes[index].count {
            out.append((k, k + 1))
            k = Int(nodes[k + 1].next)
        }
        return out
    }

    /// The elements of the array at `index`.
    public func elements(_ index: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(Int(nodes[index].count))
        var k = index + 1
        for _ in 0 ..< nodes[index].count {
            out.append(k)
            k = Int(nodes[k].next)
        }
        return out
    }

    func keyEquals(_ k: Int, _ key: [UInt8], in b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = nodes[k]
        if n.flag { return Array(string(k, in: b).utf8) == key }
        let len = Int(n.end - n.start)
        guard len == key.count else { return false }
        return key.withUnsafeBufferPointer { len == 0 || bytesEqual(b.baseAddress! + Int(n.start), $0.baseAddress!, len) }
    }

    /// The text of the string node at `index`, escapes decoded.
    public func string(_ index: Int, in b: UnsafeBufferPointer<UInt8>) -> String {
        let n = nodes[index]
        let raw = UnsafeBufferPointer(rebasing: b[Int(n.start) ..< Int(n.end)])
        guard n.flag else { return String(decoding: raw, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = 0
        func hex(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0 ..< 4 {
                let c = raw[at + k]
                v = v << 4 | UInt32(c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : (c | 0x20) - UInt8(ascii: "a") + 10)
            }
            return v
        }
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex(i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = hex(i + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(s)).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The number at `index` as a Double.
    public func double(_ index: Int, in b: UnsafeBufferPointer<UInt8>) -> Double {
        let n = nodes[index]
        if n.flag, let i = int(index, in: b) { return Double(i) }
        let len = Int(n.end - n.start)
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { buf in
            for k in 0 ..< len { buf[k] = CChar(bitPattern: b[Int(n.start) + k]) }
            buf[len] = 0
            return strtod(buf.baseAddress!, nil)
        }
    }

    /// The number at `index` as an Int, when it is written as an integer that fits.
    public func int(_ index: Int, in b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = nodes[index]
        guard n.kind == .number, n.flag else { return nil }
        var i = Int(n.start)
        let negative = b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var v = 0
        while i < Int(n.end) {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(b[i] - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            v = s
            i += 1
        }
        return negative ? -v : v
    }
}

/// Whether `n` bytes at `a` and `b` are equal: eight at a time, inline (keys are short,
/// and a call to memcmp costs more than comparing them).
@inline(__always)
func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
