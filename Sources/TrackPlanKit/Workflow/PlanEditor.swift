import Foundation

/// Edits the tool-owned fields of a plan file in place, by byte offsets from the
/// reader's marks, and leaves every other byte as it was: comments, key order,
/// quoting, blank lines, CRLF line endings, non-ASCII text.
///
/// Edits are collected, then applied from the end of the file backwards so that
/// earlier offsets stay valid. The result is parsed again and checked before
/// anyone writes it: it must read cleanly, its content digest must not have
/// moved, and the fields must say what was meant.
public struct PlanEditor {
    public struct EditError: Error, CustomStringConvertible {
        public var path: String
        public var location: SourceLocation?
        public var message: String
        public var description: String {
            location.map { "\(path):\($0.line):\($0.column): \(message)" } ?? "\(path): \(message)"
        }
    }

    /// A mapping (rendered as `key: value` lines or `{ key: value }`) or a scalar.
    public enum Value {
        case scalar(String)
        /// A number, written plain so it reads back as an integer.
        case integer(Int)
        case mapping([(String, Value)])
        case list([String])
    }

    public let path: String
    public private(set) var bytes: [UInt8]
    let root: YAMLNode
    let newline: [UInt8]
    /// Replacements; `rank` orders insertions at one offset: items added to an existing
    /// entry (0) come before new entries (1).
    /// Items each edited list must hold afterwards: a check that every item landed in its list.
    private var expectedCounts: [String: Int] = [:]
    private var edits: [(range: Range<Int>, text: [UInt8], rank: Int)] = []

    /// Reads `bytes` (the file at `path`, for messages) for editing.
    public init(path: String, bytes: [UInt8], reader: YAMLReader = YAMLReader()) throws {
        self.path = path
        self.bytes = bytes
        let parsed = reader.parse(bytes, path: path)
        if let error = parsed.errors.first {
            throw EditError(path: path, location: error.location, message: "cannot edit: \(error.message)")
        }
        guard parsed.documents.count == 1, let root = parsed.documents.first, root.isMapping else {
            throw EditError(path: path, location: nil, message: "cannot edit: a plan file holds one YAML document, a mapping")
        }
        guard !Self.isFlow(root, bytes) else {
            throw EditError(path: path, location: root.start,
                            message: "cannot edit: the plan is one flow mapping ({ ... }); trackplan edits block-style plans")
        }
        self.root = root
        // The file's own line ending: CRLF when its first line break is one.
        if let nl = bytes.firstIndex(of: 0x0A), nl > 0, bytes[nl - 1] == 0x0D {
            newline = [0x0D, 0x0A]
        } else {
            newline = [0x0A]
        }
    }

    // MARK: - Edits

    /// Sets a top-level scalar (`status: review`), adding the key at the end when missing.
    public mutating func setScalar(_ key: String, _ value: String) throws {
        let text = Array(Self.scalar(value, flow: false).utf8)
        guard let (k, v) = root.pair(key) else {
            appendEntry(Array("\(key): ".utf8) + text + newline)
            return
        }
        if v.isScalar, v.start.offset < v.end.offset {
            edits.append((v.start.offset ..< v.end.offset, text, 0))
        } else if v.isScalar {
            // `status:` with nothing after it.
            let colon = colonOffset(after: k)
            edits.append((colon + 1 ..< colon + 1, [0x20] + text, 0))
        } else {
            throw EditError(path: path, location: v.start, message: "cannot edit '\(key)': it should be a plain value; fix it by hand")
        }
    }

    /// Appends one item to a top-level list (`approvals`, `history`), in the list's own
    /// style: a block item at the list's indentation, or a flow item before its `]`.
    public mutating func appendItem(_ key: String, _ item: [(String, Value)], blockStyle: Bool) throws {
        expectedCounts[key] = (expectedCounts[key] ?? (root[key].map { $0.isSequence ? $0.count : 0 } ?? 0)) + 1
        guard let (k, v) = root.pair(key) else {
            appendEntry(Array("\(key):".utf8) + newline + blockItem(item, indent: 2, blockStyle: blockStyle))
            return
        }
        if v.isSequence, Self.isFlow(v, bytes) {
            // `[a, b]`: insert before the closing bracket.
            let close = v.end.offset - 1
            guard close >= 0, bytes[close] == UInt8(ascii: "]") else {
                throw EditError(path: path, location: v.start, message: "cannot edit '\(key)': unexpected flow list")
            }
            var before = close - 1
            while before > v.start.offset, Self.isSpace(bytes[before]) { before -= 1 }
            let needsComma = v.count > 0 && bytes[before] != UInt8(ascii: ",")
            let flow = Array(Self.flowMapping(item).utf8)
            let insertAt = before + 1
            edits.append((insertAt ..< insertAt, (needsComma ? Array(", ".utf8) : (v.count > 0 ? [0x20] : [])) + flow, 0))
        } else if v.isSequence, let first = v.items.first {
            let dash = dashColumn(before: first)
            let end = entryEnd(k, v)
            edits.append((end.offset ..< end.offset, blockItem(item, indent: dash, blockStyle: blockStyle), 0))
        } else if v.isNull || (v.isSequence && v.count == 0) {
            // `approvals:`, `approvals: ~` or `approvals: []`: the items go below the key.
            if v.start.offset < v.end.offset, v.start.line == k.start.line {
                var from = v.start.offset
                while from > k.end.offset, bytes[from - 1] == 0x20 || bytes[from - 1] == 0x09 { from -= 1 }
                edits.append((from ..< v.end.offset, [], 0))
            }
            let end = entryEnd(k, v)
            let indent = Self.column(of: k.start.offset, in: bytes) + 2
            edits.append((end.offset ..< end.offset, blockItem(item, indent: indent, blockStyle: blockStyle), 0))
        } else {
            throw EditError(path: path, location: v.start, message: "cannot add to '\(key)': it is not a list; fix it by hand")
        }
    }

    /// Replaces a top-level mapping (`verification`, `postmortem`) whole, or adds it.
    public mutating func setMapping(_ key: String, _ fields: [(String, Value)]) throws {
        guard let (k, v) = root.pair(key) else {
            appendEntry(Array("\(key):".utf8) + newline + blockLines(fields, indent: 2))
            return
        }
        let indent = Self.column(of: k.start.offset, in: bytes) + 2
        if v.isMapping || v.isSequence, !Self.isFlow(v, bytes), v.start.line > k.start.line {
            // A block value: its lines, from the line after the key's, are replaced.
            let from = lineStart(after: k.end.offset)
            let end = entryEnd(k, v)
            edits.append((from ..< end.offset, blockLines(fields, indent: indent), 0))
        } else if v.isNull {
            // `postmortem: ~`: the null goes, the mapping comes below the key.
            if v.start.offset < v.end.offset {
                var from = v.start.offset
                while from > k.end.offset, bytes[from - 1] == 0x20 || bytes[from - 1] == 0x09 { from -= 1 }
                edits.append((from ..< v.end.offset, [], 0))
            }
            let end = entryEnd(k, v)
            edits.append((end.offset ..< end.offset, blockLines(fields, indent: indent), 0))
        } else if v.start.offset < v.end.offset {
            edits.append((v.start.offset ..< v.end.offset, Array(Self.flowMapping(fields).utf8), 0))
        } else {
            throw EditError(path: path, location: v.start, message: "cannot edit '\(key)': unexpected value; fix it by hand")
        }
    }

    /// The edited bytes, parsed again and checked: the same content digest (only
    /// tool-owned fields changed) and no reader errors.
    public func result(reader: YAMLReader = YAMLReader()) throws -> [UInt8] {
        var out = bytes
        var edits = self.edits
        // Text added at the very end of a file without a final line break starts on a new line.
        if let last = bytes.last, last != 0x0A, edits.contains(where: { $0.range.lowerBound == bytes.count }) {
            edits.append((bytes.count ..< bytes.count, newline, -1))
        }
        // From the end backwards, so earlier offsets stay valid. Text inserted at one
        // offset lands by rank (the line break first, then items, then new entries),
        // and in the order it was added.
        let ordered = edits.enumerated().sorted { a, b in
            if a.element.range.lowerBound != b.element.range.lowerBound {
                return a.element.range.lowerBound > b.element.range.lowerBound
            }
            if a.element.rank != b.element.rank { return a.element.rank > b.element.rank }
            return a.offset > b.offset
        }
        for (_, edit) in ordered {
            out.replaceSubrange(edit.range, with: edit.text)
        }
        let parsed = reader.parse(out, path: path)
        if let error = parsed.errors.first {
            throw EditError(path: path, location: error.location,
                            message: "internal error: the edited file would not read (\(error.message)); nothing was written")
        }
        guard let newRoot = parsed.documents.first, newRoot.isMapping,
              ContentDigest.of(plan: newRoot) == ContentDigest.of(plan: root) else {
            throw EditError(path: path, location: nil,
                            message: "internal error: the edit would change the plan's content; nothing was written")
        }
        for (key, count) in expectedCounts where newRoot[key].map({ $0.isSequence ? $0.count : -1 }) != count {
            throw EditError(path: path, location: nil,
                            message: "internal error: the edit would not leave \(count) items in '\(key)'; nothing was written")
        }
        return out
    }

    // MARK: - Positions

    /// Where the text of a top-level entry ends: after the line break of the last
    /// line that belongs to its value (lines indented deeper than the key, or
    /// `- ` items at the key's column), so trailing comments about the next key stay put.
    func entryEnd(_ key: YAMLNode, _ value: YAMLNode) -> (offset: Int, needsNewline: Bool) {
        let keyColumn = Self.column(of: key.start.offset, in: bytes)
        // The value's own last byte is a lower bound (flow collections and scalars end exactly).
        var last = max(key.end.offset, value.isScalar || Self.isFlow(value, bytes) ? value.end.offset : key.end.offset)
        var lineEnd = self.lineEnd(from: last)
        var next = lineEnd
        while next < bytes.count {
            let start = next
            let end = self.lineEnd(from: start)
            var i = start
            while i < end, bytes[i] == 0x20 { i += 1 }
            let blank = i >= end || bytes[i] == 0x0A || bytes[i] == 0x0D
            if blank { next = end; continue }
            let indent = i - start
            let isItem = indent == keyColumn && bytes[i] == UInt8(ascii: "-")
                && (i + 1 >= bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D)
            guard indent > keyColumn || (isItem && (value.isSequence || value.isNull)) else { break }
            last = i
            lineEnd = end
            next = end
        }
        _ = last
        let needsNewline = lineEnd == bytes.count && (bytes.last.map { $0 != 0x0A } ?? false)
        return (lineEnd, needsNewline)
    }

    /// The offset just past the line break ending the line that holds `offset` (or the end of the file).
    func lineEnd(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        return min(i + 1, bytes.count)
    }

    func lineStart(after offset: Int) -> Int { lineEnd(from: offset) }

    func colonOffset(after key: YAMLNode) -> Int {
        var i = key.end.offset
        while i < bytes.count, bytes[i] != UInt8(ascii: ":") { i += 1 }
        return i
    }

    /// The column (in bytes from the line start) of the `-` that introduces a block item.
    func dashColumn(before item: YAMLNode) -> Int {
        var i = item.start.offset - 1
        while i >= 0, bytes[i] != UInt8(ascii: "-"), bytes[i] != 0x0A { i -= 1 }
        if i >= 0, bytes[i] == UInt8(ascii: "-") { return Self.column(of: i, in: bytes) }
        return max(0, Self.column(of: item.start.offset, in: bytes) - 2)
    }

    static func column(of offset: Int, in bytes: [UInt8]) -> Int {
        var i = offset
        while i > 0, bytes[i - 1] != 0x0A { i -= 1 }
        return offset - i
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func isFlow(_ node: YAMLNode, _ bytes: [UInt8]) -> Bool {
        guard !node.isScalar, node.start.offset < bytes.count else { return false }
        let b = bytes[node.start.offset]
        return b == UInt8(ascii: "[") || b == UInt8(ascii: "{")
    }

    /// Appends a new top-level entry at the end of the file (after any closing
    /// comments), or before a document end marker (`...`) when there is one.
    mutating func appendEntry(_ text: [UInt8]) {
        var end = bytes.count
        var from = root.pairs.last.map { entryEnd($0.key, $0.value).offset } ?? 0
        while from < bytes.count {
            let lineEnd = self.lineEnd(from: from)
            let line = bytes[from ..< lineEnd]
            if line.starts(with: Array("...".utf8)), line.count == 3 || [0x20, 0x0A, 0x0D, 0x09].contains(line[from + 3]) {
                end = from
                break
            }
            from = lineEnd
        }
        edits.append((end ..< end, text, 1))
    }

    // MARK: - Rendering

    func blockItem(_ fields: [(String, Value)], indent: Int, blockStyle: Bool) -> [UInt8] {
        let pad = String(repeating: " ", count: indent)
        guard blockStyle else { return Array("\(pad)- \(Self.flowMapping(fields))".utf8) + newline }
        var out: [UInt8] = []
        for (i, line) in renderBlock(fields, indent: indent + 2).enumerated() {
            if i == 0 {
                out += Array("\(pad)- ".utf8) + Array(line.drop { $0 == " " }.utf8)
            } else {
                out += Array(line.utf8)
            }
            out += newline
        }
        return out
    }

    func blockLines(_ fields: [(String, Value)], indent: Int) -> [UInt8] {
        renderBlock(fields, indent: indent).flatMap { Array($0.utf8) + newline }
    }

    func renderBlock(_ fields: [(String, Value)], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for (key, value) in fields {
            switch value {
            case .scalar(let s):
                lines.append("\(pad)\(key): \(Self.scalar(s, flow: false))")
            case .integer(let i):
                lines.append("\(pad)\(key): \(i)")
            case .list(let items):
                if items.isEmpty {
                    lines.append("\(pad)\(key): []")
                } else {
                    lines.append("\(pad)\(key):")
                    lines += items.map { "\(pad)  - \(Self.scalar($0, flow: false))" }
                }
            case .mapping(let inner):
                lines.append("\(pad)\(key):")
                lines += renderBlock(inner, indent: indent + 2)
            }
        }
        return lines
    }

    static func flowMapping(_ fields: [(String, Value)]) -> String {
        "{ " + fields.map { key, value in
            switch value {
            case .scalar(let s): "\(key): \(scalar(s, flow: true))"
            case .integer(let i): "\(key): \(i)"
            case .list(let items): "\(key): [" + items.map { scalar($0, flow: true) }.joined(separator: ", ") + "]"
            case .mapping(let inner): "\(key): \(flowMapping(inner))"
            }
        }.joined(separator: ", ") + " }"
    }

    /// A string as a YAML scalar that reads back as exactly that string: plain when
    /// that is safe (letters, digits and a few marks, not a number, bool or null),
    /// otherwise double-quoted with escapes. Non-ASCII text stays as it is.
    public static func scalar(_ s: String, flow: Bool) -> String {
        if isSafePlain(s, flow: flow) { return s }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF {
                    out += String(format: "\\u%04X", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func isSafePlain(_ s: String, flow: Bool) -> Bool {
        guard let first = s.utf8.first, let last = s.utf8.last, last != UInt8(ascii: " ") else { return false }
        let isAlnum = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        guard isAlnum(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: "/") else { return false }
        var previous: UInt8 = 0
        for b in s.utf8 {
            let ok = isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "@") || b == UInt8(ascii: "/") || b == UInt8(ascii: "+") || b == UInt8(ascii: ":")
                || (b == UInt8(ascii: " ") && !flow)
            guard ok else { return false }
            if previous == UInt8(ascii: ":"), b == UInt8(ascii: " ") { return false }
            if previous == UInt8(ascii: " "), b == UInt8(ascii: " ") { return false }
            previous = b
        }
        if last == UInt8(ascii: ":") { return false }
        // YAML 1.1 readers take these for booleans: quote them for everyone's sake.
        if ["y", "n", "yes", "no", "on", "off"].contains(s.lowercased()) { return false }
        // Plain only when the core schema reads it back as this string.
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { CoreSchema.resolvePlain(UnsafeBufferPointer($0)) == nil }
    }
}
