import Foundation
import Testing
@testable import TrackPlanKit

/// Byte-level checks that replaced slower general ones must agree with them.
@Suite struct FastPathTests {
    static let names = [
        "abc", "a_b", "a__b", "_a", "a_", "1a", "", "_", "ABC", "a-b", "camelCase", "Pascal_Case", "kebab-case-name",
        "abc\n", "abc\r\n", "abc\r", "abc\u{85}", "abc\u{2028}", "abc\u{2029}", "abc\u{0B}", "abc\u{0C}", "abc\n\n",
        "\nabc", "\n", "a\nb", "abc\r\n\n", "ａ", "Straße", "İstanbul_ID", "é_e", "\u{212A}elvin", "ÅNGSTRÖM-x",
    ]

    @Test func snakeIDMatchesTheRegularExpression() {
        for id in Self.names {
            let expected = id.range(of: "^[a-z0-9]+(_[a-z0-9]+)*$", options: .regularExpression) != nil
            #expect(PlanIDMatchesFileRule.isSnakeID(id) == expected, "\(id.debugDescription)")
        }
    }

    @Test func normalizedNamesMatchTheUnicodeDefinition() {
        for name in Self.names {
            let expected = String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
            #expect(EventRuleSupport.normalized(name) == expected, "\(name.debugDescription)")
        }
    }
}
