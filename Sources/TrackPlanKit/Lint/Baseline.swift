import Crypto
import Foundation

/// A recorded set of accepted findings, so a team can adopt new rules on old
/// plans: only findings not in the baseline are reported. Findings match by file,
/// rule and message (not line numbers, which move when a file is edited), counted:
/// two identical findings in the baseline excuse two, not three.
public struct Baseline: Codable, Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var path: String
        public var rule: String
        public var message: String
        public var fingerprint: String
    }

    public var version = 1
    public var findings: [Entry]

    public init(diagnostics: [Diagnostic]) {
        findings = diagnostics.map { Entry(path: $0.path, rule: $0.ruleID, message: $0.message, fingerprint: Self.fingerprint($0)) }
            .sorted { ($0.path, $0.rule, $0.message) < ($1.path, $1.rule, $1.message) }
    }

    /// A stable id of a finding that does not depend on its line.
    public static func fingerprint(_ d: Diagnostic) -> String {
        let digest = SHA256.hash(data: Data("\(d.path)\u{0}\(d.ruleID)\u{0}\(d.message)".utf8))
        return digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// The findings the baseline does not excuse.
    public func filter(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var budget: [String: Int] = [:]
        for e in findings { budget[e.fingerprint, default: 0] += 1 }
        return diagnostics.filter { d in
            let f = Self.fingerprint(d)
            if let n = budget[f], n > 0 {
                budget[f] = n - 1
                return false
            }
            return true
        }
    }

    public func encoded() -> String { Reporters.encode(self) }

    public static func read(path: String) throws -> Baseline {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(Baseline.self, from: data)
    }
}
