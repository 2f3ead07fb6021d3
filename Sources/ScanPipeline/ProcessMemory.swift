#if canImport(Glibc)
/// glibc's `mallopt`, which its Swift module does not export.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// How the process's allocator treats the large buffers segmentation makes per page.
public enum ProcessMemory {
    /// Keeps freed memory in the process for the next page instead of returning it to the
    /// system: each stage of an A4 page allocates and frees buffers of about 9 MB, and glibc
    /// by default maps each afresh and unmaps it on free, so every page paid its page faults
    /// again (9 % of its time). Allocations up to 32 MB (glibc's upper limit for this
    /// setting) then come from the heap, and up to 256 MB of free heap is kept; peak memory
    /// is unchanged. Process-wide, so only the command-line tool calls it, at start. No effect
    /// away from glibc.
    public static func keepFreedBuffers() {
        #if canImport(Glibc)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD (malloc.h)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 256 << 20)
        #endif
    }
}
