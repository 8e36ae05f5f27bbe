import CYAML
import Foundation
#if canImport(Glibc)
import Glibc
private func sysRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ n: Int) -> Int { Glibc.read(fd, buf, n) }
#elseif canImport(Darwin)
import Darwin
private func sysRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ n: Int) -> Int { Darwin.read(fd, buf, n) }
#endif

/// Reads YAML through libyaml's event API into flat node storage that keeps
/// every node's start and end (line, column, byte offset).
///
/// The composer is iterative (no recursion, so nesting cannot overflow the
/// stack), refuses input past `limits`, reports duplicate keys, and turns
/// libyaml's errors into `YAMLError` values with a file position.
public struct YAMLReader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Reads and parses the file at `path`. Unreadable or oversize files give
    /// one error and no documents.
    public func read(path: String, displayPath: String? = nil) -> YAMLParseResult {
        let shown = displayPath ?? path
        let bytes: [UInt8]
        do {
            bytes = try readFile(path: path, maxSize: limits.maxFileSize)
        } catch let error as YAMLError {
            var e = error
            e.path = shown
            return YAMLParseResult(path: shown, documents: [], errors: [e], source: [])
        } catch {
            return YAMLParseResult(path: shown, documents: [], errors: [
                YAMLError(kind: .unreadable, path: shown, location: .start, message: "cannot read file: \(error.localizedDescription)"),
            ], source: [])
        }
        return parse(bytes, path: shown)
    }

    /// Parses a string as a YAML stream.
    public func parse(_ text: String, path: String = "<string>") -> YAMLParseResult {
        parse(Array(text.utf8), path: path)
    }

    /// Parses bytes as a YAML stream.
    public func parse(_ bytes: [UInt8], path: String) -> YAMLParseResult {
        if bytes.count > limits.maxFileSize {
            return YAMLParseResult(path: path, documents: [], errors: [
                YAMLError(kind: .sizeLimit, path: path, location: .start,
                          message: "file is \(bytes.count) bytes, more than the limit of \(limits.maxFileSize)"),
            ], source: bytes)
        }
        if let error = Self.encodingProblem(bytes, path: path) {
            return YAMLParseResult(path: path, documents: [], errors: [error], source: bytes)
        }
        var composer = Composer(source: bytes, path: path, limits: limits)
        composer.run()
        // The storage takes the composer's blocks as they are; the composer frees its scratch ones.
        let storage = YAMLStorage(owning: composer.nodes.handOver(), children: composer.children.handOver(),
                                  bytes: composer.scalarBytes.handOver(), tags: composer.tags)
        composer.freeScratch()
        return YAMLParseResult(
            path: path,
            documents: composer.roots.map { YAMLNode(storage: storage, index: $0) },
            errors: composer.errors,
            source: bytes
        )
    }

    /// UTF-16 and UTF-32 input, and a byte-order mark anywhere but the start.
    static func encodingProblem(_ bytes: [UInt8], path: String) -> YAMLError? {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return YAMLError(kind: .unsupportedEncoding, path: path, location: .start,
                             message: "file is encoded as UTF-16; trackplan reads UTF-8 only (re-save the file as UTF-8)")
        }
        if bytes.count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
            return YAMLError(kind: .unsupportedEncoding, path: path, location: .start,
                             message: "file is encoded as UTF-32; trackplan reads UTF-8 only (re-save the file as UTF-8)")
        }
        return bytes.withUnsafeBufferPointer { b -> YAMLError? in
            let n = b.count
            guard n > 3, let base = b.baseAddress else { return nil }
            var i = 1
            // memchr finds each candidate first byte; most files hold no 0xEF at all.
            while i + 2 < n, let hit = memchr(base + i, 0xEF, n - 2 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if b[i + 1] == 0xBB, b[i + 2] == 0xBF {
                    return YAMLError(kind: .misplacedByteOrderMark, path: path, location: location(ofByte: i, in: b),
                                     message: "byte-order mark (U+FEFF) in the middle of the file; remove it")
                }
                i += 1
            }
            return nil
        }
    }

    /// Line and column of a byte offset, counted from the bytes themselves.
    static func location(ofByte offset: Int, in b: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let end = min(offset, b.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < end {
            if b[i] == 0x0A {
                line += 1
                lineStart = i + 1
            } else if b[i] == 0x0D, i + 1 >= b.count || b[i + 1] != 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        i = lineStart
        if lineStart == 0, b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        while i < end {
            if b[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: line, column: column, offset: offset)
    }

    private func readFile(path: String, maxSize: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw YAMLError(kind: .unreadable, path: path, location: .start,
                            message: "cannot open file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw YAMLError(kind: .unreadable, path: path, location: .start, message: "cannot stat file: \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw YAMLError(kind: .unreadable, path: path, location: .start, message: "is a directory, not a YAML file")
        }
        let size = Int(st.st_size)
        if size > maxSize {
            throw YAMLError(kind: .sizeLimit, path: path, location: .start,
                            message: "file is \(size) bytes, more than the limit of \(maxSize)")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let r = bytes.withUnsafeMutableBytes { sysRead(fd, $0.baseAddress! + got, size - got) }
            if r < 0 {
                if errno == EINTR { continue }
                throw YAMLError(kind: .unreadable, path: path, location: .start, message: "cannot read file: \(String(cString: strerror(errno)))")
            }
            if r == 0 { break }
            got += r
        }
        if got < size { bytes.removeSubrange(got...) }
        // A file that grew while we read it is read up to the limit only.
        return bytes
    }
}

/// Builds the flat node storage from libyaml events.
struct Composer {
    let source: [UInt8]
    let path: String
    let limits: YAMLLimits

    // Plain blocks rather than arrays: the composer appends to them for every libyaml event, and an
    // array's append checks uniqueness and capacity through several calls each time.
    var nodes: PodBuffer<RawNode>
    var children: PodBuffer<Int32>
    var scalarBytes: PodBuffer<UInt8>
    var tags: [String] = []
    var tagIndex: [String: Int32] = [:]
    var roots: [Int32] = []
    var errors: [YAMLError] = []

    /// Per node: how many nodes it stands for when aliases are expanded (saturating).
    private var expanded: PodBuffer<Int>
    private var anchors: [String: Int32] = [:]
    private var aliasExpansion = 0

    private struct Frame {
        var node: Int32
        var scratchStart: Int
        var anchor: String?
    }
    private var stack: [Frame] = []
    private var scratch: PodBuffer<Int32>
    /// The key prints of the mapping being checked for repeats (`keyPrint`).
    private var keyPrints: PodBuffer<UInt64>

    /// Converts libyaml's character index to a byte offset, walking from the last one.
    private var cursorChar = 0
    private var cursorByte = 0
    private let bomLength: Int

    init(source: [UInt8], path: String, limits: YAMLLimits) {
        self.source = source
        self.path = path
        self.limits = limits
        bomLength = source.count >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF ? 3 : 0
        cursorByte = bomLength
        // Plans run about one node per 10 to 12 bytes: room for one per 8, so the arrays are not
        // copied as they grow (space never written is never touched).
        let estimate = source.count / 8 + 16
        nodes = PodBuffer(capacity: estimate)
        expanded = PodBuffer(capacity: estimate)
        children = PodBuffer(capacity: estimate)
        scalarBytes = PodBuffer(capacity: source.count / 2 + 16)
        scratch = PodBuffer(capacity: 256)
        keyPrints = PodBuffer(capacity: 16)
    }

    /// Frees the blocks the storage does not take.
    mutating func freeScratch() {
        expanded.free()
        scratch.free()
        keyPrints.free()
    }

    mutating func run() {
        source.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) != 0 else {
                errors.append(YAMLError(kind: .syntax, path: path, location: .start, message: "libyaml could not start (out of memory)"))
                return
            }
            defer { yaml_parser_delete(&parser) }
            if let base = buffer.baseAddress {
                yaml_parser_set_input_string(&parser, base, buffer.count)
            } else {
                var empty: UInt8 = 0
                yaml_parser_set_input_string(&parser, &empty, 0)
            }
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    errors.append(libyamlError(parser, buffer))
                    return
                }
                let keepGoing = handle(&event, buffer)
                let type = event.type
                yaml_event_delete(&event)
                if !keepGoing || type == YAML_STREAM_END_EVENT { return }
            }
        }
    }

    private mutating func libyamlError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            let offset = parser.problem_offset
            let isUTF8 = problem.contains("UTF-8")
            var message = isUTF8 ? "invalid UTF-8: \(problem)" : problem
            if parser.problem_value >= 0 {
                message += String(format: isUTF8 ? " 0x%02X" : " (#x%X)", parser.problem_value)
            }
            return YAMLError(kind: isUTF8 ? .invalidUTF8 : .syntax, path: path,
                             location: YAMLReader.location(ofByte: offset, in: buffer), message: message)
        }
        var message = problem
        if let context = parser.context {
            let cm = parser.context_mark
            message += "; \(String(cString: context)) at \(cm.line + 1):\(cm.column + 1)"
        }
        let pm = parser.problem_mark
        let offset = byteOffset(ofChar: Int(pm.index), buffer)
        return YAMLError(kind: .syntax, path: path,
                         location: SourceLocation(line: Int(pm.line) + 1, column: Int(pm.column) + 1, offset: offset),
                         message: message)
    }

    private mutating func byteOffset(ofChar target: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = b.count
        // Up to eight characters at a time while the bytes after the cursor are ASCII: the character at
        // the cursor is then one byte (the next is no continuation), and so is each one skipped. Most
        // steps are a key or a short value, fewer than eight characters: a mask keeps just those bytes.
        if let base = b.baseAddress {
            while target > cursorChar, cursorByte + 8 < n {
                let d = min(target - cursorChar, 8)
                let mask: UInt64 = d == 8 ? 0x8080_8080_8080_8080 : 0x8080_8080_8080_8080 & ((1 << (8 * UInt64(d))) - 1)
                guard UnsafeRawPointer(base + cursorByte + 1).loadUnaligned(as: UInt64.self) & mask == 0 else { break }
                cursorByte += d
                cursorChar += d
            }
        }
        while cursorChar < target, cursorByte < n {
            cursorByte += 1
            while cursorByte < n, b[cursorByte] & 0xC0 == 0x80 { cursorByte += 1 }
            cursorChar += 1
        }
        while cursorChar > target, cursorByte > bomLength {
            cursorByte -= 1
            while cursorByte > bomLength, b[cursorByte] & 0xC0 == 0x80 { cursorByte -= 1 }
            cursorChar -= 1
        }
        return cursorByte
    }

    @inline(__always)
    private mutating func intern(tag pointer: UnsafeMutablePointer<yaml_char_t>?) -> Int32 {
        guard let pointer else { return -1 }   // nearly every node: no tag
        return intern(tagText: pointer)
    }

    private mutating func intern(tagText pointer: UnsafeMutablePointer<yaml_char_t>) -> Int32 {
        let tag = String(cString: pointer)
        if let i = tagIndex[tag] { return i }
        let i = Int32(tags.count)
        tags.append(tag)
        tagIndex[tag] = i
        return i
    }

    private mutating func newNode(_ kind: YAMLNodeKind, style: YAMLScalarStyle, tag: Int32,
                                  _ event: yaml_event_t, _ b: UnsafeBufferPointer<UInt8>, first: Int32 = 0, count: Int32 = 0,
                                  bare: Bool = false) -> Int32 {
        let s = event.start_mark
        let e = event.end_mark
        let so = byteOffset(ofChar: Int(s.index), b)
        let eo: Int
        if bare, style == .plain, s.line == e.line, Int(count) == Int(e.index) - Int(s.index) {
            // A plain scalar on one line, without tag or anchor, spans its own text; as many bytes as
            // characters means ASCII, so it ends `count` bytes on (most keys and values: no walk).
            eo = so + Int(count)
            cursorChar = Int(e.index)
            cursorByte = eo
        } else {
            eo = byteOffset(ofChar: Int(e.index), b)
        }
        nodes.append(RawNode(kind: kind, style: style, tag: tag,
                             startLine: Int32(truncatingIfNeeded: s.line), startColumn: Int32(truncatingIfNeeded: s.column),
                             startOffset: Int32(truncatingIfNeeded: so),
                             endLine: Int32(truncatingIfNeeded: e.line), endColumn: Int32(truncatingIfNeeded: e.column),
                             endOffset: Int32(truncatingIfNeeded: eo), first: first, count: count))
        expanded.append(1)
        return Int32(nodes.count - 1)
    }

    @inline(__always)
    private mutating func add(child: Int32) {
        if stack.isEmpty {
            roots.append(child)
        } else {
            scratch.append(child)
        }
    }

    private mutating func fail(_ kind: YAMLError.Kind, _ message: String, at event: yaml_event_t, _ b: UnsafeBufferPointer<UInt8>) {
        let m = event.start_mark
        errors.append(YAMLError(kind: kind, path: path,
                                location: SourceLocation(line: Int(m.line) + 1, column: Int(m.column) + 1,
                                                         offset: byteOffset(ofChar: Int(m.index), b)),
                                message: message))
    }

    /// Handles one event; false stops the parse.
    private mutating func handle(_ event: inout yaml_event_t, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let style: YAMLScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            // The text first, so the node is appended once, complete.
            let start = scalarBytes.count
            if let value = data.value, data.length > 0 {
                scalarBytes.append(contentsOf: value, count: data.length)
            }
            let index = newNode(.scalar, style: style, tag: intern(tag: data.tag), event, b,
                                first: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: data.length),
                                bare: data.tag == nil && data.anchor == nil)
            if let anchor = data.anchor { anchors[String(cString: anchor)] = index }
            add(child: index)

        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if stack.count >= limits.maxDepth {
                fail(.depthLimit, "nesting is deeper than \(limits.maxDepth) levels; trackplan stops here", at: event, b)
                return false
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            let index = newNode(isMapping ? .mapping : .sequence, style: .plain, tag: intern(tag: tag), event, b)
            stack.append(Frame(node: index, scratchStart: scratch.count, anchor: anchor.map { String(cString: $0) }))

        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            let i = Int(frame.node)
            let first = children.count
            var size = 1
            for slot in frame.scratchStart ..< scratch.count {
                let child = scratch[slot]
                children.append(child)
                let (sum, overflow) = size.addingReportingOverflow(expanded[Int(child)])
                size = overflow ? Int.max : sum
            }
            scratch.removeLast(scratch.count - frame.scratchStart)
            let e = event.end_mark
            var node = nodes[i]
            node.first = Int32(truncatingIfNeeded: first)
            node.count = Int32(truncatingIfNeeded: children.count - first)
            node.endLine = Int32(truncatingIfNeeded: e.line)
            node.endColumn = Int32(truncatingIfNeeded: e.column)
            node.endOffset = Int32(truncatingIfNeeded: byteOffset(ofChar: Int(e.index), b))
            nodes[i] = node
            expanded[i] = size
            if node.kind == .mapping { checkDuplicateKeys(first: first, count: children.count - first) }
            if let anchor = frame.anchor { anchors[anchor] = frame.node }
            add(child: frame.node)

        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            guard let target = anchors[name] else {
                fail(.undefinedAlias, "alias '*\(name)' refers to no anchor defined before it", at: event, b)
                let index = newNode(.scalar, style: .plain, tag: -1, event, b)
                add(child: index)
                return true
            }
            let (sum, overflow) = aliasExpansion.addingReportingOverflow(expanded[Int(target)])
            aliasExpansion = overflow ? Int.max : sum
            if aliasExpansion > limits.maxAliasExpansion {
                fail(.aliasExpansionLimit,
                     "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?); trackplan stops here",
                     at: event, b)
                return false
            }
            add(child: target)

        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            aliasExpansion = 0

        default:
            break
        }
        return true
    }

    /// Reports each key that repeats an earlier key of the same mapping.
    /// Scalar keys compare by their core-schema value; collection keys are not compared.
    private mutating func checkDuplicateKeys(first: Int, count: Int) {
        let pairs = count / 2
        guard pairs > 1 else { return }
        if pairs <= 16 {
            // Pair by pair, each key first told apart by a print of its length and first byte, read once.
            keyPrints.removeLast(keyPrints.count)
            for a in 0 ..< pairs { keyPrints.append(keyPrint(children[first + 2 * a])) }
            let prints = keyPrints.buffer
            for a in 1 ..< pairs where prints[a] & Self.notCompared == 0 {
                let ka = children[first + 2 * a]
                for b in 0 ..< a where prints[b] & Self.notCompared == 0
                    && (prints[a] == prints[b] || (prints[a] | prints[b]) & Self.alwaysCompared != 0)
                    && sameKey(ka, children[first + 2 * b]) {
                    reportDuplicate(ka, children[first + 2 * b])
                    break
                }
            }
            return
        }
        var seen: [KeyIdentity: Int32] = [:]
        seen.reserveCapacity(pairs)
        for a in 0 ..< pairs {
            let k = children[first + 2 * a]
            guard let identity = keyIdentity(k) else { continue }
            if let earlier = seen[identity] {
                reportDuplicate(k, earlier)
            } else {
                seen[identity] = k
            }
        }
    }

    /// A key's print for the pairwise check: its length and first byte. Untagged keys that `sameKey`
    /// finds equal have equal text (a quoted key is a string, and a plain one equal to a string is that
    /// string), so different prints rule a pair out. A tagged key may equal another text (`!!int 01`,
    /// `1`) and is always compared; a collection key never is.
    private func keyPrint(_ k: Int32) -> UInt64 {
        let n = nodes[Int(k)]
        guard n.kind == .scalar else { return Self.notCompared }
        guard n.tag < 0 else { return Self.alwaysCompared }
        return UInt64(UInt32(bitPattern: n.count)) << 8 | UInt64(n.count > 0 ? scalarBytes.buffer[Int(n.first)] : 0)
    }

    private static let notCompared: UInt64 = 1 << 62
    private static let alwaysCompared: UInt64 = 1 << 61

    private enum KeyIdentity: Hashable {
        case text([UInt8])
        case value(YAMLScalarValue)
    }

    private func keyIdentity(_ k: Int32) -> KeyIdentity? {
        let n = nodes[Int(k)]
        guard n.kind == .scalar else { return nil }
        let v = resolved(n)
        if case .string = v {
            return .text(Array(n.text(in: scalarBytes.buffer)))
        }
        return .value(v)
    }

    private func resolved(_ n: RawNode) -> YAMLScalarValue {
        CoreSchema.resolve(n.text(in: scalarBytes.buffer), plain: n.style == .plain, tag: n.tag < 0 ? nil : tags[Int(n.tag)])
    }

    private func sameKey(_ a: Int32, _ b: Int32) -> Bool {
        let na = nodes[Int(a)], nb = nodes[Int(b)]
        guard na.kind == .scalar, nb.kind == .scalar else { return false }
        if na.tag < 0, nb.tag < 0, (na.style == .plain) == (nb.style == .plain) {
            guard na.count == nb.count else { return false }
            if na.count == 0 { return true }
            let buffer = scalarBytes.buffer
            return memcmp(na.text(in: buffer).baseAddress!, nb.text(in: buffer).baseAddress!, Int(na.count)) == 0
        }
        let va = resolved(na), vb = resolved(nb)
        if case .float(let x) = va, x.isNaN { return false }
        return va == vb
    }

    private mutating func reportDuplicate(_ key: Int32, _ earlier: Int32) {
        let k = nodes[Int(key)], e = nodes[Int(earlier)]
        let text = String(decoding: k.text(in: scalarBytes.buffer), as: UTF8.self)
        let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
        errors.append(YAMLError(
            kind: .duplicateKey, path: path,
            location: SourceLocation(line: Int(k.startLine) + 1, column: Int(k.startColumn) + 1, offset: Int(k.startOffset)),
            message: "duplicate key '\(shown)' (first defined at \(e.startLine + 1):\(e.startColumn + 1))"
        ))
    }
}

/// A growable run of plain values in one allocated block, for the composer's appends. Copying the
/// struct copies the pointer, not the values: it is owned by one composer, which hands the block to
/// a `YAMLStorage` (`handOver`) or frees it (`free`).
///
/// Only for plain values (no references): blocks are freed without deinitializing them.
struct PodBuffer<T> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        precondition(_isPOD(T.self), "PodBuffer holds plain values only")
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ value: T) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    mutating func append(contentsOf values: UnsafePointer<T>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(from: values, count: n)
        count += n
    }

    mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count)
        count -= n
    }

    subscript(i: Int) -> T {
        get { precondition(i >= 0 && i < count); return base[i] }
        set { precondition(i >= 0 && i < count); base[i] = newValue }
    }

    /// The values so far, as a buffer (valid until the next append).
    var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }

    private mutating func grow(to needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: c)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = c
    }

    /// The block, for its new owner to free; this buffer must not be used again.
    func handOver() -> UnsafeMutableBufferPointer<T> { UnsafeMutableBufferPointer(start: base, count: count) }

    func free() { base.deallocate() }
}
