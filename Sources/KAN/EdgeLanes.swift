import KANKernels

/// The inner loops of dense cubic layers: over the edges j = 0..<n leaving one input and the
/// samples of a chunk, four edges at a time in vector lanes (module KANKernels, in C).
///
/// Each lane computes exactly what the scalar loop computes for its edge, operation by
/// operation (no fused multiply-adds, no reordering), so results are bit-identical to the
/// scalar code; the one reduction, ∂L/∂x = Σ_j ge_j·φ_j′(x), is still summed edge by edge in
/// order. With c′ the folded coefficients (`Evaluator.foldCoefficients`) of the four nonzero
/// basis functions B₀…B₃ at x (values v, derivatives v′) and b = b(x):
///
///     φ_j  = w_b,j·b  + (((c′₀ⱼ·v₀ + c′₁ⱼ·v₁) + c′₂ⱼ·v₂) + c′₃ⱼ·v₃)
///     φ_j′ = w_b,j·b′ + (((c′₀ⱼ·v₀′ + c′₁ⱼ·v₁′) + c′₂ⱼ·v₂′) + c′₃ⱼ·v₃′)
///
/// The loops exist twice, for the baseline x86-64 and for AVX2 (one 256-bit register per
/// four lanes); `fastest` is chosen once per process from the processor's features, so one
/// build runs everywhere. The two give bit-identical results (`EdgeLanesTests`).
struct EdgeLanes: @unchecked Sendable {
    /// Adds φ_j to the sums of each sample; with edge rows, also stores φ_j there and adds it
    /// to the totals (the chunk's sums of edge outputs for the activation-scale statistics).
    let forward: kan_forward_edges_fn
    /// The backward pass of the same edges: ∂L/∂c′ and ∂L/∂w_b, and with slopes ∂L/∂x.
    let backward: kan_backward_edges_fn
    let usesAVX2: Bool

    /// Loops for the baseline instruction set: they run on every processor.
    static let portable = EdgeLanes(
        forward: kan_forward_edges_portable, backward: kan_backward_edges_portable, usesAVX2: false)

    /// Loops for AVX2, when this processor (and its operating system) supports it.
    static let avx2: EdgeLanes? = kan_kernels_have_avx2() != 0
        ? EdgeLanes(forward: kan_forward_edges_avx2, backward: kan_backward_edges_avx2, usesAVX2: true)
        : nil

    /// The loops the evaluator uses.
    static let fastest = avx2 ?? portable
}
