# count_processes.py TEXT: prints how many other processes have TEXT in
# their command line ("processes: N"); Linux /proc only.
import os
import sys

needle = sys.argv[1].encode()
count = 0
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) in (os.getpid(), os.getppid()):
        continue
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            if needle in f.read():
                count += 1
    except OSError:
        pass
print("processes: %d" % count)
