"""Exercise: the pairs of languages the GRU mixes up most (chapter: Classifying surnames by language)."""
import runpy
from pathlib import Path

_confusion = runpy.run_path(str(Path(__file__).with_name("confusion.py")))
cm, test = _confusion["cm"], _confusion["test"]

# --8<-- [start:solution]
K = len(test.languages)
off = cm.clone()
off.fill_diagonal_(0)  # keep only the mistakes
top_counts, flat = off.flatten().topk(3)  # the three largest cells of the flattened (K * K,) matrix
for count, k in zip(top_counts.tolist(), flat.tolist()):
    true, pred = k // K, k % K  # cell k is row k // K, column k % K
    share = count / cm[true].sum().item()
    print(f"{test.languages[true]:>8} taken for {test.languages[pred]:<8} {count:4d} times ({share:.0%} of {test.languages[true]})")
# --8<-- [end:solution]
