"""Warning filters: the course's code gets warnings as errors; the tools' own noise, named here one by one, does not.

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


#: Warnings from a tool about the interpreter itself, not about the course's code: (message prefix, category).
#: They are ignored in page blocks, snippet scripts and tests alike; every other warning stays an error.
TOOL_WARNINGS = [
    # Python 3.13.0 only: torch.compile warns that its guards run slower than on 3.13.1+, on every compile.
    ("Guards may run slower on Python 3.13.0", RuntimeWarning),
    # torch 2.11 (the GPU machines' build): importing torch._inductor defines torch.utils.mkldnn's classes with
    # torch.jit.script_method, which warns as a DeprecationWarning. The pinned torch builds them lazily and warns
    # with a FutureWarning, which stays an error, so course code that used it would still fail.
    ("`torch.jit.script_method` is deprecated", DeprecationWarning),
]


def ignore_tool_warnings() -> None:
    """Add TOOL_WARNINGS to the active filters (call after ``warnings.simplefilter("error")``)."""
    import warnings

    for message, category in TOOL_WARNINGS:
        warnings.filterwarnings("ignore", message=message, category=category)
