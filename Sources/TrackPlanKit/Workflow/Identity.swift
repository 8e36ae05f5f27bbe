import Foundation

/// Who is acting: `--as`, else `TRACKPLAN_USER`, else `git config user.email`.
public enum Identity {
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               directory: String) -> String? {
        if let flag = clean(flag) { return flag }
        if let user = clean(environment["TRACKPLAN_USER"]) { return user }
        return clean(gitEmail(in: directory))
    }

    /// Two identities are the same person when their e-mail addresses match, ignoring case.
    public static func same(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func clean(_ s: String?) -> String? {
        guard let s = s?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
        return s
    }

    static func gitEmail(in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "user.email"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The time written into history. `TRACKPLAN_NOW` (an ISO 8601 date-time) fixes it,
/// for tests and reproducible demos.
public enum WorkflowClock {
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let fixed = environment["TRACKPLAN_NOW"], let date = parse(fixed) { return date }
        return Date()
    }

    public static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// `2026-11-20T10:00:00Z`.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// `2026-11-20`, in UTC.
    public static func day(_ date: Date) -> String { String(timestamp(date).prefix(10)) }
}

/// An exclusive lock on the workspace while a command reads, changes and writes a
/// plan, so two processes never lose each other's change. It is an advisory
/// `flock` on `.trackplan.lock` at the workspace root, released on exit, crash included.
public final class WorkspaceLock {
    public static let fileName = ".trackplan.lock"
    let fd: Int32

    public struct Timeout: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "another trackplan process has held \(path) for too long; try again" }
    }

    public init(root: String, timeout: Double = 60) throws {
        let path = (root as NSString).appendingPathComponent(Self.fileName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(fd)
                throw Timeout(path: path)
            }
            usleep(5_000)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
