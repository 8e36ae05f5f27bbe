import Foundation

/// Turns the language-neutral `CodeModel` into the dictionaries a target's
/// templates render. Every string in it is ready to print where the template puts
/// it: identifiers are safe, literals escaped, comment text defused.
/// docs/codegen.md lists every key.
struct ViewModelBuilder {
    let lang: any CodeLanguage
    let model: CodeModel

    func build(headerLines: [String]) -> [String: Any] {
        var enums: [[String: Any]] = []
        var objects: [[String: Any]] = []
        var seenTypes = Set<String>()

        func collect(_ type: CodeModel.ValueType) {
            switch type {
            case .enumeration(let name, let values):
                let typeName = lang.typeName(name)
                guard seenTypes.insert(typeName).inserted else { return }
                let isInt = !values.isEmpty && values.allSatisfy { $0.integer != nil }
                var used = Set<String>()
                let cases: [[String: Any]] = values.map { v in
                    var caseName = lang.caseName(isInt ? ["value"] + CodeModel.words(v.text) : CodeModel.words(v.text))
                    while !used.insert(caseName).inserted { caseName += "_" }
                    return ["caseName": caseName, "valueLiteral": isInt ? String(v.integer!) : lang.stringLiteral(v.text)]
                }
                enums.append(["typeName": typeName, "cases": last(cases), "isInt": isInt, "isString": !isInt,
                              "hasCases": !cases.isEmpty])
            case .object(let name, let properties):
                for p in properties { collect(p.type) }
                let typeName = lang.typeName(name)
                guard seenTypes.insert(typeName).inserted else { return }
                let fields = fieldViews(properties, context: .object, labelPrefix: "label + \".\" + ")
                objects.append(["typeName": typeName, "fields": last(fields.views), "hasFields": !properties.isEmpty,
                                "params": fields.params, "assign": fields.assign,
                                "requiredFields": last(fields.views.filter { $0["required"] as? Bool == true }),
                                "optionalFields": last(fields.views.filter { $0["required"] as? Bool != true })])
            case .array(let item):
                collect(item)
            default:
                break
            }
        }

        var events: [[String: Any]] = []
        var usedFunctions = Set<String>()
        for event in model.events {
            for f in event.fields { collect(f.type) }
            let words = CodeModel.words(event.name)
            // Two events whose names spell the same identifier: the later ones get a `_` more.
            var suffix = ""
            while !usedFunctions.insert(lang.memberName(words) + suffix).inserted
                    || !usedFunctions.insert("const:" + lang.constantName(words) + suffix).inserted { suffix += "_" }
            let functionName = lang.memberName(words) + suffix
            let fields = fieldViews(event.fields, context: .parameter, labelPrefix: "")
            var doc: [String] = []
            if let d = event.description { doc += lang.docLines(d) }
            let display = [event.displayEN, event.displayZH].compactMap { $0 }.joined(separator: " / ")
            if !display.isEmpty { doc += lang.docLines(display) }
            doc += lang.docLines("Event `\(event.name)` (\(event.type)) from plan \(event.plan) (\(event.planPath)).")
            if let pos = event.position { doc += lang.docLines("Position: \(pos).") }
            doc += lang.docLines("Terminals: \(event.terminals.joined(separator: ", ")).")
            if let e = event.exposure {
                doc += lang.docLines("Exposure: " + Catalog.exposureText(ratio: e.minVisibleRatio, durationMs: e.minDurationMs, key: e.dedupeKey) + ".")
            }
            if event.hasPII {
                doc += lang.docLines("Carries personal data (\(event.piiKeys.joined(separator: ", "))): sent only through the consent-aware path, for \(event.consentPurposes.joined(separator: ", ")).")
            }
            var view: [String: Any] = [
                "nameLiteral": lang.stringLiteral(event.name),
                "constName": lang.constantName(words) + suffix,
                "functionName": functionName,
                "typeName": lang.typeName(words) + suffix,
                "docLines": doc,
                "hasPosition": event.position != nil,
                "positionLiteral": lang.stringLiteral(event.position ?? ""),
                "fields": last(fields.views),
                "hasFields": !event.fields.isEmpty,
                "params": fields.params,
                "hasParams": !fields.params.isEmpty,
                "assign": fields.assign,
                "hasPII": event.hasPII,
                "piiKeysLiteral": lang.stringList(event.piiKeys),
                "purposesLiteral": lang.stringList(event.consentPurposes),
                "isExposure": event.exposure != nil,
            ]
            if let e = event.exposure {
                view["exposure"] = [
                    "minVisibleRatio": lang.numberLiteral(e.minVisibleRatio ?? 0),
                    "minDurationMs": String(e.minDurationMs ?? 0),
                    "dedupeKeyLiteral": lang.stringList(e.dedupeKey),
                ]
            }
            events.append(view)
        }
        for f in model.common { collect(f.type) }
        let common = fieldViews(model.common, context: .common, labelPrefix: "")
        return [
            "headerLines": headerLines.flatMap { lang.docLines($0) },
            "events": last(events),
            "hasEvents": !events.isEmpty,
            "enums": last(enums),
            "objects": last(objects),
            "common": ["fields": last(common.views), "params": common.params, "assign": common.assign,
                       "hasFields": !model.common.isEmpty],
            "hasExposure": model.events.contains { $0.exposure != nil },
        ]
    }

    /// Views of fields, their parameter declarations (required first) and their assignment statements.
    func fieldViews(_ fields: [CodeModel.Field], context: FieldContext, labelPrefix: String)
        -> (views: [[String: Any]], params: [[String: Any]], assign: [String]) {
        var used = Set<String>()
        var views: [[String: Any]] = []
        var assign: [String] = []
        for f in fields {
            var member = lang.memberName(CodeModel.words(f.name))
            while !used.insert(member).inserted { member += "_" }
            let type = lang.typeRef(f.type)
            var doc = f.description.map(lang.docLines) ?? []
            if f.pii { doc += lang.docLines("Personal data: needs consent for \(f.consent ?? "?").") }
            let expr = lang.fieldExpr(context, member: member, key: f.name)
            let label = labelPrefix.isEmpty ? lang.stringLiteral(f.name) : labelPrefix + lang.stringLiteral(f.name)
            assign += lang.assign(f, expr: expr, labelLiteral: label)
            views.append([
                "member": member, "keyLiteral": lang.stringLiteral(f.name), "type": type,
                "declType": f.required ? type : lang.optionalRef(type),
                "required": f.required, "optional": !f.required, "docLines": doc,
                "parameter": lang.parameter(name: member, type: type, required: f.required),
            ])
        }
        let ordered = views.filter { $0["required"] as? Bool == true } + views.filter { $0["required"] as? Bool != true }
        let params = last(ordered.map { ["decl": $0["parameter"]!, "member": $0["member"]!] })
        return (views, params, assign)
    }

    /// Marks the last element (`isLast`) so templates can place separators.
    func last(_ items: [[String: Any]]) -> [[String: Any]] {
        items.enumerated().map { i, item in
            var m = item
            m["isLast"] = i == items.count - 1
            m["isFirst"] = i == 0
            return m
        }
    }
}
