import CGMP

/// Ring operations: `+`, `-`, `*` and negation.
///
/// Each tries the overflow-reporting `Int` operation first and redoes the work in GMP only
/// when it overflows.
extension BigInteger {
    public static func + (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        if case .small(let a) = lhs.representation, case .small(let b) = rhs.representation {
            let (sum, overflow) = a.addingReportingOverflow(b)
            if !overflow { return BigInteger(sum) }
        }
        return lhs.withMPZ { a in rhs.withMPZ { b in computing { __gmpz_add($0, a, b) } } }
    }

    public static func - (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        if case .small(let a) = lhs.representation, case .small(let b) = rhs.representation {
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if !overflow { return BigInteger(difference) }
        }
        return lhs.withMPZ { a in rhs.withMPZ { b in computing { __gmpz_sub($0, a, b) } } }
    }

    public static func * (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        if case .small(let a) = lhs.representation, case .small(let b) = rhs.representation {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if !overflow { return BigInteger(product) }
        }
        return lhs.withMPZ { a in rhs.withMPZ { b in computing { __gmpz_mul($0, a, b) } } }
    }

    public static prefix func - (operand: BigInteger) -> BigInteger {
        if case .small(let a) = operand.representation, a != Int.min {
            return BigInteger(-a)
        }
        return operand.withMPZ { a in computing { __gmpz_neg($0, a) } }
    }

    public static prefix func + (operand: BigInteger) -> BigInteger { operand }

    public static func += (lhs: inout BigInteger, rhs: BigInteger) { lhs = lhs + rhs }
    public static func -= (lhs: inout BigInteger, rhs: BigInteger) { lhs = lhs - rhs }
    public static func *= (lhs: inout BigInteger, rhs: BigInteger) { lhs = lhs * rhs }

    /// `self · 2^shift` for `shift ≥ 0`: used to build exact values of `Double`s.
    func multipliedByPowerOfTwo(_ shift: Int) -> BigInteger {
        precondition(shift >= 0, "internal: negative shift")
        return withMPZ { a in BigInteger.computing { __gmpz_mul_2exp($0, a, mp_bitcnt_t(shift)) } }
    }
}
