// C runtime headers that Glibc does not expose to Swift.
#ifndef OPSWIKI_CLINUX_SHIM_H
#define OPSWIKI_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <crypt.h>
#endif
