# check_rss.py FILE LIMIT_MIB: prints "rss ok" when the KiB figure in FILE
# (written by maxrss.py) is under LIMIT_MIB, else the figure.
import sys

kib = int(open(sys.argv[1]).read())
limit = int(sys.argv[2]) * 1024
print("rss ok" if kib < limit else "rss %d KiB over %d KiB" % (kib, limit))
