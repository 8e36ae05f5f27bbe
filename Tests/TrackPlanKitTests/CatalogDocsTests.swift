import Foundation
import Testing
@testable import TrackPlanKit

/// `trackplan docs` and `trackplan report --postmortem`: Markdown goldens of the example
/// workspace, the HTML catalogue opened in headless Chromium (renders without console
/// errors, search and filters narrow the list, a screenshot kept as an artifact), and a
/// hostile workspace whose text must come out as text.
@Suite struct CatalogDocsTests {
    static let now = ["TRACKPLAN_NOW": "2026-11-25T09:00:00Z"]
    static let hostile: URL = TestPaths.fixtures.appendingPathComponent("docs/hostile")
    /// Screenshots land here (kept after the run, for people to look at).
    static let artifacts: URL = TestPaths.repository.appendingPathComponent(".build/test-artifacts")

    static func docs(_ args: [String], workspace: URL = TestPaths.repository, out: URL) throws -> CLI.Result {
        let r = try CLI.run(["docs", "--out", out.path] + args, in: workspace, env: now)
        #expect(r.code == 0, "\(r.err)")
        return r
    }

    /// Every file under `dir`, relative, sorted.
    static func files(_ dir: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: dir.path)
        var out: [String] = []
        while let f = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path, isDirectory: &isDir), !isDir.boolValue { out.append(f) }
        }
        return out.sorted()
    }

    // MARK: - Markdown

    @Test func markdownOfTheExampleWorkspace() throws {
        let dir = try Sandbox.folder("md")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.docs([], out: dir)
        let files = Self.files(dir)
        let plans = WorkspaceLoader().load(root: TestPaths.repository.path).plans.map(\.id).sorted()
        #expect(files == (["events.md", "index.md", "parameters.md"] + plans.map { "plans/\($0).md" }).sorted())
        for f in files {
            try Golden.check(String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8), "docs/markdown/\(f)")
        }
        // What a reviewer looks for is there.
        let page = try String(contentsOf: dir.appendingPathComponent("plans/homepage_banner.md"), encoding: .utf8)
        for needle in ["## Test checklist", "- [ ] Swipe to the second slide and hold", "once per page\\_view\\_id + banner\\_id",
                       "| `dwd.user_behavior_log` (realtime)", "## Approvals", "## History", "首页轮播曝光"] {
            #expect(page.contains(needle), "plans/homepage_banner.md lacks \(needle)")
        }
        // A second run changes nothing.
        let again = try Self.docs([], out: dir)
        #expect(again.out.contains("(0 changed)"), "\(again.out)")
    }

    @Test func chineseFirstWithLangZh() throws {
        let dir = try Sandbox.folder("zh")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.docs(["--lang", "zh"], out: dir)
        let page = try String(contentsOf: dir.appendingPathComponent("plans/homepage_banner.md"), encoding: .utf8)
        #expect(page.contains("`homepage_banner_exposure` 首页轮播曝光 (Homepage banner exposure)"))
    }

    /// An approval given to content that changed since is marked, on the page and in the index.
    @Test func changesSinceApprovalAreMarked() throws {
        let ws = try Sandbox.folder("stale")
        defer { try? FileManager.default.removeItem(at: ws) }
        try Sandbox.copyWorkspace(to: ws)
        var r = try CLI.run(["approve", "homepage_banner", "--as", "dora@example.com"], in: ws, env: Self.now)
        #expect(r.code == 0, "\(r.err)")
        let out = ws.appendingPathComponent("out")
        _ = try Self.docs([], workspace: ws, out: out)
        var page = try String(contentsOf: out.appendingPathComponent("plans/homepage_banner.md"), encoding: .utf8)
        #expect(!page.contains("Changed since approval"))
        #expect(page.contains("| dora@example.com | data\\_product\\_manager |"))

        let planURL = ws.appendingPathComponent("plans/homepage_banner.yaml")
        let text = try String(contentsOf: planURL, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "campaign:       { type: enum, values: [double11, new_year] }",
                                           with: "campaign:       { type: enum, values: [double11, new_year, spring] }").utf8).write(to: planURL)
        _ = try Self.docs([], workspace: ws, out: out)
        page = try String(contentsOf: out.appendingPathComponent("plans/homepage_banner.md"), encoding: .utf8)
        #expect(page.contains("> **Changed since approval.**"))
        #expect(page.contains("| **stale** |"))
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("> **Changed since approval:** [homepage\\_banner](plans/homepage_banner.md)"))
        r = try CLI.run(["docs", "--format", "html", "--out", out.appendingPathComponent("html").path], in: ws, env: Self.now)
        #expect(r.code == 0)
        let html = try String(contentsOf: out.appendingPathComponent("html/plans/homepage_banner.html"), encoding: .utf8)
        #expect(html.contains("id=\"changed\""))
        #expect(html.contains("<span class=\"stale\">stale</span>"))
    }

    /// The parameter dictionary warns where one name has different definitions.
    @Test func dictionaryFlagsDisagreeingDefinitions() throws {
        let ws = TestPaths.repository
        let catalog = Catalog.build(WorkspaceLoader().load(root: ws.path), today: "2026-11-25")
        #expect(catalog.dictionary.allSatisfy { !$0.conflicting }, "\(catalog.dictionary.filter(\.conflicting).map(\.name))")
        let hostile = Catalog.build(WorkspaceLoader().load(root: Self.hostile.path), today: "2026-11-25")
        let entry = try #require(hostile.dictionary.first { $0.name == "a|b" })
        #expect(entry.conflicting)
        #expect(entry.usages.count == 2)
    }

    @Test func pagesOfRemovedPlansAreRemovedAndOtherFilesKept() throws {
        let ws = try Sandbox.folder("orphans")
        defer { try? FileManager.default.removeItem(at: ws) }
        try Sandbox.copyWorkspace(to: ws)
        let out = ws.appendingPathComponent("site")
        _ = try Self.docs([], workspace: ws, out: out)
        let mine = out.appendingPathComponent("plans/notes.md")
        try Data("# my notes\n".utf8).write(to: mine)
        try FileManager.default.removeItem(at: ws.appendingPathComponent("plans/video_started.yaml"))
        let r = try Self.docs([], workspace: ws, out: out)
        #expect(r.out.contains("1 removed"), "\(r.out)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("plans/video_started.md").path))
        #expect(FileManager.default.fileExists(atPath: mine.path))
    }

    @Test func planIDsBecomeSafeFileNames() {
        for id in ["../escape", "a/b", "/abs", ".hidden", "", "ok_id", "中文"] {
            let name = Catalog.fileName(id)
            #expect(!name.contains("/") && !name.hasPrefix(".") && !name.isEmpty, "\(id) → \(name)")
        }
        #expect(Catalog.fileName("ok_id") == "ok_id")
        #expect(Catalog.fileName("中文") == "中文")
    }

    /// User text in Markdown outside code spans carries no markup.
    @Test func hostileMarkdownIsText() throws {
        let dir = try Sandbox.folder("hostile-md")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.docs([], workspace: Self.hostile, out: dir)
        for f in Self.files(dir) {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            // Drop code spans (any fence length), the header comment and &nbsp; indents.
            let plain = text.replacingOccurrences(of: "(`+)[^`]*?\\1", with: "", options: .regularExpression)
                .replacingOccurrences(of: "<!-- Generated by trackplan[^\\n]*-->", with: "", options: .regularExpression)
            for tag in ["<script", "<img", "<style", "<h1", "<i>", "<b>", "<u>"] {
                #expect(!plain.contains(tag), "\(f) has raw \(tag)")
            }
            // A link needs an unescaped `](`: every `]` of user text is escaped.
            #expect(plain.range(of: "(?<!\\\\)\\]\\(javascript:", options: .regularExpression) == nil, "\(f) has a live link")
            // Table rows keep their column count: no cell text broke out with a `|`.
            var columns: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else { columns = nil; continue }
                let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
                if let c = columns { #expect(cells == c, "\(f): \(line)") } else { columns = cells }
            }
        }
    }

    // MARK: - HTML in a real browser

    struct Page {
        var dom: String
        var console: [String]
    }

    /// Loads `url` in headless Chromium and returns the DOM after scripts ran and the
    /// page's console messages.
    static func chromium(_ url: URL, hash: String = "", screenshot: URL? = nil) throws -> Page {
        let exe = try #require(Proc.which("chromium") ?? Proc.which("chromium-browser"), "chromium is not installed: run `make test-deps`")
        let target = url.absoluteString + hash
        var args = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                    "--user-data-dir=" + FileManager.default.temporaryDirectory.appendingPathComponent("tp-chromium-\(UUID().uuidString)").path]
        if let shot = screenshot {
            args += ["--window-size=1280,1600", "--screenshot=\(shot.path)"]
        } else {
            args += ["--dump-dom"]
        }
        let r = try Proc.run(exe, args + [target], in: FileManager.default.temporaryDirectory)
        #expect(r.code == 0, "chromium failed: \(r.err.suffix(2000))")
        let console = r.err.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Page(dom: r.out, console: console)
    }

    /// Rows of a table in the dumped DOM: (hidden, data-search).
    static func rows(_ dom: String, table: String) -> [(hidden: Bool, search: String, state: String)] {
        guard let start = dom.range(of: "<table id=\"\(table)\"") else { return [] }
        let rest = dom[start.upperBound...]
        let body = rest[..<(rest.range(of: "</table>")?.lowerBound ?? rest.endIndex)]
        return body.components(separatedBy: "<tr ").dropFirst().compactMap { row in
            guard row.contains("class=\"row\"") else { return nil }
            let tag = row[..<(row.firstIndex(of: ">") ?? row.endIndex)]
            func attr(_ name: String) -> String {
                guard let r = tag.range(of: "\(name)=\"") else { return "" }
                let after = tag[r.upperBound...]
                return String(after[..<(after.firstIndex(of: "\"") ?? after.endIndex)])
            }
            return (tag.contains(" hidden") || tag.hasPrefix("hidden"), attr("data-search"), attr("data-state"))
        }
    }

    @Test func htmlCatalogueRendersSearchesAndFilters() throws {
        let dir = try Sandbox.folder("html")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.docs(["--format", "html"], out: dir)
        let index = dir.appendingPathComponent("index.html")

        // Self-contained: nothing is fetched from elsewhere.
        for f in Self.files(dir) {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(", "@import", "<link "] {
                #expect(!text.contains(external), "\(f) refers to something external (\(external))")
            }
        }

        var page = try Self.chromium(index)
        #expect(page.console.isEmpty, "console: \(page.console)")
        #expect(page.dom.contains("data-ready=\"1\""), "the script did not run to its end")
        #expect(page.dom.contains("<div id=\"errors\" hidden=\"\"></div>"))
        let all = Self.rows(page.dom, table: "plans")
        #expect(all.count == 7)
        #expect(all.allSatisfy { !$0.hidden })

        // Search narrows the list to the plans that mention every word.
        page = try Self.chromium(index, hash: "#q=banner")
        var rows = Self.rows(page.dom, table: "plans")
        let shown = rows.filter { !$0.hidden }
        #expect(!shown.isEmpty && shown.count < rows.count, "search did not narrow: \(shown.count) of \(rows.count)")
        #expect(shown.allSatisfy { $0.search.contains("banner") })
        #expect(rows.filter(\.hidden).allSatisfy { !$0.search.contains("banner") })
        #expect(page.dom.contains("\(shown.count) of 7 plans"))
        #expect(Self.rows(page.dom, table: "events").filter { !$0.hidden }.allSatisfy { $0.search.contains("banner") })

        // Filters: state, and a search that matches nothing shows the empty note.
        page = try Self.chromium(index, hash: "#state=release")
        rows = Self.rows(page.dom, table: "plans")
        #expect(rows.filter { !$0.hidden }.map(\.state) == ["release", "release"])
        // Owner, page and terminal filters, combined with each other and with search.
        let expected: [(String, Int)] = [("#owner=bob%40example.com", 3), ("#page=video", 1), ("#terminal=wap", 1),
                                         ("#owner=bob%40example.com&page=splash", 1), ("#owner=alice%40example.com&q=banner", 1)]
        for (hash, count) in expected {
            page = try Self.chromium(index, hash: hash)
            #expect(Self.rows(page.dom, table: "plans").filter { !$0.hidden }.count == count, "\(hash)")
        }
        page = try Self.chromium(index, hash: "#q=no-such-thing-anywhere")
        #expect(Self.rows(page.dom, table: "plans").allSatisfy { $0.hidden })
        #expect(page.dom.contains("<p id=\"none\" class=\"muted\">No plan matches.</p>"))

        // A plan page renders, with its timeline, and no console errors.
        let plan = try Self.chromium(dir.appendingPathComponent("plans/homepage_banner.html"))
        #expect(plan.console.isEmpty, "console: \(plan.console)")
        #expect(plan.dom.contains("<ul class=\"timeline\" id=\"timeline\">"))
        #expect(plan.dom.contains("request → review"))

        // Screenshots for people to look at.
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        for (name, url) in [("docs-index.png", index), ("docs-plan.png", dir.appendingPathComponent("plans/homepage_banner.html"))] {
            let shot = Self.artifacts.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: shot)
            _ = try Self.chromium(url, screenshot: shot)
            let png = try Data(contentsOf: shot)
            #expect(png.count > 10_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "\(name) is not a screenshot")
        }
    }

    @Test func hostileHTMLRendersAsText() throws {
        let dir = try Sandbox.folder("hostile-html")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.docs(["--format", "html"], workspace: Self.hostile, out: dir)
        for f in Self.files(dir) {
            let page = try Self.chromium(dir.appendingPathComponent(f))
            #expect(page.console.isEmpty, "\(f) console: \(page.console)")
            #expect(!page.dom.contains("data-pwned"), "\(f): injected script ran")
            #expect(!page.dom.contains("<h1 id=\"injected\""), "\(f): injected element")
            #expect(!page.dom.contains("<img src=\"x\""), "\(f): injected image")
            #expect(!page.dom.contains("<style>body{display:none}"), "\(f): injected style")
        }
        let plan = try Self.chromium(dir.appendingPathComponent("plans/evil.html"))
        #expect(plan.dom.contains("&lt;script&gt;document.body.dataset.pwned='title'&lt;/script&gt;"))
    }

    // MARK: - Post-mortem report

    @Test func postmortemReportAndSummary() throws {
        let ws = try Sandbox.folder("postmortem")
        defer { try? FileManager.default.removeItem(at: ws) }
        try Sandbox.copyWorkspace(to: ws)
        var r = try CLI.run(["report", "--postmortem"], in: ws, env: Self.now)
        #expect(r.code == 0, "\(r.err)")
        try Golden.check(r.out, "docs/postmortem-summary.md")

        // Written through the lifecycle, it shows up in the report.
        r = try CLI.run(["postmortem", "app_splash", "--as", "bob@example.com", "--summary", "Shipped; CTR as expected.",
                         "--released", "2026-03-11", "--issue", "Android sent skip twice on fast taps", "--follow-up", "Debounce the skip button"],
                        in: ws, env: Self.now)
        #expect(r.code == 0, "\(r.err)")
        r = try CLI.run(["advance", "app_splash", "--as", "bob@example.com"], in: ws, env: Self.now)
        #expect(r.code == 0, "\(r.err)")
        r = try CLI.run(["report", "--postmortem", "app_splash"], in: ws, env: Self.now)
        #expect(r.code == 0, "\(r.err)")
        try Golden.check(r.out, "docs/postmortem-app_splash.md")
        #expect(r.out.contains("- Android sent skip twice on fast taps"))
        #expect(r.out.contains("state post\\_mortem"))
        // The release day the post-mortem gives counts: a day after the planned one.
        #expect(r.out.contains("| release | 2026-03-10 | 2026-03-11 | 1 day late |"))

        r = try CLI.run(["report", "--postmortem", "app_splash", "--format", "json"], in: ws, env: Self.now)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(r.out.utf8))
        guard case .object(let o) = json else { Issue.record("not an object"); return }
        #expect(o["issues"] == .array([.string("Android sent skip twice on fast taps")]))
        #expect(o["releaseSlipDays"] == .number(1))

        r = try CLI.run(["report", "--postmortem", "no_such_plan"], in: ws, env: Self.now)
        #expect(r.code == 2)
        r = try CLI.run(["report"], in: ws, env: Self.now)
        #expect(r.code == 2)
    }

    /// Day numbers for planned-versus-reached dates, against Foundation's calendar.
    @Test func dayNumbersMatchTheCalendar() {
        #expect(DateCheck.dayNumber("1970-01-01") == 0)
        #expect(DateCheck.dayNumber("2026-03-10T09:00:00Z") == DateCheck.dayNumber("2026-03-10"))
        #expect(DateCheck.dayNumber("2026-02-30") == nil)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for text in ["1900-03-01", "1999-12-31", "2000-02-29", "2024-03-01", "2026-11-25", "2100-03-01"] {
            let parts = text.split(separator: "-").map { Int($0)! }
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
            #expect(DateCheck.dayNumber(text) == Int(date.timeIntervalSince1970 / 86_400), "\(text)")
        }
        #expect(PostmortemReport.days(from: "2024-02-28", to: "2024-03-01") == 2)
    }

    @Test func badFlagsAreUsageErrors() throws {
        var r = try CLI.run(["docs", "--format", "pdf", "--out", "/tmp/never"], env: Self.now)
        #expect(r.code == 2)
        #expect(r.err.contains("unknown format 'pdf'"))
        r = try CLI.run(["docs", "--lang", "fr", "--out", "/tmp/never"], env: Self.now)
        #expect(r.code == 2)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never"))
        // An output folder that is a file: a clear error, nothing half-written.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tp-docs-file-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        r = try CLI.run(["docs", "--out", file.path], env: Self.now)
        #expect(r.code == 2)
        #expect(r.err.contains("\(file.path) is a file, not a folder"), "\(r.err)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    }
}
