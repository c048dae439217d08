"""Exercise: batch names of similar length together to cut padding (chapter: Dataset and DataLoader)."""
import torch

from torchsteps.datasets import load_surnames

# --8<-- [start:solution]
lengths = torch.tensor([len(name) for name in load_surnames("train").names])  # (13374,)
batch_size = 64


def padding_share(order: torch.Tensor) -> float:
    """Share of the padded batches that is padding, when batches are taken in this order."""
    padded = sum(len(idx) * lengths[idx].max().item() for idx in order.split(batch_size))
    return 1 - lengths.sum().item() / padded


shuffled = torch.randperm(len(lengths), generator=torch.Generator().manual_seed(0))
by_length = lengths.argsort(stable=True)  # neighbours have (nearly) the same length
print(f"shuffled batches:        {padding_share(shuffled):.1%} padding")
print(f"length-sorted batches:   {padding_share(by_length):.1%} padding")
# --8<-- [end:solution]
