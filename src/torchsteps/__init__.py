"""torchsteps: the reusable code of the course "PyTorch from zero, every line executed".

Modules, each introduced by a chapter and reused by later ones:
``datasets`` and ``vision`` (the bundled data), ``device`` (device, seeding, build info),
``plotting`` (SVG figures), ``graphs`` (computational graphs), ``text`` (surname encoding),
``models`` (the MNIST MLP), ``training`` (``fit`` and ``evaluate``),
``conv`` (the output-size formula and conv2d by unfold), ``cnn`` (the MNIST CNNs, their
normalised data and the one-cycle schedule), ``blocks`` (Inception and residual blocks),
``rnn`` (RNN, GRU and LSTM cells), ``sequences`` (padded batches, packing, the surname GRU),
``charlm`` (the character language model), ``accel`` (device-agnostic code),
``distributed`` (launching DDP with torchrun, atomic checkpoints, checking for leftover processes),
and ``course`` (the snippet files and figure display that the chapters' downloaded notebooks use).
"""
__version__ = "0.1.0"
