import Foundation

/// `trackplan init` and `trackplan new`: a starter workspace, and a new plan drafted
/// from an event template in state `request`.
public enum Drafting {
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Writes the starter workspace into `directory`; refuses (writing nothing) when
    /// a workspace or any of the starter files is already there. Returns the files written.
    public static func initWorkspace(at directory: String) throws -> [String] {
        let fm = FileManager.default
        let existing = Scaffold.files.map(\.path).filter { $0 != ".gitignore" }
            .filter { fm.fileExists(atPath: (directory as NSString).appendingPathComponent($0)) }
        if !existing.isEmpty {
            let what = existing.contains(WorkspaceLoader.settingsFile) ? "a workspace" : existing.joined(separator: ", ")
            throw Failure(message: "\(directory) already has \(what); trackplan init does not overwrite anything")
        }
        var written: [String] = []
        for (path, text) in Scaffold.files {
            let full = (directory as NSString).appendingPathComponent(path)
            if path == ".gitignore", let old = fm.contents(atPath: full) {
                // An existing .gitignore keeps its lines; the lock file is added if missing.
                let text = String(decoding: old, as: UTF8.self)
                if text.split(whereSeparator: \.isNewline).contains(where: { $0 == WorkspaceLock.fileName }) { continue }
                let joined = text + (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + Scaffold.gitignore
                try AtomicFile.write(Array(joined.utf8), to: full)
            } else {
                try AtomicFile.create(Array(text.utf8), at: full)
            }
            written.append(path)
        }
        return written
    }

    /// Why `id` cannot name a plan (nil when it can): snake_case, starting with a
    /// letter, so it is also a safe file name (no path separators, no dots).
    public static func planIDProblem(_ id: String) -> String? {
        let bytes = Array(id.utf8)
        guard let first = bytes.first else { return "a plan id cannot be empty" }
        let ok = bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        if !ok || !(first >= 0x61 && first <= 0x7A) {
            let printable = id.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
            return "'\(printable)' is not a plan id: use snake_case letters, digits and _, starting with a letter (it names plans/ID.yaml)"
        }
        if bytes.count > 64 { return "'\(id)' is too long for a plan id (at most 64 characters)" }
        return nil
    }

    public struct NewPlan {
        public var id: String
        public var template: String?
        public var owner: String
        public var title: String
        public init(id: String, template: String?, owner: String, title: String) {
            self.id = id
            self.template = template
            self.owner = owner
            self.title = title
        }
    }

    /// The default title for a plan id: `search_result_click` → `Search result click`.
    public static func title(for id: String) -> String {
        let words = id.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Drafts `plans/ID.yaml` in `workspace`; returns its path relative to the root.
    public static func newPlan(_ new: NewPlan, in workspace: Workspace) throws -> String {
        if let problem = planIDProblem(new.id) { throw Failure(message: problem) }
        let path = "plans/\(new.id).yaml"
        if workspace.plans.contains(where: { $0.id == new.id }) || workspace.sources[path] != nil {
            throw Failure(message: "\(path) already exists; trackplan new does not overwrite plans")
        }
        var type: String? = nil
        if let t = new.template {
            guard let template = workspace.template(t) else {
                let ids = workspace.templates.map(\.id).sorted()
                throw Failure(message: "no event template '\(t)' in templates/events\(TemplateRuleSupport.didYouMean(t, ids))"
                              + (ids.isEmpty ? "" : " (templates: \(ids.joined(separator: ", ")))"))
            }
            _ = template
        } else {
            type = "custom"
        }
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw Failure(message: "a plan needs a title") }
        guard !new.owner.trimmingCharacters(in: .whitespaces).isEmpty else { throw Failure(message: "a plan needs an owner") }
        let terminals = workspace.settings.terminalOrder.isEmpty ? workspace.settings.terminals.keys.sorted()
            : workspace.settings.terminalOrder
        let s = { (text: String) in PlanEditor.scalar(text, flow: false) }
        let firstPosition = workspace.settings.pages.first.map { page in
            "{ page: \(page.id)" + (page.modules.first.map { m in ", module: \(m.id)" + (m.slots.first.map { ", slot: \($0.id)" } ?? "") } ?? "") + " }"
        } ?? "{ page: PAGE, module: MODULE, slot: SLOT }"
        var lines = [
            "# \(path): drafted by `trackplan new`. Fill in the goal, the position and the",
            "# parameters, then `trackplan lint \(path)` and `trackplan submit \(new.id)`.",
            "plan: \(new.id)",
            "title: \(s(title))",
            "owner: \(s(new.owner))",
            "# goal: what the data is for, the question these events answer",
            "priority: P2",
            "terminals: [\(terminals.joined(separator: ", "))]",
            "# schedule: { integration_test: YYYY-MM-DD, release: YYYY-MM-DD }",
            "",
            "events:",
            "  - name: \(new.id)",
        ]
        if let t = new.template { lines.append("    template: \(t)") }
        if let type { lines.append("    type: \(type)") }
        lines += [
            "    # position: \(firstPosition)   # 位 from the positions registry in trackplan.yaml",
            "    description: \(s(title))",
            "    parameters: {}",
            "    # parameters:",
            "    #   sku_id: { type: string, required: true, max_length: 64 }",
            "    # test_cases:",
            "    #   - scenario: what the tester does",
            "    #     expect: what must be sent",
            "",
            "# Written by the tool as the plan moves; people do not edit these by hand.",
            "status: request",
        ]
        let text = lines.joined(separator: "\n") + "\n"
        // The draft must read back as what was meant: a guard against odd titles or owners.
        let check = YAMLReader().parse(text, path: path)
        guard check.errors.isEmpty, let root = check.documents.first, root["title"]?.text == title,
              root["owner"]?.text == new.owner else {
            throw Failure(message: "internal error: the drafted plan would not read back; nothing was written")
        }
        try AtomicFile.create(Array(text.utf8), at: (workspace.root as NSString).appendingPathComponent(path))
        return path
    }
}
