import Foundation

/// What the processor can run beyond the AVX2/FMA baseline the package is built for.
enum CPUFeatures {
    /// Whether the CPU and OS support AVX-512F, so `DirectConvWide` may run.
    ///
    /// Read once from the OS (Linux lists only features whose register state the kernel
    /// saves). `DIGITSCAN_NO_AVX512=1` turns it off, to compare or to rule it out.
    static let avx512: Bool = {
        if ProcessInfo.processInfo.environment["DIGITSCAN_NO_AVX512"] == "1" { return false }
        #if arch(x86_64) && os(Linux)
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        return flags.split(separator: " ").contains("avx512f")
        #elseif arch(x86_64) && canImport(Darwin)
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        return sysctlbyname("hw.optional.avx512f", &value, &size, nil, 0) == 0 && value == 1
        #else
        return false
        #endif
    }()
}
