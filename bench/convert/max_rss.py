"""Max RSS of a command, for machines without GNU time: bench/convert's fallback.

    /usr/bin/python3 max_rss.py <report_file> <command> [args...]

Runs the command (stdin, stdout and stderr passed through), then writes the peak resident set
size in KiB of it and the children it waited for (wait4's ru_maxrss, which is what
`/usr/bin/time -f %M` prints) to report_file, and exits with the command's status.
"""
import os
import sys

report, argv = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as out:
    out.write(f"{usage.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status))
