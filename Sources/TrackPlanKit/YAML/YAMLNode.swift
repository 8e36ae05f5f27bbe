import Foundation

/// How a scalar was written.
public enum YAMLScalarStyle: UInt8, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// The three kinds of node a YAML document is made of.
public enum YAMLNodeKind: UInt8, Sendable, Hashable {
    case scalar, sequence, mapping
}

/// A scalar's value under the YAML 1.2 core schema.
public enum YAMLScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

/// One node as stored: 40 bytes, no references. Children of collections live in
/// one shared index array; scalar text in one shared byte buffer.
struct RawNode: Sendable {
    var kind: YAMLNodeKind
    var style: YAMLScalarStyle
    var tag: Int32          // index into `tags`, or -1
    var startLine: Int32    // 0-based, as libyaml gives them
    var startColumn: Int32
    var startOffset: Int32
    var endLine: Int32
    var endColumn: Int32
    var endOffset: Int32
    var first: Int32        // scalar: byte start; collection: first child slot
    var count: Int32        // scalar: byte count; collection: child slots (2 per pair)

    /// A scalar's text within `bytes`, the scalar bytes of its storage.
    @inline(__always)
    func text(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(first) ..< Int(first + count)])
    }
}

/// The nodes of one parsed stream, kept flat: a block of `RawNode`s, one of child indices and one
/// of scalar bytes. Immutable once built, so it is shared freely.
///
/// The blocks are the composer's own, handed over without a copy and freed with the storage: read
/// through plain buffers, not arrays, since every node access in the loader and the rules goes
/// through here. An index from outside (`YAMLNode.init`) is checked before it is used.
public final class YAMLStorage: Sendable {
    nonisolated(unsafe) let nodes: UnsafeBufferPointer<RawNode>
    nonisolated(unsafe) let children: UnsafeBufferPointer<Int32>
    nonisolated(unsafe) let bytes: UnsafeBufferPointer<UInt8>
    let tags: [String]

    /// Takes ownership of the three blocks (allocated with `UnsafeMutablePointer.allocate`).
    init(owning nodes: UnsafeMutableBufferPointer<RawNode>, children: UnsafeMutableBufferPointer<Int32>,
         bytes: UnsafeMutableBufferPointer<UInt8>, tags: [String]) {
        self.nodes = UnsafeBufferPointer(nodes)
        self.children = UnsafeBufferPointer(children)
        self.bytes = UnsafeBufferPointer(bytes)
        self.tags = tags
    }

    deinit {
        nodes.deallocate()
        children.deallocate()
        bytes.deallocate()
    }

    static let empty = YAMLStorage(owning: .allocate(capacity: 0), children: .allocate(capacity: 0), bytes: .allocate(capacity: 0), tags: [])

    /// Number of distinct nodes stored (aliases share their target).
    public var nodeCount: Int { nodes.count }
}

extension YAMLStorage {
    /// A scalar node's text, as bytes in the storage.
    @inline(__always)
    func text(of r: RawNode) -> UnsafeBufferPointer<UInt8> { r.text(in: bytes) }

    /// True for a null scalar (`~`, `null`, empty, or `!!null`), decided on the bytes: for
    /// `YAMLNode.isNull` and for the shape checker, which walks raw nodes.
    func isNull(_ r: RawNode) -> Bool {
        guard r.kind == .scalar else { return false }
        if r.tag >= 0 { return tags[Int(r.tag)] == CoreSchema.tagNull }
        guard r.style == .plain else { return false }
        if r.count == 0 { return true }
        guard r.count <= 4 else { return false }
        return CoreSchema.resolve(text(of: r), plain: true, tag: nil) == .null
    }
}

/// A view of one node: cheap to copy, valid as long as anyone holds it.
/// Aliases are resolved: an alias is its anchored node.
public struct YAMLNode: Sendable {
    public let storage: YAMLStorage
    public let index: Int32

    public init(storage: YAMLStorage, index: Int32) {
        precondition(index >= 0 && Int(index) < storage.nodes.count, "node index \(index) outside its storage")
        self.storage = storage
        self.index = index
    }

    var raw: RawNode { storage.nodes[Int(index)] }

    public var kind: YAMLNodeKind { raw.kind }
    public var isScalar: Bool { raw.kind == .scalar }
    public var isMapping: Bool { raw.kind == .mapping }
    public var isSequence: Bool { raw.kind == .sequence }

    /// Where the node starts (its first character, or its tag or anchor).
    public var start: SourceLocation {
        let r = raw
        return SourceLocation(line: Int(r.startLine) + 1, column: Int(r.startColumn) + 1, offset: Int(r.startOffset))
    }

    /// Just past the node's last character.
    public var end: SourceLocation {
        let r = raw
        return SourceLocation(line: Int(r.endLine) + 1, column: Int(r.endColumn) + 1, offset: Int(r.endOffset))
    }

    /// The node's explicit tag as libyaml resolved it (`tag:yaml.org,2002:str` for `!!str`), if any.
    public var tag: String? {
        let t = raw.tag
        return t < 0 ? nil : storage.tags[Int(t)]
    }

    /// The scalar's style; nil for collections.
    public var style: YAMLScalarStyle? { raw.kind == .scalar ? raw.style : nil }

    /// True for a scalar written without quotes or block indicators.
    public var isPlain: Bool { raw.kind == .scalar && raw.style == .plain }

    /// The scalar's text after YAML's escaping and folding; nil for collections.
    public var text: String? {
        let r = raw
        guard r.kind == .scalar else { return nil }
        return String(decoding: storage.text(of: r), as: UTF8.self)
    }

    /// Compares the scalar's text with `string` without building a String.
    public func textEquals(_ string: String) -> Bool {
        let r = raw
        guard r.kind == .scalar else { return false }
        var s = string
        return s.withUTF8 { other in
            guard other.count == Int(r.count) else { return false }
            return other.elementsEqual(storage.text(of: r))
        }
    }

    /// Number of bytes in the scalar's text; 0 for collections.
    var scalarByteCount: Int {
        let r = raw
        return r.kind == .scalar ? Int(r.count) : 0
    }

    /// Compares the scalar's text with a literal, byte by byte: for the loader's
    /// key tests, which run for every key in the workspace.
    func textEquals(_ literal: StaticString) -> Bool {
        let r = raw
        guard r.kind == .scalar, Int(r.count) == literal.utf8CodeUnitCount else { return false }
        if r.count == 0 { return true }
        return memcmp(storage.text(of: r).baseAddress!, literal.utf8Start, Int(r.count)) == 0
    }

    /// Lets a `switch` over a key node match literal cases without building a String.
    static func ~= (pattern: StaticString, node: YAMLNode) -> Bool { node.textEquals(pattern) }

    /// The scalar's value by the YAML 1.2 core schema, honouring `!!str`,
    /// `!!int`, `!!float`, `!!bool` and `!!null` tags; nil for collections.
    public var value: YAMLScalarValue? {
        let r = raw
        guard r.kind == .scalar else { return nil }
        return CoreSchema.resolve(storage.text(of: r), plain: r.style == .plain, tag: r.tag < 0 ? nil : storage.tags[Int(r.tag)])
    }

    /// True for a scalar whose `value` is a string, decided without building the string.
    var isStringValue: Bool {
        let r = raw
        guard r.kind == .scalar else { return false }
        return CoreSchema.isString(storage.text(of: r), plain: r.style == .plain, tag: r.tag < 0 ? nil : storage.tags[Int(r.tag)])
    }

    /// True when `value` is `.null`, decided on the bytes for untagged scalars (nearly all).
    var isNullValue: Bool {
        raw.tag < 0 ? isNull : value == .null
    }

    /// True for a null scalar (`~`, `null`, empty, or `!!null`), decided on the bytes.
    public var isNull: Bool { storage.isNull(raw) }

    /// True for an unquoted `yes`, `no`, `on`, `off` (any case) or `y`/`n`: YAML 1.1
    /// booleans that YAML 1.2 reads as strings. Worth a warning where a bool was meant.
    public var isYAML11Boolean: Bool {
        let r = raw
        // Decided on the bytes: the words are ASCII, and no other text lowercases to one of them.
        guard r.kind == .scalar, r.style == .plain, r.tag < 0, r.count >= 1, r.count <= 3 else { return false }
        var word: UInt32 = 0
        for i in Int(r.first) ..< Int(r.first + r.count) {
            let b = storage.bytes[i]
            guard b < 0x80 else { return false }
            word = word << 8 | UInt32(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
        }
        switch (r.count, word) {   // the lowercased bytes, as "yes", "no", "on", "off", "y", "n"
        case (3, 0x79_65_73), (2, 0x6E_6F), (2, 0x6F_6E), (3, 0x6F_66_66), (1, 0x79), (1, 0x6E): return true
        default: return false
        }
    }

    /// Number of items (sequence) or pairs (mapping); 0 for scalars.
    public var count: Int {
        let r = raw
        switch r.kind {
        case .scalar: return 0
        case .sequence: return Int(r.count)
        case .mapping: return Int(r.count) / 2
        }
    }

    /// The items of a sequence (empty for other kinds), as a view: no array is built.
    public var items: Items {
        let r = raw
        guard r.kind == .sequence else { return Items(storage: storage, first: 0, count: 0) }
        return Items(storage: storage, first: Int(r.first), count: Int(r.count))
    }

    /// The key/value pairs of a mapping in source order (empty for other kinds), as a view.
    public var pairs: Pairs {
        let r = raw
        guard r.kind == .mapping else { return Pairs(storage: storage, first: 0, count: 0) }
        return Pairs(storage: storage, first: Int(r.first), count: Int(r.count) / 2)
    }

    /// A sequence's items without copying them out of the storage.
    public struct Items: RandomAccessCollection, Sendable {
        /// No items.
        public static let empty = Items(storage: YAMLStorage.empty, first: 0, count: 0)
        let storage: YAMLStorage
        let first: Int
        public let count: Int
        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(i: Int) -> YAMLNode { YAMLNode(storage: storage, index: storage.children[first + i]) }
    }

    /// A mapping's pairs without copying them out of the storage.
    public struct Pairs: RandomAccessCollection, Sendable {
        /// No pairs.
        public static let empty = Pairs(storage: YAMLStorage.empty, first: 0, count: 0)
        let storage: YAMLStorage
        let first: Int
        public let count: Int
        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(i: Int) -> (key: YAMLNode, value: YAMLNode) {
            (YAMLNode(storage: storage, index: storage.children[first + 2 * i]),
             YAMLNode(storage: storage, index: storage.children[first + 2 * i + 1]))
        }
    }

    /// The value for a scalar key whose text is `key`, or nil.
    public subscript(key: String) -> YAMLNode? {
        pair(key)?.value
    }

    /// The pair for a scalar key whose text is `key`, or nil.
    public func pair(_ key: String) -> (key: YAMLNode, value: YAMLNode)? {
        let r = raw
        guard r.kind == .mapping else { return nil }
        // The key's bytes fetched once, then compared with each key's length and bytes in
        // place: lookups like this one run for every field the loader and the rules read.
        var key = key
        let nodes = storage.nodes, children = storage.children, bytes = storage.bytes
        let found: Int32? = key.withUTF8 { wanted in
            for i in stride(from: Int(r.first), to: Int(r.first + r.count), by: 2) {
                let k = nodes[Int(children[i])]
                if k.kind == .scalar, Int(k.count) == wanted.count,
                   wanted.isEmpty || memcmp(bytes.baseAddress! + Int(k.first), wanted.baseAddress!, wanted.count) == 0 {
                    return Int32(i)
                }
            }
            return nil
        }
        guard let slot = found.map(Int.init) else { return nil }
        return (YAMLNode(storage: storage, index: children[slot]), YAMLNode(storage: storage, index: children[slot + 1]))
    }
}

/// One parsed file: its documents, every problem found, and the bytes read.
public struct YAMLParseResult: Sendable {
    public var path: String
    public var documents: [YAMLNode]
    public var errors: [YAMLError]
    public var source: [UInt8]

    /// True when the file parsed completely (duplicate keys still count as errors).
    public var isValid: Bool { errors.isEmpty }
}
