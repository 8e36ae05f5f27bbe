/// JUnit XML: one test case per file checked, a failure per finding, so CI
/// systems that read test reports show lint results beside tests.
public struct JUnitReporter: Reporter {
    public static let id = "junit"
    public init() {}

    public func report(_ input: ReportInput) -> String {
        let byFile = Dictionary(grouping: input.diagnostics, by: \.path)
        let files = Set(input.sources.keys).union(byFile.keys).sorted()
        let failures = input.diagnostics.filter { $0.severity != .note }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"trackplan lint\" tests=\"\(files.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"trackplan lint\" tests=\"\(files.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        for file in files {
            let shown = escape(input.shown(file))
            let found = (byFile[file] ?? []).filter { $0.severity != .note }
            if found.isEmpty {
                out += "    <testcase classname=\"trackplan.lint\" name=\"\(shown)\"/>\n"
                continue
            }
            out += "    <testcase classname=\"trackplan.lint\" name=\"\(shown)\">\n"
            for d in found {
                let where_ = "\(input.shown(d.path)):\(d.location.line):\(d.location.column)"
                out += "      <failure type=\"\(escape(d.ruleID))\" message=\"\(escape(d.message))\">\(escape("\(where_): \(d.severity.rawValue): \(d.message) [\(d.ruleID)]"))</failure>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += " "
            default:
                // XML 1.0 cannot carry most control characters at all.
                if scalar.value < 0x20 || (0xFFFE ... 0xFFFF).contains(scalar.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
