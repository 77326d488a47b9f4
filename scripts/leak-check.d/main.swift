// Leak check for the Exact module: performs N mixed BigInteger/Rational operations on
// values held in GMP storage and counts GMP's live allocations through
// mp_set_memory_functions. Every mpz_t that a deinit forgets to clear stays counted.
// Built and run by scripts/leak-check; exits 1 on a leak.
#if canImport(Glibc)
import Glibc
#endif
import CGMP
import Exact

nonisolated(unsafe) var liveBlocks = 0
nonisolated(unsafe) var allocations = 0

__gmp_set_memory_functions(
    { size in
        liveBlocks += 1
        allocations += 1
        return malloc(size)
    },
    { pointer, _, newSize in
        if pointer == nil { liveBlocks += 1; allocations += 1 }
        return realloc(pointer, newSize)
    },
    { pointer, _ in
        if pointer != nil { liveBlocks -= 1 }
        free(pointer)
    })

/// The workload: 8 operations per iteration, on values beyond Int so each result is an mpz_t.
func workload(iterations: Int) throws -> Int {
    let big = try BigInteger(parsing: "123456789012345678901234567890")
    let threeFifths = try Rational(3, 5)
    var a = big
    var checksum = 0
    for i in 0..<iterations {
        let k = BigInteger(i + 1)
        a = a * k + big
        a = try a / k - 1
        let x = try Rational(a, k + big)
        let y = x * threeFifths - x
        checksum &+= y.signum()
    }
    // A few one-off shapes: parsing, printing, powers, conversions, approximation.
    let f = try BigInteger(7).power(300)
    checksum &+= f.description.count + (try Rational(parsing: "-12345678901234567890123/77")).description.count
    checksum &+= Int(Double(try Rational(f, f + 1)) * 10)
    checksum &+= Rational.approximating(3.14159265358979, tolerance: 1e-12)?.signum() ?? 0
    checksum &+= Rational(exactly: 1e300)?.signum() ?? 0
    return checksum
}

let operations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let before = liveBlocks
let checksum = try workload(iterations: operations / 8)
let leaked = liveBlocks - before
print("operations: \(operations / 8 * 8), GMP allocations: \(allocations), still live afterwards: \(leaked) (checksum \(checksum))")
exit(leaked == 0 ? 0 : 1)
