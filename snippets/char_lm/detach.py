"""Why the hidden state is detached between chunks: without it, the second backward fails (chapter: Generating text: a character language model)."""
import runpy
from pathlib import Path

import torch
import torch.nn.functional as F

from torchsteps.charlm import CharLM, contiguous_batches

_page = runpy.run_path(str(Path(__file__).with_name("data.py")))
train_codes, V = _page["train_codes"], _page["V"]


# --8<-- [start:detach]
def two_chunks(detach: bool) -> list[str]:
    """Backpropagate through two consecutive chunks, passing the hidden state on."""
    torch.manual_seed(0)
    model = CharLM(V)
    h, report = None, []
    chunks = contiguous_batches(train_codes, batch_size=4, seq_len=8)[:2]  # (4, 8) each
    for k, (X, y) in enumerate(chunks):
        logits, h = model(X, h)
        loss = F.cross_entropy(logits.flatten(0, 1), y.flatten())
        try:
            loss.backward()
        except RuntimeError as error:
            report.append(f"chunk {k}: RuntimeError: {str(error).split(' (')[0]}")
            break
        report.append(f"chunk {k}: backward done")
        if detach:
            h = h.detach()  # the same numbers, with no history behind them
    return report


for detach in (True, False):
    print(f"detach={detach}:")
    for line in two_chunks(detach):
        print("  ", line)
# --8<-- [end:detach]
