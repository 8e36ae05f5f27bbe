import Crypto
import Foundation

/// Reads captures and hands each payload to the verifier with its place: JSON lines
/// (streamed in chunks, so memory stays flat), a JSON array (memory-mapped, split element
/// by element), or a HAR file saved from a browser or proxy (request bodies, form fields
/// and query values that hold JSON events).
public enum CaptureReader {
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Reads every file into `verifier`; returns the SHA-256 of all the input bytes when
    /// `digest` is set (what `--record` writes), else "".
    public static func read(_ paths: [(shown: String, url: URL)], into verifier: inout Verifier, digest: Bool = true) throws -> String {
        var hasher = Digester(on: digest)
        for (shown, url) in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
                throw Failure(message: "\(shown): no such file")
            }
            guard !isDir.boolValue else {
                throw Failure(message: "\(shown) is a folder; name the capture files in it (JSON lines, a JSON array or a HAR file)")
            }
            let kind = try sniff(url)
            switch kind {
            case .lines: try readLines(url, shown: shown, into: &verifier, hasher: &hasher)
            case .array: try readArray(url, shown: shown, into: &verifier, hasher: &hasher)
            case .har: try readHAR(url, shown: shown, into: &verifier, hasher: &hasher)
            case .document: try readDocument(url, shown: shown, into: &verifier, hasher: &hasher)
            }
        }
        return digest ? "sha256:" + hasher.sha.finalize().map { String(format: "%02x", $0) }.joined() : ""
    }

    /// SHA-256 of the inputs, or nothing when no one needs it.
    struct Digester {
        var sha = SHA256()
        let on: Bool
        init(on: Bool) { self.on = on }
        mutating func update(data: Data) { if on { sha.update(data: data) } }
    }

    enum Kind { case lines, array, har, document }

    /// `.har` or a `{"log": ...}` document is HAR; `.jsonl` and `.ndjson` JSON lines;
    /// otherwise a leading `[` an array, a first line that is only `{` one pretty-printed
    /// document, anything else JSON lines.
    static func sniff(_ url: URL) throws -> Kind {
        let ext = url.pathExtension.lowercased()
        if ext == "har" { return .har }
        if ext == "jsonl" || ext == "ndjson" { return .lines }
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw Failure(message: "\(url.path): cannot read") }
        defer { try? h.close() }
        let head = [UInt8](h.readData(ofLength: 4096))
        var i = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < head.count, head[i] == 0x20 || head[i] == 0x0A || head[i] == 0x0D || head[i] == 0x09 { i += 1 }
        guard i < head.count else { return .lines }
        if head[i] == UInt8(ascii: "[") { return .array }
        if head[i] == UInt8(ascii: "{") {
            var j = i + 1
            while j < head.count, head[j] == 0x20 || head[j] == 0x09 || head[j] == 0x0D { j += 1 }
            if j < head.count, head[j] == 0x0A {
                let text = String(decoding: head, as: UTF8.self)
                return text.range(of: "\"log\"\\s*:", options: .regularExpression) != nil ? .har : .document
            }
        }
        return .lines
    }

    /// One payload per line; blank lines skipped; read 1 MiB at a time.
    static func readLines(_ url: URL, shown: String, into v: inout Verifier, hasher: inout Digester) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw Failure(message: "\(shown): cannot read") }
        defer { try? h.close() }
        var carry: [UInt8] = []
        var line = 0
        var first = true
        while true {
            let chunk = h.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            var buffer = carry
            chunk.withUnsafeBytes { buffer.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
            if first, buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
            first = false
            var start = 0
            buffer.withUnsafeBufferPointer { b in
                var i = 0
                while let nl = memchrIndex(b, 0x0A, from: i) {
                    line += 1
                    feed(UnsafeBufferPointer(rebasing: b[start ..< nl]), shown: shown, line: line, into: &v)
                    start = nl + 1
                    i = start
                }
            }
            carry = Array(buffer[start...])
        }
        if !carry.isEmpty {
            line += 1
            carry.withUnsafeBufferPointer { feed($0, shown: shown, line: line, into: &v) }
        }
    }

    static func memchrIndex(_ b: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int? {
        guard from < b.count, let base = b.baseAddress, let p = memchr(base + from, Int32(byte), b.count - from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    static func feed(_ line: UnsafeBufferPointer<UInt8>, shown: String, line number: Int, into v: inout Verifier) {
        var s = 0, e = line.count
        while s < e, line[s] == 0x20 || line[s] == 0x09 || line[s] == 0x0D { s += 1 }
        while e > s, line[e - 1] == 0x20 || line[e - 1] == 0x09 || line[e - 1] == 0x0D { e -= 1 }
        if s == e { return }
        v.check(payload: UnsafeBufferPointer(rebasing: line[s ..< e]), path: shown, line: number)
    }

    static func mapped(_ url: URL, shown: String, hasher: inout Digester) throws -> Data {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch { throw Failure(message: "\(shown): cannot read: \(error.localizedDescription)") }
        hasher.update(data: data)
        return data
    }

    /// A top-level JSON array, element by element: each is split off by scanning
    /// brackets and strings, then parsed and checked on its own.
    static func readArray(_ url: URL, shown: String, into v: inout Verifier, hasher: inout Digester) throws {
        let data = try mapped(url, shown: shown, hasher: &hasher)
        data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0, line = 1
            func advance(to j: Int) {
                while i < j { if b[i] == 0x0A { line += 1 }; i += 1 }
            }
            func space() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 || b[i] == 0xEF || b[i] == 0xBB || b[i] == 0xBF { if b[i] == 0x0A { line += 1 }; i += 1 } }
            space()
            guard i < b.count, b[i] == UInt8(ascii: "[") else { return }
            i += 1
            while true {
                space()
                guard i < b.count else {
                    v.check(payload: UnsafeBufferPointer(rebasing: b[b.count ..< b.count]), path: shown, line: line)
                    return
                }
                if b[i] == UInt8(ascii: "]") { return }
                let start = i, startLine = line
                var depth = 0, inString = false
                var j = i
                while j < b.count {
                    let c = b[j]
                    if inString {
                        if c == UInt8(ascii: "\\") { j += 1 } else if c == UInt8(ascii: "\"") { inString = false }
                    } else if c == UInt8(ascii: "\"") {
                        inString = true
                    } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                        depth += 1
                    } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                        if depth == 0 { break }
                        depth -= 1
                    } else if c == UInt8(ascii: ","), depth == 0 {
                        break
                    }
                    j += 1
                }
                var end = min(j, b.count)
                while end > start, b[end - 1] == 0x20 || b[end - 1] == 0x0A || b[end - 1] == 0x0D || b[end - 1] == 0x09 { end -= 1 }
                v.check(payload: UnsafeBufferPointer(rebasing: b[start ..< end]), path: shown, line: startLine)
                advance(to: j)
                guard i < b.count else { return }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                return  // the closing bracket
            }
        }
    }

    /// One (pretty-printed) JSON document holding an event, a batch or an array.
    static func readDocument(_ url: URL, shown: String, into v: inout Verifier, hasher: inout Digester) throws {
        let data = try mapped(url, shown: shown, hasher: &hasher)
        data.withUnsafeBytes { raw in
            v.check(payload: raw.bindMemory(to: UInt8.self), path: shown, line: 1)
        }
    }

    /// A HAR 1.2 file: each request's JSON body (or form field, or query value holding
    /// JSON) that carries events is checked; other requests are left alone.
    static func readHAR(_ url: URL, shown: String, into v: inout Verifier, hasher: inout Digester) throws {
        let data = try mapped(url, shown: shown, hasher: &hasher)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            let b = raw.bindMemory(to: UInt8.self)
            var tape = JSONTape(maxDepth: 256)
            do { try tape.parse(b) } catch let error as JSONTape.ParseError {
                let line = b[..<min(error.offset, b.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw Failure(message: "\(shown):\(line): not a HAR file: \(error.message)")
            }
            guard let log = tape.member(0, Array("log".utf8), in: b), let entries = tape.member(log, Array("entries".utf8), in: b),
                  tape.nodes[entries].kind == .array else {
                throw Failure(message: "\(shown): not a HAR file (no log.entries)")
            }
            var line = 1, at = 0
            for (n, entry) in tape.elements(entries).enumerated() {
                let offset = Int(tape.nodes[entry].start)
                while at < offset { if b[at] == 0x0A { line += 1 }; at += 1 }
                guard let request = tape.member(entry, Array("request".utf8), in: b) else { continue }
                func str(_ i: Int?, _ key: String) -> String? {
                    guard let i, let m = tape.member(i, Array(key.utf8), in: b), tape.nodes[m].kind == .string else { return nil }
                    return tape.string(m, in: b)
                }
                let method = str(request, "method") ?? "?"
                let target = str(request, "url") ?? "?"
                let label = "HAR entry \(n + 1) (\(method) \(target.prefix(80)))"
                var candidates: [String] = []
                if let post = tape.member(request, Array("postData".utf8), in: b) {
                    if let text = str(post, "text") { candidates.append(text) }
                    if let params = tape.member(post, Array("params".utf8), in: b), tape.nodes[params].kind == .array {
                        for p in tape.elements(params) { if let value = str(p, "value") { candidates.append(value) } }
                    }
                }
                if let query = tape.member(request, Array("queryString".utf8), in: b), tape.nodes[query].kind == .array {
                    for q in tape.elements(query) {
                        // Browsers differ: some export query values decoded, some as sent.
                        if let value = str(q, "value") {
                            let t = value.trimmingCharacters(in: .whitespaces)
                            candidates.append(t.hasPrefix("{") || t.hasPrefix("[") ? value : (value.removingPercentEncoding ?? value))
                        }
                    }
                }
                for text in candidates {
                    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else { continue }
                    // JSON lines bodies (several events, one per line) are common for beacons.
                    let bodies = trimmed.contains("\n") && !trimmed.hasPrefix("[") && trimmed.split(separator: "\n").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("{") })
                        ? trimmed.split(separator: "\n").map(String.init) : [trimmed]
                    for body in bodies {
                        var bytes = Array(body.utf8)
                        bytes.withUnsafeMutableBufferPointer { p in
                            v.checkIfEvents(payload: UnsafeBufferPointer(p), path: shown, line: line, entry: label)
                        }
                    }
                }
            }
        }
    }
}

extension Verifier {
    /// Like `check`, but a payload that is not JSON, or holds no event name, is not an
    /// analytics call: it is left alone (HAR files hold every request of a page).
    public mutating func checkIfEvents(payload: UnsafeBufferPointer<UInt8>, path: String, line: Int, entry: String) {
        // Parsed once, into the verifier's own tape, and walked from there if it holds events.
        guard (try? tape.parse(payload)) != nil else { return }
        let probe = tape
        func hasEvent(_ i: Int) -> Bool {
            switch probe.nodes[i].kind {
            case .array: return probe.elements(i).contains(where: hasEvent)
            case .object:
                if let batch = probe.member(i, Verifier.batchKey, in: payload), probe.nodes[batch].kind == .array { return hasEvent(batch) }
                return lookup(i, eventPath ?? [], probe, payload) != nil
            default: return false
            }
        }
        guard hasEvent(0) else { return }
        payloads += 1
        walk(0, probe, payload, Place(path: path, line: line, entry: entry))
    }
}
