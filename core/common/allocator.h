// Allocator tuning for processes that stream: call once at the start of main().
#pragma once

namespace vigil {

// Stream sources allocate and free batch buffers of about 1 MiB many times a second on
// several threads. With glibc's defaults each such buffer may be a fresh mmap() whose
// pages the kernel zeroes on first touch, and freed heap tops are trimmed and faulted in
// again. This keeps buffers of up to 16 MiB in the heap and trims only above 64 MiB of
// free space at the top. No effect on other C libraries.
void tuneAllocatorForStreaming();

} // namespace vigil
