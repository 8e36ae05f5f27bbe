/// Machine-readable findings: one object, keys sorted, stable across runs.
public struct JSONReporter: Reporter {
    public static let id = "json"
    public init() {}

    struct Output: Encodable {
        var version = 1
        var diagnostics: [Item]
        var summary: Summary
    }

    struct Item: Encodable {
        var path: String
        var line: Int
        var column: Int
        var offset: Int
        var severity: String
        var rule: String
        var message: String
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var notes: Int
        var files_checked: Int
    }

    public func report(_ input: ReportInput) -> String {
        let items = input.diagnostics.map {
            Item(path: input.shown($0.path), line: $0.location.line, column: $0.location.column, offset: $0.location.offset,
                 severity: $0.severity.rawValue, rule: $0.ruleID, message: $0.message)
        }
        let summary = Summary(errors: input.diagnostics.filter { $0.severity == .error }.count,
                              warnings: input.diagnostics.filter { $0.severity == .warning }.count,
                              notes: input.diagnostics.filter { $0.severity == .note }.count,
                              files_checked: input.filesChecked)
        return Reporters.encode(Output(diagnostics: items, summary: summary))
    }
}
