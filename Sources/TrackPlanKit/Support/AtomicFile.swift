import Foundation

/// Writes a file whole or not at all: the bytes go to a temporary file beside
/// the target, are flushed, and then renamed over it. A crash or a full disk
/// leaves the old file untouched, never half a file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            var isDir: ObjCBool = false
            let blocker = sequence(first: dir) { ($0 as NSString).deletingLastPathComponent }
                .prefix { $0 != "/" && !$0.isEmpty }
                .first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue }
            throw WriteError(path: path, reason: blocker.map { "\($0) is a file, not a folder" } ?? "cannot create the folder \(dir)")
        }
        var template = Array("\(dir)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = false
        defer { if !ok { unlink(tmp) } }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                throw WriteError(path: path, reason: reason)
            }
            written += n
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0, close(fd) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        guard rename(tmp, path) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        ok = true
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}

extension AtomicFile {
    public struct Exists: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path) already exists; trackplan does not overwrite it" }
    }

    /// Creates a new file whole, or fails with `Exists` when something is already
    /// there (even if another process got there first): the bytes are written to a
    /// temporary file, then hard-linked into place, which never replaces.
    public static func create(_ bytes: [UInt8], at path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmp = "\(dir)/.\(url.lastPathComponent).new-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try write(bytes, to: tmp)
        defer { unlink(tmp) }
        guard link(tmp, path) == 0 else {
            if errno == EEXIST { throw Exists(path: path) }
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
