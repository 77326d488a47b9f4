import Exact

/// sin, cos and tan at rational multiples of π, and argument shifts by them.
///
/// An argument `k·π` (k rational) is reduced with the periods and symmetries
/// sin(x + 2π) = sin(x), sin(π - x) = sin(x), sin(x + π) = -sin(x),
/// cos(2π - x) = cos(x), cos(π - x) = -cos(x), tan(x + π) = tan(x),
/// tan(π - x) = -tan(x), to k ∈ [0, 1/2]; then the exact table
///
///     k      0    1/6     1/4     1/3     1/2
///     sin    0    1/2     √2/2    √3/2    1
///     cos    1    √3/2    √2/2    1/2     0
///     tan    0    √3/3    1       √3      undefined
///
/// applies, and other k stay as `sin(k·π)` with k ∈ (0, 1/2).
///
/// An argument `x + k·π` with x free of a π term is shifted by the period into
/// k ∈ (-1, 1] (k ∈ (-1/2, 1/2] for tan) and,
/// at quarter and half turns, by sin(x + π/2) = cos(x), cos(x + π/2) = -sin(x),
/// tan(x + π/2) = -1/tan(x); so sin(x + 2π) = sin(x) and cos(x + π) = -cos(x).
extension Expr {
    /// k when the expression is exactly k·π (including π itself).
    var rationalMultipleOfPi: Rational? {
        switch node {
        case .pi:
            return 1
        case .product(let factors):
            if factors.count == 2, case .number(let k) = factors[0].node, factors[1].node == .pi {
                return k
            }
            return nil
        default:
            return nil
        }
    }

    /// (k, x) with self = x + k·π, x having no π term; nil when there is none.
    var piShift: (Rational, Expr)? {
        guard case .sum(let terms) = node else { return nil }
        for (index, term) in terms.enumerated() {
            if let k = term.rationalMultipleOfPi {
                var rest = terms
                rest.remove(at: index)
                return (k, Expr.sum(rest))
            }
        }
        return nil
    }

    /// f(k·π) for f ∈ {sin, cos, tan}, reduced and from the exact table.
    static func trigonometricValue(_ function: Function, _ k: Rational) -> Expr {
        switch function {
        case .sin:
            var k = k.modulo(2)
            var sign: Rational = 1
            if k >= 1 { k = k - 1; sign = -1 }  // sin(x + π) = -sin(x)
            if k > Rational.oneHalf { k = 1 - k }  // sin(π - x) = sin(x)
            return product([.number(sign), sinTable(k)])
        case .cos:
            var k = k.modulo(2)
            var sign: Rational = 1
            if k > 1 { k = 2 - k }  // cos(2π - x) = cos(x)
            if k > Rational.oneHalf { k = 1 - k; sign = -1 }  // cos(π - x) = -cos(x)
            return product([.number(sign), cosTable(k)])
        case .tan:
            var k = k.modulo(1)
            var sign: Rational = 1
            if k > Rational.oneHalf { k = 1 - k; sign = -1 }  // tan(π - x) = -tan(x)
            return product([.number(sign), tanTable(k)])
        default:
            return Expr(canonical: .apply(function, [product([.number(k), .pi])]))
        }
    }

    private static func sinTable(_ k: Rational) -> Expr {
        switch k {
        case 0: return .zero
        case Rational.oneHalf: return .one
        case Rational.sixth: return .number(Rational.oneHalf)
        case Rational.quarter: return product([.number(Rational.oneHalf), sqrt(Expr(2))])
        case Rational.third: return product([.number(Rational.oneHalf), sqrt(Expr(3))])
        default: return Expr(canonical: .apply(.sin, [product([.number(k), .pi])]))
        }
    }

    private static func cosTable(_ k: Rational) -> Expr {
        switch k {
        case 0: return .one
        case Rational.oneHalf: return .zero
        case Rational.sixth: return product([.number(Rational.oneHalf), sqrt(Expr(3))])
        case Rational.quarter: return product([.number(Rational.oneHalf), sqrt(Expr(2))])
        case Rational.third: return .number(Rational.oneHalf)
        default: return Expr(canonical: .apply(.cos, [product([.number(k), .pi])]))
        }
    }

    private static func tanTable(_ k: Rational) -> Expr {
        switch k {
        case 0: return .zero
        case Rational.oneHalf: return .undefined
        case Rational.sixth: return product([.number(Rational.third), sqrt(Expr(3))])
        case Rational.quarter: return .one
        case Rational.third: return sqrt(Expr(3))
        default: return Expr(canonical: .apply(.tan, [product([.number(k), .pi])]))
        }
    }

    /// f(x + k·π) rewritten by periodicity and quarter turns, or nil.
    static func trigonometricReduction(_ function: Function, _ argument: Expr) -> Expr? {
        guard [.sin, .cos, .tan].contains(function), let (shift, x) = argument.piShift else { return nil }
        let period: Rational = function == .tan ? 1 : 2
        // The shift is reduced into (-period/2, period/2]: sin(x - π/5) stays.
        var k = shift.modulo(period)
        if k > period * Rational.oneHalf { k = k - period }
        switch (function, k) {
        case (_, 0): return apply(function, [x])
        case (.sin, 1): return -apply(.sin, [x])
        case (.cos, 1): return -apply(.cos, [x])
        case (.sin, Rational.oneHalf): return apply(.cos, [x])
        case (.cos, Rational.oneHalf): return -apply(.sin, [x])
        case (.tan, Rational.oneHalf): return -power(apply(.tan, [x]), Rational(-1))
        case (.sin, -Rational.oneHalf): return -apply(.cos, [x])
        case (.cos, -Rational.oneHalf): return apply(.sin, [x])
        default:
            if k == shift { return nil }  // already reduced: keep x + k·π
            return apply(function, [x + product([.number(k), .pi])])
        }
    }
}

extension Rational {
    static let sixth: Rational = (try? Rational(1, 6)) ?? 0
    static let third: Rational = (try? Rational(1, 3)) ?? 0
    static let threeHalves: Rational = (try? Rational(3, 2)) ?? 0

    /// self mod m in [0, m), for m > 0. The quotient may be beyond Int (sin(10^100·π + x)):
    /// taken as an Int, it left such shifts unreduced, and the reduction recursed once per
    /// period until the stack ran out (found by the formula fuzz target).
    func modulo(_ m: Rational) -> Rational {
        guard let quotient = try? self / m else { return self }
        return self - m * Rational(quotient.floor)
    }
}
