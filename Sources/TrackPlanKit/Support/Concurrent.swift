import Foundation

/// Work spread over every core.
enum Concurrent {
    /// `body(0)`, ..., `body(count - 1)` run on every core, the results in index order. Each
    /// call writes only its own slot, so no lock is taken.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let results = slots
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: count) { i in results[i] = work(i) }
        }
        return slots.map { $0! }
    }
}
