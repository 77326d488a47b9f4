/// The inner loops of dense cubic layers over the edges j = 0..<n leaving one input, for one
/// sample, four edges at a time in `SIMD4<Double>` lanes.
///
/// Each lane computes exactly what the scalar loop computes for its edge, operation by
/// operation (Swift never fuses or reorders floating-point operations), so results are
/// bit-identical to the scalar code; the one reduction, ∂L/∂x = Σ_j ge_j·φ_j′(x), is still
/// summed edge by edge in order. LLVM does not vectorise these loops by itself: the
/// reduction, and the many rows that could alias, stop it.
///
/// With c′ the folded coefficients (`Evaluator.foldCoefficients`) of the four nonzero basis
/// functions B₀…B₃ at x (values v, derivatives v′) and b = b(x):
///
///     φ_j  = w_b,j·b  + (((c′₀ⱼ·v₀ + c′₁ⱼ·v₁) + c′₂ⱼ·v₂) + c′₃ⱼ·v₃)
///     φ_j′ = w_b,j·b′ + (((c′₀ⱼ·v₀′ + c′₁ⱼ·v₁′) + c′₂ⱼ·v₂′) + c′₃ⱼ·v₃′)
enum EdgeLanes {
    typealias Lane = SIMD4<Double>

    @inline(__always) static func load(_ p: UnsafePointer<Double>) -> Lane {
        UnsafeRawPointer(p).loadUnaligned(as: Lane.self)
    }

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Double>) -> Lane {
        UnsafeRawPointer(p).loadUnaligned(as: Lane.self)
    }

    @inline(__always) static func store(_ value: Lane, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: Lane.self)
    }

    /// Adds φ_j to `sums[j]`; with `edges`, also stores φ_j there and adds it to `totals[j]`
    /// (the chunk's sums of edge outputs for the activation-scale statistics).
    ///
    /// `rows` points at c′ of the first nonzero basis function; the next three follow at
    /// strides of `n`.
    @inline(__always) static func forward(
        _ n: Int, wb: UnsafePointer<Double>, b: Double, rows: UnsafePointer<Double>,
        v0: Double, v1: Double, v2: Double, v3: Double,
        sums: UnsafeMutablePointer<Double>, edges: UnsafeMutablePointer<Double>?, totals: UnsafeMutablePointer<Double>?
    ) {
        let c0 = rows, c1 = rows + n, c2 = rows + 2 * n, c3 = rows + 3 * n
        var j = 0
        while j + 4 <= n {
            let out = load(wb + j) * b + (load(c0 + j) * v0 + load(c1 + j) * v1 + load(c2 + j) * v2 + load(c3 + j) * v3)
            store(load(sums + j) + out, sums + j)
            if let edges, let totals {
                store(out, edges + j)
                store(load(totals + j) + out, totals + j)
            }
            j += 4
        }
        while j < n {
            let out = wb[j] * b + (c0[j] * v0 + c1[j] * v1 + c2[j] * v2 + c3[j] * v3)
            sums[j] += out
            if let edges, let totals {
                edges[j] = out
                totals[j] += out
            }
            j += 1
        }
    }

    /// The backward pass of the same edges: with ge_j = ∂L/∂φ_j (plus, with `edges`, the
    /// activation-scale term α_j·(φ_j − mean_j)), adds ge_j·v_r to the coefficient rows
    /// ∂L/∂c′_r (`gradientRows`, at strides of `n`) and ge_j·b to ∂L/∂w_b; with `slopes`
    /// (v′ and b′, for layers whose inputs need a gradient) returns Σ_j ge_j·φ_j′, else 0.
    @inline(__always) static func backward(
        _ n: Int, outputGradient: UnsafePointer<Double>,
        alpha: UnsafePointer<Double>, edges: UnsafePointer<Double>?, means: UnsafePointer<Double>,
        v0: Double, v1: Double, v2: Double, v3: Double, b: Double,
        gradientRows: UnsafeMutablePointer<Double>, wbGradient: UnsafeMutablePointer<Double>,
        slopes: (wb: UnsafePointer<Double>, rows: UnsafePointer<Double>, d0: Double, d1: Double, d2: Double, d3: Double, db: Double)?
    ) -> Double {
        let g0 = gradientRows, g1 = gradientRows + n, g2 = gradientRows + 2 * n, g3 = gradientRows + 3 * n
        var gx = 0.0
        var j = 0
        while j + 4 <= n {
            var ge = load(outputGradient + j)
            if let edges { ge = ge + load(alpha + j) * (load(edges + j) - load(means + j)) }
            store(load(g0 + j) + ge * v0, g0 + j)
            store(load(g1 + j) + ge * v1, g1 + j)
            store(load(g2 + j) + ge * v2, g2 + j)
            store(load(g3 + j) + ge * v3, g3 + j)
            store(load(wbGradient + j) + ge * b, wbGradient + j)
            if let slopes {
                let c0 = slopes.rows, c1 = c0 + n, c2 = c0 + 2 * n, c3 = c0 + 3 * n
                let term = ge * (load(slopes.wb + j) * slopes.db
                    + (load(c0 + j) * slopes.d0 + load(c1 + j) * slopes.d1 + load(c2 + j) * slopes.d2 + load(c3 + j) * slopes.d3))
                gx += term[0]
                gx += term[1]
                gx += term[2]
                gx += term[3]
            }
            j += 4
        }
        while j < n {
            var ge = outputGradient[j]
            if let edges { ge = ge + alpha[j] * (edges[j] - means[j]) }
            g0[j] += ge * v0; g1[j] += ge * v1; g2[j] += ge * v2; g3[j] += ge * v3
            wbGradient[j] += ge * b
            if let slopes {
                let c0 = slopes.rows, c1 = c0 + n, c2 = c0 + 2 * n, c3 = c0 + 3 * n
                gx += ge * (slopes.wb[j] * slopes.db + (c0[j] * slopes.d0 + c1[j] * slopes.d1 + c2[j] * slopes.d2 + c3[j] * slopes.d3))
            }
            j += 1
        }
        return gx
    }
}
