import Foundation

/// Values computed once per loaded workspace and shared by the rules that need
/// them (every parameter site, resolved template chains), so a workspace is
/// walked once, not once per rule. Thread-safe, but for a memo made with `locking: false`.
public final class Memo: @unchecked Sendable {
    /// Recursive: a value may be made from another memoised value. None for a memo that one
    /// thread alone uses (a one-plan workspace of the streaming lint, made and dropped per plan).
    private let lock: NSRecursiveLock?
    private var values: [String: Any] = [:]

    public init() { lock = NSRecursiveLock() }

    /// With `locking: false`, a memo for one thread only: no lock to make, take and free.
    init(locking: Bool) { lock = locking ? NSRecursiveLock() : nil }

    /// The value for `key`, made by `make` the first time. Made under the lock, so rules
    /// running side by side wait for one computation instead of each repeating it.
    public func value<T>(_ key: String, _ make: () -> T) -> T {
        lock?.lock()
        defer { lock?.unlock() }
        if let v = values[key] as? T { return v }
        let v = make()
        values[key] = v
        return v
    }
}
