"""The script that torchrun starts once per process: join the group, train, leave (chapter: Data-parallel training with torch.distributed)."""
import argparse
import os
import tempfile

import torch.distributed as dist

from torchsteps.distributed import init_distributed
from train_loop import train  # snippets/ddp/train_loop.py: torchrun puts the script's folder on sys.path

# --8<-- [start:main]
if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint")  # saved every epoch; a restart resumes from it
    parser.add_argument("--batch-size", type=int, default=32)  # per process
    parser.add_argument("--fail-epoch", type=int, default=-1)  # to test recovery: rank 1 raises in this epoch
    args = parser.parse_args()
    rank, world_size = init_distributed()  # (0, 1) when started without torchrun
    if args.checkpoint is None and world_size > 1:
        parser.error("--checkpoint is required under torchrun: every rank must resume from the same file")
    checkpoint = args.checkpoint or os.path.join(tempfile.mkdtemp(), "ddp.pt")  # one process: a fresh start
    if rank == 0:  # one process speaks for the job: lines from two processes can interleave mid-line
        print(f"[rank 0] started, world size {world_size}", flush=True)
    train(checkpoint, args.batch_size, rank, world_size, args.fail_epoch)
    if world_size > 1:
        dist.barrier()  # leave together: a rank that tears down while another still talks to it can abort
        dist.destroy_process_group()
# --8<-- [end:main]
