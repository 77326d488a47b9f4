// The inner loops of dense cubic KAN layers, compiled twice: for the baseline x86-64 and
// for AVX2 (chosen at run time by `kan_kernels_have_avx2`), so that one build runs on any
// x86-64 and uses 256-bit registers where the processor has them.
//
// Both versions do the same IEEE operations in the same order (no contraction into fused
// multiply-adds, no reassociation), so their results are bit-identical; Sources/KAN/
// EdgeLanes.swift documents what they compute and calls them.
#ifndef KAN_KERNELS_H
#define KAN_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The forward pass of the `n` edges leaving one input, over `count` samples.
///
/// For sample s (0 ≤ s < count): v = values + 4s, b = base[s], and c′ rows
/// rows + starts[s]·n … rows + (starts[s] + 3)·n; adds φ_j to sums[s·n + j] and, when
/// `edges` is non-null, stores φ_j in edges[s·n + j] and adds it to totals[j].
typedef void (*kan_forward_edges_fn)(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals);

/// The backward pass of the same edges over `count` samples.
///
/// For sample s: ge_j = outputGradient[s·n + j] (+ alpha_j·(edges[s·n + j] − means_j) when
/// `edges` is non-null); adds ge_j·v_r to gradientRows[(starts[s] + r)·n + j] and ge_j·b to
/// wbGradient[j]. When `slopes` is non-null (layers whose inputs need a gradient), stores
/// Σ_j ge_j·φ_j′ (+ beta·(x − meanX) when `edges` is non-null) at inputGradient[s·stride],
/// with x = inputs[s·stride] and φ_j′ from slopes + 4s and baseSlopes[s].
typedef void (*kan_backward_edges_fn)(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient);

void kan_forward_edges_portable(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals);
void kan_backward_edges_portable(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient);

/// The AVX2 versions; call them only when `kan_kernels_have_avx2()` is 1 (on other
/// architectures they are the portable versions).
void kan_forward_edges_avx2(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals);
void kan_backward_edges_avx2(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient);

/// 1 when the processor and the operating system support AVX2 (and the AVX registers'
/// state is saved on context switches), else 0.
int kan_kernels_have_avx2(void);

#ifdef __cplusplus
}
#endif

#endif
