#include "memhint.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

void memhint_large_build(void)
{
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
	static bool done;
	if (done)
		return;
	done = true;
	enum { PAD = 64 << 20, HUGE = 2 << 20 };
	/* everything from one heap that grows 64 MB at a time (address
	 * space only: pages are committed as they are touched) */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 2 * PAD);
	mallopt(M_TOP_PAD, PAD);
	/* more than the heap holds free, so it grows now, by it and PAD */
	char *lo = sbrk(0);
	void *volatile grow = malloc(16 << 20); /* volatile: kept by the compiler */
	free(grow);
	char *hi = sbrk(0);
	uintptr_t a = ((uintptr_t)lo + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
	if (lo != (char *)-1 && hi != (char *)-1 && (uintptr_t)hi > a + HUGE)
		madvise((void *)a, ((uintptr_t)hi - a) & ~(uintptr_t)(HUGE - 1),
			MADV_HUGEPAGE);
#endif
}
