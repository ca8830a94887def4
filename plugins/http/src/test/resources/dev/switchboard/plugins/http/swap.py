"""Swaps two names with renameat2(RENAME_EXCHANGE) in a loop bounded in count and time.

usage: swap.py A B MAX_SWAPS MAX_SECONDS
Prints "ready" once one swap (and its undo) worked, "unsupported: <reason>" and exits 3 when
renameat2 is not available, and "swaps <n>" when done. Stops early when stdin closes.
"""
import ctypes
import os
import sys
import threading
import time

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def main():
    a, b = (os.fsencode(p) for p in sys.argv[1:3])
    max_swaps, max_seconds = int(sys.argv[3]), float(sys.argv[4])
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError) as e:
        print("unsupported: no renameat2 in libc:", e, flush=True)
        sys.exit(3)
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]

    def swap():
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0:
            return ctypes.get_errno()
        return 0

    for _ in range(2):
        err = swap()
        if err:
            print("unsupported: renameat2 RENAME_EXCHANGE failed:", os.strerror(err), flush=True)
            sys.exit(3)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    print("ready", flush=True)
    deadline = time.monotonic() + max_seconds
    n = 0
    while n < max_swaps and not stop.is_set() and time.monotonic() < deadline:
        if swap():
            break
        n += 1
    if n % 2:
        swap()  # leave the names as they were
        n += 1
    print("swaps", n, flush=True)


main()
