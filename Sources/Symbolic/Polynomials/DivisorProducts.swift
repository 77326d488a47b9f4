/// The divisors of ∏ fᵢ^mᵢ given its factors: every product ∏ fᵢ^eᵢ with 0 ≤ eᵢ ≤ mᵢ, built
/// from `one` factor by factor (`one` first, then each factor's powers in turn). Nil when there
/// would be more than `limit` of them. An integer's divisors over its prime powers and a
/// polynomial's over its irreducible factors are the same construction.
func divisorProducts<Factor>(
    of factors: [(Factor, Int)], one: Factor, limit: Int, times: (Factor, Factor) -> Factor
) -> [Factor]? {
    var products = [one]
    for (factor, multiplicity) in factors {
        guard products.count * (multiplicity + 1) <= limit else { return nil }
        var next: [Factor] = []
        for divisor in products {
            var power = divisor
            next.append(power)
            for _ in 0..<multiplicity {
                power = times(power, factor)
                next.append(power)
            }
        }
        products = next
    }
    return products
}
