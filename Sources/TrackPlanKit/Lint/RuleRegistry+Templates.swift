extension RuleRegistry {
    /// Rules on templates, positions, terminals, exposure and privacy.
    static let templateRules: [any LintRule] = [
        TemplateExistsRule(), TemplateCycleRule(), TemplateTypeRule(), TemplateOverrideRule(), TemplateLockedRule(),
        TerminalExistsRule(), TerminalOverrideRule(),
        PIIConsentRule(), PIIForbiddenTerminalRule(),
        ExposureRuleRule(),
        PositionExistsRule(), ListSlotIndexRule(),
    ]
}
