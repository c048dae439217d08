"""The warning filter for notebook kernels: the course's code gets warnings as errors, the kernel's own start-up does not.

Notebook kernels start from the build's environment, so ``PYTHONWARNINGS`` reaches them. Each
``ignore`` below is narrowed by category, message and module to noise from the kernel machinery
itself, which no notebook cell can cause or fix.
"""
from __future__ import annotations

KERNEL_WARNINGS = ",".join([
    "error",
    # Python 3.11+: ipykernel's kernelbase triggers a PendingDeprecationWarning when it shuts down.
    "ignore::PendingDeprecationWarning:ipykernel.kernelbase",
    # Python 3.12+: tornado's IOLoop.current(), called by ipykernel while starting, asks asyncio for a loop
    # before one runs, and asyncio.get_event_loop() warns; as an error it killed the kernel before any cell ran.
    "ignore:There is no current event loop:DeprecationWarning:tornado.ioloop",
])
