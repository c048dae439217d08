"""Exercise: what packing buys, measured on the trained model (chapter: Classifying surnames by language)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs confusion.py (which runs train.py); on the page all of it is already there.
_confusion = runpy.run_path(str(Path(__file__).with_name("confusion.py")))
model, test_loader, test, y_hat = (_confusion["_page"]["model"], _confusion["_page"]["test_loader"],
                                   _confusion["test"], _confusion["y_hat"])

# --8<-- [start:solution]
def predict_unpacked(model, loader, last_letter: bool) -> torch.Tensor:
    """Run the GRU on the padded batch; read h at the last step, or at each name's last letter."""
    model.eval()
    predictions = []
    with torch.inference_mode():
        for X, lengths, _ in loader:
            output, h_n = model.gru(model.embedding(X))  # output (B, T, H): the state after every step
            h = output[torch.arange(len(X)), lengths - 1] if last_letter else h_n[-1]  # (B, H)
            predictions.append(model.out(h).argmax(dim=1))
    return torch.cat(predictions)


through_padding = predict_unpacked(model, test_loader, last_letter=False)
at_last_letter = predict_unpacked(model, test_loader, last_letter=True)
for label, pred in [("packed", y_hat), ("padded, state after the padding", through_padding),
                    ("padded, state at the last letter", at_last_letter)]:
    print(f"{label:>33}: test accuracy {(pred == test.y).float().mean().item():.1%}")
# --8<-- [end:solution]
