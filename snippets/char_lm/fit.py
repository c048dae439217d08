"""Train the character language model, time it, compare it with the baselines and plot the losses (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch

from torchsteps.charlm import CharLM

# --8<-- [start:imports]
import math
import time

from torchsteps.plotting import figure, svg
# --8<-- [end:imports]

# On its own, this file first runs the steps before it; on the page their results are there.
_page = {k: v for f in ("baselines.py", "train.py") for k, v in runpy.run_path(str(Path(__file__).with_name(f))).items()}
V, vocab, val_codes, train, num_steps = (_page[k] for k in ("V", "vocab", "val_codes", "train", "num_steps"))
unigram_loss, bigram_loss = _page["unigram_loss"], _page["bigram_loss"]

# --8<-- [start:fit]
torch.manual_seed(0)
model = CharLM(V)
start_wall, start_cpu = time.perf_counter(), time.process_time()
history = train(model, num_steps)
train_seconds = time.perf_counter() - start_wall
cpu_seconds = time.process_time() - start_cpu
for step, val in zip(history["val_step"], history["val"]):
    print(f"step {step:3}: validation loss {val:.3f}")
val_loss = history["val"][-1]
# --8<-- [end:fit]

# --8<-- [start:timing]
print(f"{num_steps} steps: {train_seconds:.1f} s, {cpu_seconds:.1f} s of CPU time, "
      f"{torch.get_num_threads()} thread")
# --8<-- [end:timing]

# --8<-- [start:compare]
print("| model | validation loss (nats/char) | bits/char | perplexity |")
print("| --- | ---: | ---: | ---: |")
losses = {"uniform": math.log(V), "unigram": unigram_loss, "bigram": bigram_loss, "GRU": val_loss}
for name, loss in losses.items():
    print(f"| {name} | {loss:.4f} | {loss / math.log(2):.3f} | {math.exp(loss):.2f} |")
# --8<-- [end:compare]

# --8<-- [start:plot]
fig, ax = figure()
ax.plot(range(1, num_steps + 1), history["train"], lw=0.8, alpha=0.7, label="training loss")
ax.plot(history["val_step"], history["val"], "o-", label="validation loss")
ax.axhline(unigram_loss, color="tab:gray", ls="--", label="unigram baseline")
ax.axhline(bigram_loss, color="tab:red", ls=":", label="bigram baseline")
ax.set(xlabel="step", ylabel="loss (nats per character)", ylim=(1.4, 4.4))
ax.legend()
print(svg(fig, alt="Training and validation loss of the GRU over 200 steps: from about 4.2 "
               "they fall through the unigram and the bigram baseline and end near 1.9 "
               "nats per character, well below both baselines."))
# --8<-- [end:plot]
