/* memhint: tell glibc and Linux how a large build uses memory.
 * Owns: malloc tuning and the heap's huge-page advice, process-wide.
 * Must not: allocate anything that outlives the call. */
#ifndef BAOCAO_MEMHINT_H
#define BAOCAO_MEMHINT_H

/* A build of a large document (hundreds of KB of Markdown) touches tens
 * of MB once; faulting them in 4 KB pages costs as much as the layout.
 * Grow the heap in large steps and ask for transparent huge pages on it
 * (where the kernel honours madvise). Small builds are faster without:
 * a 2 MB page costs more to clear than the few 4 KB pages they touch.
 * Idempotent; a no-op outside glibc on Linux. */
void memhint_large_build(void);

#endif
