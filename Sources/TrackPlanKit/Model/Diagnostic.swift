/// How much a finding matters.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case note, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        let order: [Severity] = [.note, .warning, .error]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// One finding, from the reader, the loader or a lint rule. Every finding has a
/// file and an exact position: `path:line:column: severity: message [rule]`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var location: SourceLocation
    public var severity: Severity
    public var ruleID: String
    public var message: String

    public init(path: String, location: SourceLocation, severity: Severity, ruleID: String, message: String) {
        self.path = path
        self.location = location
        self.severity = severity
        self.ruleID = ruleID
        self.message = message
    }

    public var description: String {
        "\(path):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(ruleID)]"
    }

    /// Sorted by file, then position, then rule: the order every reporter prints.
    public static func sortKey(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.location != b.location { return a.location < b.location }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

/// Collects findings; a rule reports through it and never sees other rules' findings.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    let ruleID: String
    let severity: Severity

    public init(ruleID: String, severity: Severity) {
        self.ruleID = ruleID
        self.severity = severity
    }

    public mutating func report(_ path: String, _ location: SourceLocation, _ message: String, severity: Severity? = nil) {
        diagnostics.append(Diagnostic(path: path, location: location, severity: severity ?? self.severity, ruleID: ruleID, message: message))
    }

    /// Reports at a node's start.
    public mutating func report(_ path: String, _ node: YAMLNode, _ message: String, severity: Severity? = nil) {
        report(path, node.start, message, severity: severity)
    }

    mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }
}
