"""torchsteps: the reusable code of the course "PyTorch from zero, every line executed".

Modules: ``datasets`` and ``vision`` (bundled data), ``device`` (device, seeding,
build info), ``plotting`` (SVG figures), ``training`` (``fit`` and ``evaluate``).
"""
__version__ = "0.1.0"
