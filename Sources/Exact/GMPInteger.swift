import CGMP

/// A heap-owned GMP integer (`mpz_t`): the storage of a ``BigInteger`` that does not fit in `Int`.
///
/// An instance is written once, by the GMP call that computes it, and never mutated
/// afterwards; every arithmetic result gets a fresh instance. Sharing one between values
/// (and threads) is therefore safe without copy-on-write, which is why the class is
/// `@unchecked Sendable`. The `mpz_t` lives at a stable heap address (no exclusivity
/// checks on a stored struct) and is cleared in `deinit`.
final class GMPInteger: @unchecked Sendable {
    /// The GMP value; read-only once the initialiser's caller has filled it.
    let pointer: UnsafeMutablePointer<__mpz_struct>

    /// A new zero, to be overwritten by the GMP call that produces a result.
    init() {
        pointer = .allocate(capacity: 1)
        __gmpz_init(pointer)
    }

    /// A new GMP integer holding `value`.
    init(_ value: Int) {
        pointer = .allocate(capacity: 1)
        __gmpz_init_set_si(pointer, value)
    }

    /// A new GMP integer holding `value`.
    init(unsigned value: UInt) {
        pointer = .allocate(capacity: 1)
        __gmpz_init_set_ui(pointer, value)
    }

    deinit {
        __gmpz_clear(pointer)
        pointer.deallocate()
    }

    /// -1, 0 or 1: GMP keeps the sign in the sign of `_mp_size` (the `mpz_sgn` macro).
    var signum: Int { Int(pointer.pointee._mp_size.signum()) }
}
