// C runtime headers that Glibc does not expose to Swift.
#ifndef OPSWIKI_CLINUX_SHIM_H
#define OPSWIKI_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <crypt.h>
#include <zlib.h>
#include <sys/resource.h>
#include <malloc.h>
#include <sys/syscall.h>
#include <unistd.h>

/// inflateInit2 for gzip framing, without the version macro (Swift cannot call the macro).
static inline int clinux_inflate_init_gzip(z_stream *stream) { return inflateInit2(stream, 15 + 16); }

/// Lowers the calling thread's CPU priority by `increment` nice steps (Linux niceness is per thread,
/// addressed by its kernel thread id; Swift cannot call the variadic syscall()). Returns setpriority's result.
static inline int clinux_nice_current_thread(int increment) {
    pid_t tid = (pid_t)syscall(SYS_gettid);
    return setpriority(PRIO_PROCESS, (id_t)tid, getpriority(PRIO_PROCESS, (id_t)tid) + increment);
}

/// syncfs(fd): writes back every dirty page and inode of the filesystem holding `fd` and waits for it
/// (the glibc declaration needs _GNU_SOURCE, which Swift's Glibc module does not set).
static inline int clinux_syncfs(int fd) { return (int)syscall(SYS_syncfs, fd); }
#endif
