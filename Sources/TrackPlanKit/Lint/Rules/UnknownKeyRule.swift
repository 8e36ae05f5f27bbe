public struct UnknownKeyRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "unknown-key",
        summary: "Every key must be one the plan format defines; a near miss gets a suggestion.",
        rationale: "A misspelt key (`paramaters`, `requried`) is otherwise ignored, and the plan silently means less than its author wrote.",
        phase: .load,
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, required: true }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: click\n↓paramaters:\n  keyword: { type: string }"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, ↓requried: true }"),
        ]
    )
}
