/// An orthonormal basis of sample columns, built one column at a time by modified
/// Gram–Schmidt (twice, for accuracy): what the periodograms (`AngularFrequency`,
/// `GrowthRate`) fit trends, waves and exponentials with, and take residuals against.
struct OrthonormalBasis {
    var vectors: [[Double]] = []

    /// `column` minus its projection on every vector of the basis.
    func orthogonal(_ column: [Double]) -> [Double] {
        var column = column
        for _ in 0..<2 {
            for b in vectors {
                let projection = Self.dot(column, b)
                for k in column.indices { column[k] -= projection * b[k] }
            }
        }
        return column
    }

    /// Adds the part of `column` orthogonal to the basis, normalised; nothing when that part
    /// is below 10⁻⁹ of a unit column of its length (dependent) or not finite.
    mutating func append(_ column: [Double]) {
        let rest = orthogonal(column)
        let norm = Self.dot(rest, rest).squareRoot()
        guard norm.isFinite, norm > 1e-9 * Double(rest.count).squareRoot() else { return }
        vectors.append(rest.map { $0 / norm })
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
}
