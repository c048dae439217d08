"""Where the GRU goes wrong: accuracy per language, a row-normalised confusion matrix, and (exercise 2)
the pairs of languages it mixes up most (chapter: Classifying surnames by language)."""
import runpy
from pathlib import Path

import torch

# On its own, this file first runs train.py, which trains the model; on the page the model is already there.
_page = runpy.run_path(str(Path(__file__).with_name("train.py")))
model, test_loader, test, counts = _page["model"], _page["test_loader"], _page["test"], _page["counts"]

# --8<-- [start:per_language]
def predict(model, loader) -> torch.Tensor:
    """The predicted class of every item, in the loader's order."""
    model.eval()
    with torch.inference_mode():
        return torch.cat([model(X, lengths).argmax(dim=1) for X, lengths, _ in loader])  # (N,)


K = len(test.languages)
y_hat = predict(model, test_loader)  # (6700,)
cm = torch.bincount(test.y * K + y_hat, minlength=K * K).view(K, K)  # row: true language, column: predicted
per_language = cm.diag() / cm.sum(dim=1)  # (18,) the share of each language's names that are right
print("| language | training names | test accuracy |\n| --- | ---: | ---: |")
for k in per_language.argsort(descending=True).tolist():
    print(f"| {test.languages[k]} | {counts[k].item():,} | {per_language[k].item():.1%} |")
print(f"\nOverall accuracy {cm.diag().sum().item() / cm.sum().item():.1%}; "
      f"balanced accuracy (the mean of the column) {per_language.mean().item():.1%}.")
# --8<-- [end:per_language]

# --8<-- [start:plot]
from torchsteps.plotting import figure, svg

fig, ax = figure(width=5.0, height=4.7)  # a small figure with large labels stays legible on a phone
image = ax.imshow((cm / cm.sum(dim=1, keepdim=True)).numpy(), cmap="Blues", vmin=0, vmax=1)
ax.set_xticks(range(K), test.languages, rotation=90, fontsize=10)
ax.set_yticks(range(K), test.languages, fontsize=10)
ax.set(xlabel="predicted language", ylabel="true language")
ax.grid(False)
fig.colorbar(image, ax=ax, shrink=0.6, label="share of the row's test names")
print(svg(fig, alt="Row-normalised confusion matrix of the GRU on 6,700 test surnames in 18 languages: dark cells "
          "on the diagonal for the common languages, and for rare ones much of each row lies off the diagonal."))
# --8<-- [end:plot]

# --8<-- [start:confused]
off = cm.clone()
off.fill_diagonal_(0)  # keep only the mistakes
top_counts, flat = off.flatten().topk(3)  # the three largest cells of the flattened (K * K,) matrix
for count, k in zip(top_counts.tolist(), flat.tolist()):
    true, pred = k // K, k % K  # cell k is row k // K, column k % K
    share = count / cm[true].sum().item()
    print(f"{test.languages[true]:>8} taken for {test.languages[pred]:<8} {count:4d} times ({share:.0%} of {test.languages[true]})")
# --8<-- [end:confused]
