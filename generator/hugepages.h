/* hugepages.h - an optimisation of the heap's page faults (Linux; a no-op elsewhere). */
#ifndef WB_HUGEPAGES_H
#define WB_HUGEPAGES_H

/** Back the heap with transparent huge pages where the system allows it; call at start. */
void hugepages_heap(void);

#endif
