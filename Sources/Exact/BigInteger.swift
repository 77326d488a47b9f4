import CGMP

/// An arbitrary-precision signed integer with value semantics.
///
/// ```swift
/// let f: BigInteger = (1...30).reduce(1) { $0 * BigInteger($1) }
/// print(f)   // 265252859812191058636308480000000
/// ```
///
/// Values that fit in `Int` are stored inline and computed with overflow-checked machine
/// arithmetic; only on overflow does an operation move to GMP (`mpz_t`). Results are always
/// normalised back, so a value has exactly one representation and equality, hashing and
/// comparison need not convert. Division and remainder *throw* on a zero divisor, because
/// GMP would abort the process.
public struct BigInteger: Sendable {
    /// Inline `Int` whenever the value fits; GMP storage only for values outside `Int`'s range.
    enum Representation: Sendable {
        case small(Int)
        case large(GMPInteger)
    }

    let representation: Representation

    /// The integer `value`.
    public init(_ value: Int) {
        representation = .small(value)
    }

    /// The integer `value`, which may exceed `Int.max`.
    init(_ value: UInt) {
        if value <= UInt(Int.max) {
            representation = .small(Int(value))
        } else {
            representation = .large(GMPInteger(unsigned: value))
        }
    }

    /// Wraps a freshly computed GMP result, demoting it to inline storage when it fits in `Int`
    /// (the invariant that keeps the representation unique).
    init(normalizing storage: GMPInteger) {
        if __gmpz_fits_slong_p(storage.pointer) != 0 {
            representation = .small(__gmpz_get_si(storage.pointer))
        } else {
            representation = .large(storage)
        }
    }

    /// Calls `body` with a read-only `mpz_t` view of this value. An inline value is
    /// presented through `mpz_roinit_n` over a one-limb stack buffer, so no allocation happens.
    func withMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
        switch representation {
        case .large(let storage):
            return try withExtendedLifetime(storage) { try body(storage.pointer) }
        case .small(let value):
            let limb = mp_limb_t(value.magnitude)
            return try withUnsafePointer(to: limb) { limbPointer in
                var view = __mpz_struct()
                _ = __gmpz_roinit_n(&view, limbPointer, mp_size_t(value.signum()))
                return try withUnsafePointer(to: &view) { try body($0) }
            }
        }
    }

    /// Computes a new value with a GMP function writing into a fresh `mpz_t`.
    static func computing(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInteger {
        let result = GMPInteger()
        body(result.pointer)
        return BigInteger(normalizing: result)
    }

    /// The value as an `Int`, or `nil` when it does not fit.
    public var asInt: Int? {
        if case .small(let value) = representation { return value }
        return nil
    }

    /// Whether the value is 0.
    public var isZero: Bool {
        if case .small(0) = representation { return true }
        return false
    }

    /// -1, 0 or 1 according to the sign.
    public func signum() -> Int {
        switch representation {
        case .small(let value): value.signum()
        case .large(let storage): storage.signum
        }
    }

    /// The absolute value.
    public var magnitude: BigInteger { signum() < 0 ? -self : self }

    /// The number of bits of `|self|` (0 for 0): the size a caller can bound before
    /// computing more from it (KanLang keeps exact numbers only up to a bit size).
    public var bitWidthOfMagnitude: Int {
        switch representation {
        case .small(let value): Int.bitWidth - value.magnitude.leadingZeroBitCount
        case .large(let storage): Int(__gmpz_sizeinbase(storage.pointer, 2))
        }
    }
}

/// The absolute value of `value`.
public func abs(_ value: BigInteger) -> BigInteger { value.magnitude }

extension BigInteger: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInteger: Equatable {
    public static func == (lhs: BigInteger, rhs: BigInteger) -> Bool {
        switch (lhs.representation, rhs.representation) {
        case (.small(let a), .small(let b)): a == b
        case (.large(let a), .large(let b)): __gmpz_cmp(a.pointer, b.pointer) == 0
        default: false  // the representation is unique, so small never equals large
        }
    }
}

extension BigInteger: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch representation {
        case .small(let value):
            hasher.combine(value)
        case .large(let storage):
            let size = Int(storage.pointer.pointee._mp_size)
            hasher.combine(size)
            for index in 0..<size.magnitude {
                hasher.combine(__gmpz_getlimbn(storage.pointer, mp_size_t(index)))
            }
        }
    }
}

extension BigInteger: Comparable {
    public static func < (lhs: BigInteger, rhs: BigInteger) -> Bool {
        switch (lhs.representation, rhs.representation) {
        case (.small(let a), .small(let b)): a < b
        case (.large(let a), .large(let b)): __gmpz_cmp(a.pointer, b.pointer) < 0
        // A large value lies outside Int's range, so its sign decides.
        case (.small, .large(let b)): b.signum > 0
        case (.large(let a), .small): a.signum < 0
        }
    }
}

extension BigInteger: CustomStringConvertible {
    /// The value in decimal, with a leading `-` when negative.
    public var description: String {
        switch representation {
        case .small(let value):
            return String(value)
        case .large(let storage):
            // mpz_sizeinbase may overstate by one; +2 for the sign and the terminating NUL.
            let capacity = Int(__gmpz_sizeinbase(storage.pointer, 10)) + 2
            var buffer = [CChar](repeating: 0, count: capacity)
            buffer.withUnsafeMutableBufferPointer { chars in
                _ = __gmpz_get_str(chars.baseAddress, 10, storage.pointer)
            }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
