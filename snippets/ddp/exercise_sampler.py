"""Exercise: what DistributedSampler does when the data does not split evenly (chapter: Data-parallel training with torch.distributed)."""
import torch
from torch.utils.data import DistributedSampler, TensorDataset

# --8<-- [start:solution]
dataset = TensorDataset(torch.arange(10))  # ten samples over three ranks
for drop_last in (False, True):
    shards = [list(DistributedSampler(dataset, num_replicas=3, rank=r, shuffle=False, drop_last=drop_last)) for r in range(3)]
    seen = sorted(i for shard in shards for i in shard)
    print(f"drop_last={drop_last}: shards {shards}; {len(seen)} samples per epoch, {len(set(seen))} distinct")
# --8<-- [end:solution]
