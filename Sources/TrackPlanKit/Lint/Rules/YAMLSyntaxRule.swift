public struct YAMLSyntaxRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "yaml-syntax",
        summary: "The file must be well-formed UTF-8 YAML within the reader's limits.",
        rationale: "A file that does not parse cannot be checked at all. The reader also refuses alias bombs, nesting deeper than 128 levels and files over 16 MiB, so a hostile file fails fast instead of hanging a hook.",
        phase: .load,
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nposition: { page: home, module: search_bar, slot: search_button }"),
        ],
        triggering: [
            RuleExample(event: "name: ↓@search_click\ntype: click"),
            RuleExample(plan: "plan: example\ntitle: Example\n  owner↓: alice@example.com\n"),
        ]
    )
}
