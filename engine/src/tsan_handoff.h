// Debian's oneTBB is not built with ThreadSanitizer, so the happens-before its
// pipeline guarantees is made of atomics TSan cannot see: a token passes from
// one stage to the next, and a serial stage handles one token at a time. These
// annotations state exactly those two guarantees at our stage boundaries and
// nothing more, so TSan still checks everything else our stages share (the
// `tsan` preset, tests/pipeline_race_test.cpp). Elsewhere they are no-ops.
#pragma once

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace paxray::tsan {

/// The stage that now runs saw everything published for `p` before.
inline void acquire([[maybe_unused]] const void* p) {
#if defined(__SANITIZE_THREAD__)
  __tsan_acquire(const_cast<void*>(p));
#endif
}

/// Everything this stage did to `p` is visible to whoever acquires it next.
inline void release([[maybe_unused]] const void* p) {
#if defined(__SANITIZE_THREAD__)
  __tsan_release(const_cast<void*>(p));
#endif
}

}  // namespace paxray::tsan
