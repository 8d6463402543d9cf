/// Returns the heap's free pages to the system: glibc keeps them in each thread's arena otherwise, and
/// a process that scores period after period (`cchc run --since`) grew by what the arenas kept.
func releaseFreedMemory() {
    #if canImport(Glibc)
    _ = glibcMallocTrim(0)
    #endif
}

#if canImport(Glibc)
// glibc's `malloc_trim` (malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
