// libgit2 (and the zlib it links) for Swift: the headers plus fixed-arity wrappers of variadic calls.
#ifndef OPSWIKI_CGIT2_SHIM_H
#define OPSWIKI_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/commit_graph.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/email.h>
#include <zlib.h>

/// git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled)
static inline int cgit2_set_owner_validation(int enabled) { return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled); }
/// git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes)
static inline int cgit2_set_cache_max_size(ssize_t bytes) { return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes); }
/// git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &current, &allowed): bytes in libgit2's object caches now.
static inline ssize_t cgit2_cached_memory(void) { ssize_t current = 0, allowed = 0; git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &current, &allowed); return current; }
/// git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes)
static inline int cgit2_set_cache_object_limit(git_object_t type, size_t bytes) { return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes); }
/// git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled): fsync objects and refs before a write returns.
static inline int cgit2_set_fsync_gitdir(int enabled) { return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled); }
/// git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes): how much of a pack file one mapping covers.
static inline int cgit2_set_mwindow_size(size_t bytes) { return git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes); }
/// git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes): the most pack bytes mapped at once (older windows are unmapped).
static inline int cgit2_set_mwindow_mapped_limit(size_t bytes) { return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes); }
/// inflateInit2 without the version macro (Swift cannot call the macro).
static inline int cgit2_inflate_init_gzip(z_stream *stream) { return inflateInit2(stream, 15 + 16); }
/// deflateInit2 producing gzip framing.
static inline int cgit2_deflate_init_gzip(z_stream *stream, int level) { return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY); }
#endif
