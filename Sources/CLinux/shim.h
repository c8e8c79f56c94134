// C runtime headers that Glibc does not expose to Swift.
#ifndef OPSWIKI_CLINUX_SHIM_H
#define OPSWIKI_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <crypt.h>
#include <zlib.h>

/// inflateInit2 for gzip framing, without the version macro (Swift cannot call the macro).
static inline int clinux_inflate_init_gzip(z_stream *stream) { return inflateInit2(stream, 15 + 16); }
#endif
