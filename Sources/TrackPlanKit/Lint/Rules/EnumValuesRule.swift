import Foundation

public struct EnumValuesRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "enum-values",
        summary: "An enum parameter lists its values, each once; `values` on any other type is a mistake.",
        rationale: "Enum values become the allowed set in generated SDK code, the accepted values in data validation and the dimension members in reports: an enum without values accepts nothing, and a repeated value usually hides a typo for a missing one. `values` on a string is silently ignored, which is rarely what the author meant.",
        nonTriggering: [
            RuleExample(event: "name: homepage_banner_exposure\ntemplate: exposure\nparameters:\n  campaign: { type: enum, values: [double11, new_year] }"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  source: { type: enum, values: [history, suggestion, typed] }\nterminal_overrides:\n  ios:\n    parameters:\n      source: { values: [history, typed] }"),
        ],
        triggering: [
            RuleExample(event: "name: homepage_banner_exposure\ntemplate: exposure\nparameters:\n  campaign: { type: enum, values: [double11, new_year, ↓double11] }"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  source: { type: ↓enum }\n  tab: { type: enum, values: ↓[] }"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, values: ↓[shoes, bags] }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    func check(_ site: EventRuleSupport.ParameterSite, _: inout Void, _ sink: inout DiagnosticSink) {
        let p = site.parameter
        let valuesNode = p.written.contains(.values) ? site.value("values") : nil
        if p.type == .enum, valuesNode == nil, site.inherited?.values == nil, let typeNode = site.value("type") {
            sink.report(site.path, typeNode, "\(site.noun) is an enum without values; write values: [a, b, ...] with every allowed value")
        }
        guard let valuesNode else { return }
        if let type = site.type, type != .enum {
            sink.report(site.path, valuesNode, "\(site.noun) is of type \(type.rawValue), which ignores values; remove values, or write type: enum if only these values are allowed",
                        severity: .warning)
            return
        }
        let isNull = valuesNode.isScalar && valuesNode.value == .null
        guard valuesNode.isSequence || isNull else { return }
        if isNull || valuesNode.items.isEmpty {
            sink.report(site.path, valuesNode, "\(site.noun) has an empty values list, so no value is allowed; write every allowed value")
            return
        }
        let items = valuesNode.items
        if items.count <= 16 {
            // Short lists (nearly all) pair by pair as bytes: no String or dictionary per parameter.
            // Values compare as Strings do, the long lists' way: text that is not ASCII is the same
            // value when canonically equivalent (é as one character or as e and an accent).
            let storage = valuesNode.storage
            func same(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
                if x.count == y.count, x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 { return true }
                guard x.contains(where: { $0 >= 0x80 }) || y.contains(where: { $0 >= 0x80 }) else { return false }
                return String(decoding: x, as: UTF8.self) == String(decoding: y, as: UTF8.self)
            }
            for i in items.indices {
                let a = items[i].raw
                guard a.kind == .scalar else { continue }
                let text = storage.text(of: a)
                for j in 0 ..< i {
                    let b = items[j].raw
                    guard b.kind == .scalar, same(text, storage.text(of: b)) else { continue }
                    sink.report(site.path, items[i], "enum value '\(items[i].text ?? "")' of \(site.noun) is already listed at \(items[j].start); remove this one")
                    break
                }
            }
            return
        }
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let text = item.text else { continue }
            if let first = seen[text] {
                sink.report(site.path, item, "enum value '\(text)' of \(site.noun) is already listed at \(first); remove this one")
            } else {
                seen[text] = item.start
            }
        }
    }
}
