import Foundation

/// What every reporter is given: the findings, the rules, the files' bytes (to
/// quote lines) and how to show a workspace path to the user.
public struct ReportInput: Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: [String: [UInt8]]
    public var filesChecked: Int
    /// Prefix that makes a workspace-relative path relative to the current folder.
    public var pathPrefix: String
    public var color: Bool

    public init(diagnostics: [Diagnostic], sources: [String: [UInt8]] = [:], filesChecked: Int = 0, pathPrefix: String = "", color: Bool = false) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.filesChecked = filesChecked
        self.pathPrefix = pathPrefix
        self.color = color
    }

    func shown(_ path: String) -> String { pathPrefix + path }

    /// The text of line `line` (1-based) of a file, without its line break.
    /// Where each line of a file starts: after a line feed, or a carriage return not followed by one,
    /// as the reader counts lines. Made once per file, so quoting many findings stays linear.
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) { starts.append(i + 1) }
            i += 1
        }
        return starts
    }

    /// The text of line `line` (1-based) of `path`, without its line break.
    func sourceLine(_ path: String, _ line: Int, starts: [Int]) -> String? {
        guard let bytes = sources[path], line >= 1, line <= starts.count else { return nil }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start ..< end], as: UTF8.self)
    }
}

/// An output format for lint findings: a small type with a stable id.
public protocol Reporter: Sendable {
    static var id: String { get }
    func report(_ input: ReportInput) -> String
}

public enum Reporters {
    public static let all: [any Reporter.Type] = [TextReporter.self, JSONReporter.self, SARIFReporter.self, GitHubReporter.self, JUnitReporter.self]
    public static let ids = all.map { $0.id }

    public static func make(_ id: String) -> (any Reporter)? {
        switch id {
        case TextReporter.id: TextReporter()
        case JSONReporter.id: JSONReporter()
        case SARIFReporter.id: SARIFReporter()
        case GitHubReporter.id: GitHubReporter()
        case JUnitReporter.id: JUnitReporter()
        default: nil
        }
    }

    /// "2 errors, 1 warning" style counts.
    static func counts(_ diagnostics: [Diagnostic]) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let e = diagnostics.filter { $0.severity == .error }.count
        let w = diagnostics.filter { $0.severity == .warning }.count
        let n = diagnostics.filter { $0.severity == .note }.count
        var parts = [plural(e, "error"), plural(w, "warning")]
        if n > 0 { parts.append(plural(n, "note")) }
        return parts.joined(separator: ", ")
    }

    /// Pretty, key-sorted JSON with a final line break: how every JSON output is written.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
