extension RuleRegistry {
    /// Rules on events, parameters, plans and their lifecycle fields.
    static let eventRules: [any LintRule] = []
}
