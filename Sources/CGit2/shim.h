// libgit2 (and the zlib it links) for Swift: the headers plus fixed-arity wrappers of variadic calls.
#ifndef OPSWIKI_CGIT2_SHIM_H
#define OPSWIKI_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/commit_graph.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/email.h>
#include <git2/sys/alloc.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/// git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled)
static inline int cgit2_set_owner_validation(int enabled) { return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled); }
/// git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes)
static inline int cgit2_set_cache_max_size(ssize_t bytes) { return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes); }
/// git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes)
static inline int cgit2_set_cache_object_limit(git_object_t type, size_t bytes) { return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes); }
/// git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled): fsync objects and refs before a write returns.
static inline int cgit2_set_fsync_gitdir(int enabled) { return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled); }
/// git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes): how much of a pack file one mapping covers.
static inline int cgit2_set_mwindow_size(size_t bytes) { return git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes); }
/// git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes): the most pack bytes mapped at once (older windows are unmapped).
static inline int cgit2_set_mwindow_mapped_limit(size_t bytes) { return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes); }
// A counting allocator for libgit2: the same malloc, plus a count of the bytes libgit2 holds, so /metrics
// can report what its caches really cost (libgit2's own figure counts raw object bytes, a third of it).
// The counter is weak, not static: Swift compiles this header's functions into every object file that uses
// them (release builds inline across files), and the linker must merge the copies into one counter.
__attribute__((weak)) _Atomic long cgit2_heap_counter = 0;
static inline void *cgit2_counted(void *p) {
    if (p) atomic_fetch_add_explicit(&cgit2_heap_counter, (long)malloc_usable_size(p), memory_order_relaxed);
    return p;
}
static inline void cgit2_uncount(void *p) {
    if (p) atomic_fetch_sub_explicit(&cgit2_heap_counter, (long)malloc_usable_size(p), memory_order_relaxed);
}
static void *cgit2_gmalloc(size_t n, const char *file, int line) { (void)file; (void)line; return cgit2_counted(malloc(n)); }
static void *cgit2_gcalloc(size_t count, size_t size, const char *file, int line) { (void)file; (void)line; return cgit2_counted(calloc(count, size)); }
static char *cgit2_gsubstrdup(const char *s, size_t n, const char *file, int line) {
    (void)file; (void)line;
    if (n == SIZE_MAX) return NULL;
    char *copy = (char *)cgit2_counted(malloc(n + 1));
    if (copy) { memcpy(copy, s, n); copy[n] = 0; }
    return copy;
}
static char *cgit2_gstrdup(const char *s, const char *file, int line) { return cgit2_gsubstrdup(s, strlen(s), file, line); }
static char *cgit2_gstrndup(const char *s, size_t n, const char *file, int line) { return cgit2_gsubstrdup(s, strnlen(s, n), file, line); }
static void *cgit2_grealloc(void *p, size_t size, const char *file, int line) {
    (void)file; (void)line;
    size_t before = p ? malloc_usable_size(p) : 0;
    void *moved = realloc(p, size);
    // realloc(p, 0) frees p and returns NULL; a failed realloc leaves p as it was.
    if (!moved) {
        if (size == 0) atomic_fetch_sub_explicit(&cgit2_heap_counter, (long)before, memory_order_relaxed);
        return NULL;
    }
    atomic_fetch_add_explicit(&cgit2_heap_counter, (long)malloc_usable_size(moved) - (long)before, memory_order_relaxed);
    return moved;
}
static void *cgit2_greallocarray(void *p, size_t count, size_t size, const char *file, int line) {
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) return NULL;
    return cgit2_grealloc(p, total, file, line);
}
static void *cgit2_gmallocarray(size_t count, size_t size, const char *file, int line) { return cgit2_greallocarray(NULL, count, size, file, line); }
static void cgit2_gfree(void *p) { cgit2_uncount(p); free(p); }
/// Makes libgit2 allocate through the counting allocator; call before git_libgit2_init (libgit2 keeps an
/// allocator set before its initialisation).
static inline int cgit2_install_counting_allocator(void) {
    git_allocator allocator = { cgit2_gmalloc, cgit2_gcalloc, cgit2_gstrdup, cgit2_gstrndup, cgit2_gsubstrdup,
                                cgit2_grealloc, cgit2_greallocarray, cgit2_gmallocarray, cgit2_gfree };
    return git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &allocator);
}
/// The bytes libgit2 holds now, by the counting allocator (0 before it was installed).
static inline long cgit2_heap_bytes(void) {
    long bytes = atomic_load_explicit(&cgit2_heap_counter, memory_order_relaxed);
    return bytes > 0 ? bytes : 0;
}
/// inflateInit2 without the version macro (Swift cannot call the macro).
static inline int cgit2_inflate_init_gzip(z_stream *stream) { return inflateInit2(stream, 15 + 16); }
/// deflateInit2 producing gzip framing.
static inline int cgit2_deflate_init_gzip(z_stream *stream, int level) { return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY); }
#endif
