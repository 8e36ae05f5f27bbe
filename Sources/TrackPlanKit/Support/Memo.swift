import Foundation

/// Values computed once per loaded workspace and shared by the rules that need
/// them (every parameter site, resolved template chains), so a workspace is
/// walked once, not once per rule. Thread-safe.
public final class Memo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    public init() {}

    public func value<T>(_ key: String, _ make: () -> T) -> T {
        lock.lock()
        if let v = values[key] as? T { lock.unlock(); return v }
        lock.unlock()
        let v = make()
        lock.lock()
        values[key] = v
        lock.unlock()
        return v
    }
}
