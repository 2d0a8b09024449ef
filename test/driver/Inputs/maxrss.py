# maxrss.py OUT CMD...: runs CMD, then writes to OUT the peak resident set
# size (KiB) of the largest process among CMD and the processes it waited
# for (the driver's workers); exits with CMD's status.
import resource
import subprocess
import sys

status = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status)
