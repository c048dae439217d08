"""torchsteps: the reusable code of the course "PyTorch from zero, every line executed".

Modules, each introduced by a chapter and reused by later ones:
``datasets`` and ``vision`` (the bundled data), ``device`` (device, seeding, build info),
``plotting`` (SVG figures), ``graphs`` (computational graphs), ``text`` (surname encoding),
``conv`` (the output-size formula and conv2d by unfold), ``rnn`` (RNN, GRU and LSTM cells), ``models`` (the MNIST MLP) and ``training`` (``fit`` and ``evaluate``).
"""
__version__ = "0.1.0"
