/*
 * hugepages.c - ask Linux to back the heap with transparent huge pages.
 *
 * A report is ~10^5 small allocations; on a virtual machine each 4 KiB page fault costs
 * ~10 us, a third of a whole `washboard analyze`. Marking the heap MADV_HUGEPAGE (what
 * glibc's glibc.malloc.hugetlb=1 tunable does) makes it fault in 2 MiB at a time. Purely an
 * optimisation: where it is unsupported nothing changes.
 */
/* NOLINTNEXTLINE(bugprone-reserved-identifier): sbrk and madvise are not in POSIX */
#define _DEFAULT_SOURCE
#include "hugepages.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void hugepages_heap(void)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	void *first;
	uintptr_t start, end;

	/* grow the heap in 8 MiB steps, so that huge pages fit; keep it when freed */
	mallopt(M_TOP_PAD, 8 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	first = malloc(1);
	if (!first)
		return;
	start = ((uintptr_t)first + huge - 1) & ~(huge - 1);
	end = (uintptr_t)sbrk(0);
	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE); /* the heap's later growth keeps it */
	free(first);
#endif
}
