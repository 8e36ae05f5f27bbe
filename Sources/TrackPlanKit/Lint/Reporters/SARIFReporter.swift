import Foundation

/// SARIF 2.1.0, for code-scanning uploads: every rule described once, each
/// finding a result with its physical location.
public struct SARIFReporter: Reporter {
    public static let id = "sarif"
    public static let toolVersion = TrackPlanVersion.current
    public init() {}

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var columnKind = "unicodeCodePoints"
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name = "trackplan"
        var informationUri = "https://example.com/trackplan/docs/rules.md"
        var semanticVersion = SARIFReporter.toolVersion
        var version = SARIFReporter.toolVersion
        var rules: [RuleDescriptor]
    }

    struct Text: Encodable { var text: String }

    struct RuleDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var byteOffset: Int
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    public func report(_ input: ReportInput) -> String {
        let descriptions = RuleRegistry.all.map { type(of: $0).description }
        let index = Dictionary(uniqueKeysWithValues: descriptions.enumerated().map { ($1.id, $0) })
        let rules = descriptions.map {
            RuleDescriptor(id: $0.id, name: NamingStyle.convert($0.id, to: "PascalCase"), shortDescription: Text(text: $0.summary),
                           fullDescription: Text(text: $0.rationale), help: Text(text: "\($0.summary) \($0.rationale)"),
                           defaultConfiguration: Configuration(level: Self.level($0.severity)))
        }
        let results = input.diagnostics.map { d in
            let uri = input.shown(d.path).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? d.path
            return Result(
                ruleId: d.ruleID, ruleIndex: index[d.ruleID], level: Self.level(d.severity), message: Text(text: d.message),
                locations: [Location(physicalLocation: PhysicalLocation(
                    artifactLocation: ArtifactLocation(uri: uri),
                    region: Region(startLine: d.location.line, startColumn: d.location.column, byteOffset: d.location.offset)))],
                partialFingerprints: ["trackplanFinding/v1": Baseline.fingerprint(d)]
            )
        }
        return Reporters.encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: rules)), results: results)]))
    }
}

public enum TrackPlanVersion {
    public static let current = "0.1.0"
}
