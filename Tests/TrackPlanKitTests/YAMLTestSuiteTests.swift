import Foundation
import Testing
@testable import TrackPlanKit

/// Runs every case of the official YAML test suite (../shared/corpora/yaml-test-suite).
/// Cases where libyaml itself is known to be wrong are listed, with the reason,
/// in Tests/yaml-test-suite-skips.txt. They still run: one that starts passing
/// fails this test until it is taken off the list, so the list stays true.
@Suite struct YAMLTestSuiteTests {
    struct Outcome { var id: String; var passed: Bool; var detail: String }

    static let suiteRoot = TestPaths.corpora.appendingPathComponent("yaml-test-suite")

    /// The lowest pass count ever recorded; CI fails if the count drops below it.
    static let minimumPassed = 330

    static func caseDirectories() throws -> [URL] {
        let fm = FileManager.default
        var result: [URL] = []
        for id in try fm.contentsOfDirectory(atPath: suiteRoot.path).sorted() {
            let dir = suiteRoot.appendingPathComponent(id)
            if fm.fileExists(atPath: dir.appendingPathComponent("in.yaml").path) {
                result.append(dir)
            } else if let subs = try? fm.contentsOfDirectory(atPath: dir.path) {
                for sub in subs.sorted() where fm.fileExists(atPath: dir.appendingPathComponent(sub).appendingPathComponent("in.yaml").path) {
                    result.append(dir.appendingPathComponent(sub))
                }
            }
        }
        return result
    }

    static func skips() throws -> [String: String] {
        let text = try String(contentsOf: TestPaths.repository.appendingPathComponent("Tests/yaml-test-suite-skips.txt"), encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }

    static func run(_ dir: URL, id: String) -> Outcome {
        let fm = FileManager.default
        let result = YAMLReader().read(path: dir.appendingPathComponent("in.yaml").path)
        if fm.fileExists(atPath: dir.appendingPathComponent("error").path) {
            return Outcome(id: id, passed: !result.errors.isEmpty, detail: "accepted an invalid stream")
        }
        if let e = result.errors.first {
            return Outcome(id: id, passed: false, detail: "rejected a valid stream: \(e)")
        }
        let jsonURL = dir.appendingPathComponent("in.json")
        guard let data = fm.contents(atPath: jsonURL.path) else {
            return Outcome(id: id, passed: true, detail: "")
        }
        do {
            let expected = try JSONValue.decodeStream(data)
            let actual = result.documents.map(\.json)
            if expected == actual { return Outcome(id: id, passed: true, detail: "") }
            return Outcome(id: id, passed: false, detail: "expected \(expected), got \(actual)")
        } catch {
            return Outcome(id: id, passed: false, detail: "in.json unreadable: \(error)")
        }
    }

    @Test func conformance() throws {
        let dirs = try Self.caseDirectories()
        #expect(dirs.count == 402, "the corpus should hold 402 cases")
        let skips = try Self.skips()
        var passed = 0, failed = 0, skipped = 0
        var failures: [String] = []
        var staleSkips: [String] = []
        for dir in dirs {
            let id = dir.path.replacingOccurrences(of: Self.suiteRoot.path + "/", with: "")
            let outcome = Self.run(dir, id: id)
            if skips[id] != nil {
                skipped += 1
                if outcome.passed { staleSkips.append(id) }
            } else if outcome.passed {
                passed += 1
            } else {
                failed += 1
                failures.append("\(id): \(outcome.detail)")
            }
        }
        print("yaml-test-suite: \(passed) passed, \(failed) failed, \(skipped) skipped")
        #expect(failures.isEmpty, "unexpected failures:\n\(failures.joined(separator: "\n"))")
        #expect(staleSkips.isEmpty, "listed as skipped but now passing (take them off the list): \(staleSkips)")
        #expect(passed >= Self.minimumPassed, "pass count dropped: \(passed) < \(Self.minimumPassed)")
        let unknown = Set(skips.keys).subtracting(dirs.map { $0.path.replacingOccurrences(of: Self.suiteRoot.path + "/", with: "") })
        #expect(unknown.isEmpty, "skip list names cases that do not exist: \(unknown.sorted())")
    }
}
