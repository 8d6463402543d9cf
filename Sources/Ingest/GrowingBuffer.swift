/// A growable buffer of plain values that owns its memory and is never copied: appending is a
/// bounds check and a `memcpy`, without the uniqueness checks and generic paths of `Array` (the CSV
/// reader appends every field, issue 7).
struct GrowingBuffer<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The elements, valid until the next change.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count)
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        if count + elements.count > capacity { grow(to: count + elements.count) }
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// Makes room for `n` more elements at `base + count`, for the caller to write and `commit`.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    /// Counts the `n` elements written after the last ones (room made by `reserve`).
    @inline(__always)
    mutating func commit(_ n: Int) {
        precondition(n >= 0 && count + n <= capacity)
        count += n
    }

    /// Drops the first `n` elements, moving the rest to the front.
    mutating func removeFirst(_ n: Int) {
        precondition(n >= 0 && n <= count)
        guard n > 0 else { return }
        base.update(from: base + n, count: count - n)
        count -= n
    }

    mutating func removeAll() {
        count = 0
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
