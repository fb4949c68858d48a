#include "core/common/allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace vigil {

void tuneAllocatorForStreaming()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

} // namespace vigil
