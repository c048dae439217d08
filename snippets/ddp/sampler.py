"""DistributedSampler: each rank gets its own slice of one shuffled order (chapter: Data-parallel training with torch.distributed)."""
# --8<-- [start:imports]
import torch
from torch.utils.data import DistributedSampler, TensorDataset
# --8<-- [end:imports]

# --8<-- [start:shards]
dataset = TensorDataset(torch.arange(10))  # ten samples, numbered 0 to 9
for epoch in (0, 1):
    for rank in (0, 1):
        sampler = DistributedSampler(dataset, num_replicas=2, rank=rank, shuffle=True, seed=0)
        sampler.set_epoch(epoch)  # the shuffle depends on seed + epoch, never on the rank
        print(f"epoch {epoch}, rank {rank}: {list(sampler)}")
# --8<-- [end:shards]

# --8<-- [start:global_batch]
batch_size, world_size, num_train = 32, 2, 1024
global_batch = batch_size * world_size  # images behind one optimizer step
print(f"per-rank batch {batch_size} x world size {world_size} = global batch {global_batch}; "
      f"{num_train // global_batch} steps per epoch instead of {num_train // batch_size}")
# --8<-- [end:global_batch]
