extension RuleRegistry {
    /// Rules on templates, positions, terminals, exposure and privacy.
    static let templateRules: [any LintRule] = []
}
