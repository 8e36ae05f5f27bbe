import Foundation
import Testing
@testable import TrackPlanKit

@Suite struct ReporterTests {
    let hostile = Diagnostic(path: "plans/a b.yaml", location: SourceLocation(line: 3, column: 5, offset: 40), severity: .warning,
                             ruleID: "naming-style", message: "name 'x<y>&\"z\"' has 50%, a:b,c\nand a newline")

    @Test func githubEscapesDataAndProperties() {
        let out = GitHubReporter().report(ReportInput(diagnostics: [hostile]))
        #expect(out == "::warning file=plans/a b.yaml,line=3,col=5,title=trackplan naming-style::name 'x<y>&\"z\"' has 50%25, a:b,c%0Aand a newline\n")
        let weird = Diagnostic(path: "plans/a:b,c.yaml", location: .start, severity: .error, ruleID: "r", message: "m")
        #expect(GitHubReporter().report(ReportInput(diagnostics: [weird])).hasPrefix("::error file=plans/a%3Ab%2Cc.yaml,"))
    }

    @Test func junitEscapesXML() {
        let out = JUnitReporter().report(ReportInput(diagnostics: [hostile], sources: ["plans/a b.yaml": []]))
        #expect(out.contains("message=\"name &apos;x&lt;y&gt;&amp;&quot;z&quot;&apos; has 50%, a:b,c&#10;and a newline\""))
        #expect(!out.contains("<y>"))
        let control = Diagnostic(path: "p.yaml", location: .start, severity: .error, ruleID: "r", message: "bad\u{1}byte")
        #expect(JUnitReporter().report(ReportInput(diagnostics: [control])).contains("bad\u{FFFD}byte"))
    }

    @Test func textQuotesTheLineWithACaret() {
        let source = Array("plan: x\nevents:\n  - name: searchClick\n".utf8)
        let d = Diagnostic(path: "plans/x.yaml", location: SourceLocation(line: 3, column: 11, offset: 27), severity: .error,
                           ruleID: "naming-style", message: "event name 'searchClick' is not snake_case")
        let out = TextReporter().report(ReportInput(diagnostics: [d], sources: ["plans/x.yaml": source], filesChecked: 1))
        #expect(out == """
        plans/x.yaml:3:11: error: event name 'searchClick' is not snake_case [naming-style]
          - name: searchClick
                  ^
        1 error, 0 warnings in 1 file (1 checked).

        """)
        #expect(!out.contains("\u{1B}"))
        let coloured = TextReporter().report(ReportInput(diagnostics: [d], sources: ["plans/x.yaml": source], filesChecked: 1, color: true))
        #expect(coloured.contains("\u{1B}[1;31merror:"))
    }

    /// A whole document on one line (minified, generated): the quote is a window around the column,
    /// and the caret still stands under the character found.
    @Test func longLinesAreQuotedAroundTheColumn() {
        let source = "plan: [" + String(repeating: "[", count: 5000) + "x" + String(repeating: "]", count: 5001) + "\n"
        for column in [3, 5009, 10_000] {
            let d = Diagnostic(path: "p.yaml", location: SourceLocation(line: 1, column: column, offset: column - 1),
                               severity: .error, ruleID: "yaml-syntax", message: "m")
            let lines = TextReporter().report(ReportInput(diagnostics: [d], sources: ["p.yaml": Array(source.utf8)])).split(separator: "\n")
            let quote = Array(lines[1]), caret = lines[2]
            #expect(quote.count <= TextReporter.widestQuote + 2, "\(column)")
            let under = caret.count - 1
            let expected = Array(source)[column - 1]
            #expect(quote[under] == expected, "column \(column): caret under '\(quote[under])'")
        }
        // Many findings in one large file are quoted from one line index (this would take minutes if each rescanned the file).
        let big = String(repeating: "key: value\n", count: 200_000)
        let many = (1 ... 20_000).map { Diagnostic(path: "big.yaml", location: SourceLocation(line: $0 * 10, column: 1, offset: 0),
                                                    severity: .warning, ruleID: "r", message: "m") }
        let out = TextReporter().report(ReportInput(diagnostics: many, sources: ["big.yaml": Array(big.utf8)]))
        #expect(out.components(separatedBy: "key: value").count - 1 == 20_000)
    }

    @Test func caretUnderWideCharacters() {
        let source = Array("title: 首页 x\n".utf8)
        let d = Diagnostic(path: "p.yaml", location: SourceLocation(line: 1, column: 11, offset: 14), severity: .note, ruleID: "r", message: "m")
        let out = TextReporter().report(ReportInput(diagnostics: [d], sources: ["p.yaml": source]))
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        // "title: " is 7 columns, 首页 takes 4 on a terminal, then a space: the caret sits under x.
        #expect(lines[2] == String(repeating: " ", count: 12) + "^")
    }

    @Test func baselineMatchesByContentNotLine() {
        let a = Diagnostic(path: "plans/a.yaml", location: SourceLocation(line: 3, column: 1, offset: 0), severity: .error, ruleID: "r", message: "m")
        var moved = a
        moved.location = SourceLocation(line: 30, column: 1, offset: 500)
        let other = Diagnostic(path: "plans/a.yaml", location: .start, severity: .error, ruleID: "r", message: "new")
        let baseline = Baseline(diagnostics: [a])
        #expect(baseline.filter([moved, other]) == [other])
        // One recorded finding excuses one, not two.
        #expect(baseline.filter([a, moved]).count == 1)
    }
}
