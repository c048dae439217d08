"""Generate text from the trained model at two temperatures and nearly greedily, and what the sampler says to bad input (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch

from torchsteps.charlm import sample

# On its own, this file first runs fit.py, which trains the model; on the page it is there.
_page = runpy.run_path(str(Path(__file__).with_name("fit.py")))
model, vocab = _page["model"], _page["vocab"]

# --8<-- [start:settings]
start = "ROMEO:\n"  # the model continues this text
length = 300  # characters to generate
# --8<-- [end:settings]

# --8<-- [start:generate]
samples = {}
for temperature in (0.5, 1.0):
    generator = torch.Generator().manual_seed(0)  # the same random draws for both
    samples[temperature] = sample(model, vocab, start, length, temperature, generator)
    print(f"--- temperature {temperature} ---\n{samples[temperature]}\n")
# --8<-- [end:generate]

# --8<-- [start:errors]
good = {"start": start, "length": length, "temperature": 1.0}
for bad in [{"start": "ROMEO: ¿qué?"}, {"temperature": 0.0}, {"length": 0}]:
    try:
        sample(model, vocab, **(good | bad))
    except ValueError as error:
        print("ValueError:", error)
# --8<-- [end:errors]

# The solution of an exercise: a temperature near 0 is nearly greedy.
# --8<-- [start:greedy]
greedy = sample(model, vocab, start, length, 0.01, torch.Generator().manual_seed(0))
print(greedy, "\n")
for temperature in (0.01, 0.5, 1.0):
    generated = sample(model, vocab, start, length, temperature, torch.Generator().manual_seed(0))
    words = generated.split()
    print(f"temperature {temperature:4}: {len(set(words))} different words among {len(words)}")
# --8<-- [end:greedy]
