"""The training function that every DDP process runs on its own shard of the data (chapter: Data-parallel training with torch.distributed)."""
# --8<-- [start:imports]
import os
import tempfile

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

from torchsteps.cnn import ClassicCNN, mnist_tensors
from torchsteps.distributed import resume, save_atomic
# --8<-- [end:imports]

# --8<-- [start:settings]
lr = 1e-3
num_epochs = 2
num_train = 1024  # a slice of the 8,000 training digits keeps the run short
# --8<-- [end:settings]


# --8<-- [start:train]
def train(checkpoint: str, batch_size: int, rank: int = 0, world_size: int = 1, fail_epoch: int = -1) -> nn.Module:
    dataset = TensorDataset(*(t[:num_train] for t in mnist_tensors()[:2]))  # (X_train, y_train), sliced
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=0)
    train_loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)  # this rank's shard only
    on_gpu = dist.is_initialized() and dist.get_backend() == "nccl"  # nccl: one GPU per process
    device = torch.device("cuda", int(os.environ["LOCAL_RANK"])) if on_gpu else torch.device("cpu")
    torch.manual_seed(0)
    model, loss_fn = ClassicCNN().to(device), nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    start = resume(checkpoint, model, optimizer)  # 0, or the epoch after the last one saved
    ddp_model = DDP(model) if world_size > 1 else model  # DDP: same start weights, gradients averaged in backward
    for epoch in range(start, num_epochs):
        sampler.set_epoch(epoch)  # a new shuffle each epoch, the same on every rank
        total = torch.zeros(2, device=device)  # (sum of losses, number of images) on this rank
        for X, y in train_loader:
            if epoch == fail_epoch and rank == 1 and os.environ.get("TORCHELASTIC_RESTART_COUNT") == "0":
                raise RuntimeError(f"rank 1 fails on purpose in epoch {epoch}")
            loss = loss_fn(ddp_model(X.to(device)), y.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += torch.tensor([loss.item() * len(y), len(y)], device=device)
        if rank == 0:
            save_atomic({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, checkpoint)
        if world_size > 1:  # a collective: no rank passes it before rank 0 has saved
            dist.all_reduce(total)  # summed over ranks: the whole epoch's loss
        if rank == 0:
            print(f"[rank 0] epoch {epoch}: mean loss {total[0] / total[1]:.4f} over {int(total[1])} images", flush=True)
    return model
# --8<-- [end:train]


if __name__ == "__main__":  # one process, no torchrun: the global batch of 64 in one piece
    with tempfile.TemporaryDirectory() as folder:
        train(os.path.join(folder, "single.pt"), batch_size=64)
