// The loops of KANKernels.h. Each body is written once (`forward_edges`, `backward_edges`)
// and inlined into two entry points: one compiled for the baseline instruction set, one
// with `target("avx2,fma")`, where a four-lane vector is one 256-bit register.
//
// The results of the two are bit-identical, and equal to the scalar loop's: contraction
// of a·b + c into a fused multiply-add is off in this file, the compiler does not
// reassociate floating-point arithmetic, and the one reduction (Σ_j ge_j·φ_j′) is summed
// edge by edge in order.
#include "KANKernels.h"

#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

// Four doubles, loaded and stored at any 8-byte alignment.
typedef double lane __attribute__((vector_size(32), aligned(8), may_alias));

#define LANE(p) (*(const lane *)(p))
#define LANE_AT(p) (*(lane *)(p))

// `withEdges` and `withSlopes` are constants at every call (see `forward_edges` and
// `backward_edges`), so that each combination compiles to loops without those branches.
static inline __attribute__((always_inline)) void forward_loop(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals,
    const int withEdges)
{
    for (long s = 0; s < count; s++) {
        const double *v = values + 4 * s;
        const double v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3];
        const double b = base[s];
        const double *c0 = rows + (long)starts[s] * n, *c1 = c0 + n, *c2 = c0 + 2 * n, *c3 = c0 + 3 * n;
        double *sum = sums + s * n;
        double *edge = withEdges ? edges + s * n : 0;
        long j = 0;
        for (; j + 4 <= n; j += 4) {
            const lane out = LANE(wb + j) * b
                + (((LANE(c0 + j) * v0 + LANE(c1 + j) * v1) + LANE(c2 + j) * v2) + LANE(c3 + j) * v3);
            LANE_AT(sum + j) = LANE(sum + j) + out;
            if (withEdges) {
                LANE_AT(edge + j) = out;
                LANE_AT(totals + j) = LANE(totals + j) + out;
            }
        }
        for (; j < n; j++) {
            const double out = wb[j] * b + (((c0[j] * v0 + c1[j] * v1) + c2[j] * v2) + c3[j] * v3);
            sum[j] += out;
            if (withEdges) {
                edge[j] = out;
                totals[j] += out;
            }
        }
    }
}

static inline __attribute__((always_inline)) void forward_edges(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals)
{
    if (edges) forward_loop(n, count, wb, rows, starts, values, base, sums, edges, totals, 1);
    else forward_loop(n, count, wb, rows, starts, values, base, sums, 0, 0, 0);
}

static inline __attribute__((always_inline)) void backward_loop(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient, const int withEdges, const int withSlopes)
{
    for (long s = 0; s < count; s++) {
        const double *v = values + 4 * s;
        const double v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3];
        const double b = base[s];
        const long start = (long)starts[s] * n;
        const double *c0 = rows + start, *c1 = c0 + n, *c2 = c0 + 2 * n, *c3 = c0 + 3 * n;
        double *g0 = gradientRows + start, *g1 = g0 + n, *g2 = g0 + 2 * n, *g3 = g0 + 3 * n;
        const double *og = outputGradient + s * n;
        const double *edge = withEdges ? edges + s * n : 0;
        double d0 = 0, d1 = 0, d2 = 0, d3 = 0, db = 0;
        if (withSlopes) {
            const double *d = slopes + 4 * s;
            d0 = d[0]; d1 = d[1]; d2 = d[2]; d3 = d[3];
            db = baseSlopes[s];
        }
        double gx = 0.0;
        long j = 0;
        for (; j + 4 <= n; j += 4) {
            lane ge = LANE(og + j);
            if (withEdges) ge = ge + LANE(alpha + j) * (LANE(edge + j) - LANE(means + j));
            LANE_AT(g0 + j) = LANE(g0 + j) + ge * v0;
            LANE_AT(g1 + j) = LANE(g1 + j) + ge * v1;
            LANE_AT(g2 + j) = LANE(g2 + j) + ge * v2;
            LANE_AT(g3 + j) = LANE(g3 + j) + ge * v3;
            LANE_AT(wbGradient + j) = LANE(wbGradient + j) + ge * b;
            if (withSlopes) {
                const lane term = ge * (LANE(wb + j) * db
                    + (((LANE(c0 + j) * d0 + LANE(c1 + j) * d1) + LANE(c2 + j) * d2) + LANE(c3 + j) * d3));
                gx += term[0];
                gx += term[1];
                gx += term[2];
                gx += term[3];
            }
        }
        for (; j < n; j++) {
            double ge = og[j];
            if (withEdges) ge = ge + alpha[j] * (edge[j] - means[j]);
            g0[j] += ge * v0; g1[j] += ge * v1; g2[j] += ge * v2; g3[j] += ge * v3;
            wbGradient[j] += ge * b;
            if (withSlopes) gx += ge * (wb[j] * db + (((c0[j] * d0 + c1[j] * d1) + c2[j] * d2) + c3[j] * d3));
        }
        if (withSlopes) {
            if (withEdges) gx += beta * (inputs[s * stride] - meanX);
            inputGradient[s * stride] = gx;
        }
    }
}

static inline __attribute__((always_inline)) void backward_edges(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient)
{
#define KAN_BACKWARD(E, S) backward_loop(n, count, outputGradient, alpha, edges, means, starts, values, base, wb, rows, \
    gradientRows, wbGradient, slopes, baseSlopes, inputs, stride, beta, meanX, inputGradient, E, S)
    if (edges && slopes) KAN_BACKWARD(1, 1);
    else if (edges) KAN_BACKWARD(1, 0);
    else if (slopes) KAN_BACKWARD(0, 1);
    else KAN_BACKWARD(0, 0);
#undef KAN_BACKWARD
}

void kan_forward_edges_portable(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals)
{
    forward_edges(n, count, wb, rows, starts, values, base, sums, edges, totals);
}

void kan_backward_edges_portable(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient)
{
    backward_edges(n, count, outputGradient, alpha, edges, means, starts, values, base, wb, rows,
                   gradientRows, wbGradient, slopes, baseSlopes, inputs, stride, beta, meanX, inputGradient);
}

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

__attribute__((target("avx2,fma"))) void kan_forward_edges_avx2(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals)
{
    forward_edges(n, count, wb, rows, starts, values, base, sums, edges, totals);
}

__attribute__((target("avx2,fma"))) void kan_backward_edges_avx2(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient)
{
    backward_edges(n, count, outputGradient, alpha, edges, means, starts, values, base, wb, rows,
                   gradientRows, wbGradient, slopes, baseSlopes, inputs, stride, beta, meanX, inputGradient);
}

int kan_kernels_have_avx2(void)
{
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((c & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    // The operating system saves the SSE and AVX register state (XCR0 bits 1 and 2).
    unsigned int xcr0, xcr0High;
    __asm__ volatile("xgetbv" : "=a"(xcr0), "=d"(xcr0High) : "c"(0));
    if ((xcr0 & 6u) != 6u) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) != 0;  // AVX2
}
#else
void kan_forward_edges_avx2(
    long n, long count, const double *wb, const double *rows, const int32_t *starts,
    const double *values, const double *base, double *sums, double *edges, double *totals)
{
    forward_edges(n, count, wb, rows, starts, values, base, sums, edges, totals);
}

void kan_backward_edges_avx2(
    long n, long count, const double *outputGradient, const double *alpha, const double *edges,
    const double *means, const int32_t *starts, const double *values, const double *base,
    const double *wb, const double *rows, double *gradientRows, double *wbGradient,
    const double *slopes, const double *baseSlopes, const double *inputs, long stride,
    double beta, double meanX, double *inputGradient)
{
    backward_edges(n, count, outputGradient, alpha, edges, means, starts, values, base, wb, rows,
                   gradientRows, wbGradient, slopes, baseSlopes, inputs, stride, beta, meanX, inputGradient);
}

int kan_kernels_have_avx2(void) { return 0; }
#endif
