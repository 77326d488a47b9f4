import Foundation

// Folding w_s into the spline coefficients before a pass, and unfolding the gradient after.
extension Evaluator {
    /// c′ = w_s·c for every spline-only cubic layer, in θ's coefficient layout.
    func foldCoefficients(_ theta: UnsafePointer<Double>) {
        for plan in plans where plan.denseCubic {
            let nSub = plan.subnodes, nb = plan.basisCount
            let c = theta + plan.offsets.coefficients
            let ws = theta + plan.offsets.scaleSpline
            let folded = self.folded + plan.offsets.coefficients
            for i in 0..<plan.inputs {
                for m in 0..<nb {
                    let row = (i * nb + m) * nSub
                    for j in 0..<nSub { folded[row + j] = ws[i * nSub + j] * c[row + j] }
                }
            }
            guard plan.piecewise else { continue }
            // P[i, μ, p] = Σ_r c′_{μ−3+r}·A[μ, r, p] (one sub-node: c′ row m is folded[i·nb + m]).
            let intervals = CubicPieces.intervalCount(gridSize: plan.gridSize)
            for i in 0..<plan.inputs {
                let basis = plan.basisPieces + i * intervals * 16
                let pieces = splinePieces + plan.piecesOffset + i * intervals * 4
                let row = folded + i * nb
                for mu in 0..<intervals {
                    var p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0
                    for r in 0..<4 {
                        let m = mu - 3 + r
                        guard m >= 0 && m < nb else { continue }
                        let a = basis + 16 * mu + 4 * r
                        let cm = row[m]
                        p0 += cm * a[0]; p1 += cm * a[1]; p2 += cm * a[2]; p3 += cm * a[3]
                    }
                    let piece = pieces + 4 * mu
                    piece[0] = p0; piece[1] = p1; piece[2] = p2; piece[3] = p3
                }
            }
        }
    }

    /// Turns the reduced ∂L/∂c′ of spline-only cubic layers into ∂L/∂c and ∂L/∂w_s.
    func unfoldGradient(_ theta: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>) {
        for plan in plans where plan.denseCubic {
            let nSub = plan.subnodes, nb = plan.basisCount
            let c = theta + plan.offsets.coefficients
            let ws = theta + plan.offsets.scaleSpline
            let gC = g + plan.offsets.coefficients
            let gWs = g + plan.offsets.scaleSpline
            for i in 0..<plan.inputs {
                for m in 0..<nb {
                    let row = (i * nb + m) * nSub
                    for j in 0..<nSub {
                        let gFolded = gC[row + j]
                        gWs[i * nSub + j] += c[row + j] * gFolded
                        gC[row + j] = ws[i * nSub + j] * gFolded
                    }
                }
            }
        }
    }
}
