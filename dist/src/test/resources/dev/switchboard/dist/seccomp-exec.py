"""Runs a command under a system call allow list, as systemd's SystemCallFilter= does.

usage: seccomp-exec.py ALLOWED ERRNO COMMAND [ARG...]
ALLOWED is a file with one system call name per line; any other call fails with errno ERRNO
(SystemCallErrorNumber=), or kills the process when ERRNO is "kill" (systemd's default). Only the
native architecture's calls are allowed (SystemCallArchitectures=native). The filter is built with
libseccomp, as systemd builds it, through ctypes; loading it sets no_new_privs (NoNewPrivileges=).
Exits 3 printing "unsupported: <reason>" when libseccomp or seccomp is not available.
"""
import ctypes
import errno
import os
import sys

SCMP_ACT_KILL_PROCESS = 0x80000000
SCMP_ACT_ALLOW = 0x7FFF0000


def unsupported(reason):
    print("unsupported:", reason, file=sys.stderr, flush=True)
    sys.exit(3)


def main():
    allowed_file, error, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    try:
        lib = ctypes.CDLL("libseccomp.so.2", use_errno=True)
    except OSError as e:
        unsupported("no libseccomp.so.2 (apt-get install libseccomp2): %s" % e)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    default = SCMP_ACT_KILL_PROCESS if error == "kill" else 0x00050000 | (getattr(errno, error) & 0xFFFF)
    ctx = lib.seccomp_init(default)
    if not ctx:
        unsupported("seccomp_init failed")
    with open(allowed_file) as f:
        names = [line.strip() for line in f if line.strip()]
    added = 0
    for name in names:
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr < 0:
            continue  # not a call of this architecture (e.g. a 32-bit one), as systemd skips it
        rc = lib.seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0)
        if rc != 0:
            unsupported("seccomp_rule_add(%s): %s" % (name, os.strerror(-rc)))
        added += 1
    rc = lib.seccomp_load(ctx)
    if rc != 0:
        unsupported("seccomp_load: %s" % os.strerror(-rc))
    print("seccomp: %d system calls allowed, others %s" % (added, error), file=sys.stderr, flush=True)
    os.execvp(command[0], command)


main()
