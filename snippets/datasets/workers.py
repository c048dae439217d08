"""Load batches in worker processes, safely on every platform (chapter: Dataset and DataLoader)."""
# --8<-- [start:script]
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info

from torchsteps.datasets import load_diabetes

IMPORTED_AS = __name__  # top-level code runs on every import: "__main__" as a script, "__mp_main__" in a spawned worker


class DiabetesDataset(Dataset):
    """At the top level of an importable file, so that worker processes can find it."""

    def __init__(self, split: str = "train"):
        self.X, self.y = load_diabetes(split)  # (N, 8), (N, 1)

    def __len__(self) -> int:
        return len(self.X)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor, int, str]:
        worker = get_worker_info()  # None in the main process
        return self.X[i], self.y[i], worker.id if worker else -1, IMPORTED_AS


def main() -> None:
    print("the process you started runs the file as", IMPORTED_AS)
    # "spawn" is the default on Windows and macOS; asking for it here makes Linux behave the same way
    train_loader = DataLoader(DiabetesDataset("train"), batch_size=128, num_workers=2, multiprocessing_context="spawn")
    for X_batch, y_batch, worker, imported_as in train_loader:
        print(f"{len(X_batch):3d} rows from worker {worker[0].item()}, which imported the file as {imported_as[0]}")


if __name__ == "__main__":  # a spawned worker imports this file: the guard keeps it from starting workers of its own
    main()
# --8<-- [end:script]
