"""What the chapter "Data-parallel training with torch.distributed" claims: the all-reduce identity, the sampler's
shards, a real two-process DDP run that ends with a single process's weights, and faults that leave no process and
no half-written checkpoint behind."""
from __future__ import annotations

import os
import runpy
import socket
import sys
import time
from pathlib import Path

import pytest
import torch
import torch.distributed as dist
from pagerun import page_globals
from torch.utils.data import DistributedSampler, TensorDataset

from torchsteps import distributed as tsd


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="these tests read /proc and signal process groups, which only Linux has")
ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "ddp"
PAGE = "beyond-cpu/ddp.md"


@pytest.fixture(scope="module")
def ns() -> dict:
    return page_globals(PAGE)


def run(name: str) -> dict:
    return runpy.run_path(str(SNIPPETS / f"{name}.py"))


# --- the idea: the all-reduce identity ---


def test_worked_example_numbers() -> None:
    ns = run("allreduce")
    assert ns["g_global"] == pytest.approx(-15.5)
    assert ns["g_rank0"] == pytest.approx(-5.0) and ns["g_rank1"] == pytest.approx(-26.0)
    assert (ns["g_rank0"] + ns["g_rank1"]) / 2 == pytest.approx(ns["g_global"])


def test_mean_of_half_batch_gradients_is_the_whole_batch_gradient(ns) -> None:
    for whole, averaged in zip(ns["whole"], ns["averaged"]):
        torch.testing.assert_close(averaged, whole, atol=1e-6, rtol=1e-5)  # "about 1e-7"
    worst = max((g - a).abs().max().item() for g, a in zip(ns["whole"], ns["averaged"]))
    assert 0 <= worst < 1e-6


def test_the_identity_for_unequal_weighted_losses_against_torch() -> None:
    """Summing per-rank gradients of sum-losses, divided by B, is autograd's gradient of the mean loss."""
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    X, y = torch.randn(8, 3), torch.randint(0, 2, (8,))
    loss_fn = torch.nn.CrossEntropyLoss()
    whole = torch.autograd.grad(loss_fn(model(X), y), list(model.parameters()))
    shards = [torch.autograd.grad(loss_fn(model(X[i::4]), y[i::4]), list(model.parameters())) for i in range(4)]
    for w, *parts in zip(whole, *shards):
        torch.testing.assert_close(sum(parts) / 4, w)


# --- DistributedSampler ---


def test_sampler_shards_are_disjoint_and_cover_the_data() -> None:
    dataset = TensorDataset(torch.arange(10))
    for epoch in (0, 1):
        shards = []
        for rank in (0, 1):
            sampler = DistributedSampler(dataset, num_replicas=2, rank=rank, shuffle=True, seed=0)
            sampler.set_epoch(epoch)
            shards.append(list(sampler))
        assert sorted(shards[0] + shards[1]) == list(range(10)) and not set(shards[0]) & set(shards[1])
    first = DistributedSampler(dataset, num_replicas=2, rank=0, shuffle=True, seed=0)
    second = DistributedSampler(dataset, num_replicas=2, rank=0, shuffle=True, seed=0)
    second.set_epoch(1)
    assert list(first) != list(second)  # set_epoch changes the order


def test_global_batch(ns) -> None:
    assert ns["global_batch"] == 64
    assert ns["num_train"] // ns["global_batch"] == 16 and ns["num_train"] // ns["batch_size"] == 32


def test_global_batch_k_is_the_same_64_indices_as_one_process() -> None:
    """The claim behind the comparison: rank shards of 32 at step k form indices 64k..64k+63 of the shuffle."""
    dataset = TensorDataset(torch.arange(1024))
    one = DistributedSampler(dataset, num_replicas=1, rank=0, shuffle=True, seed=0)
    two = [DistributedSampler(dataset, num_replicas=2, rank=r, shuffle=True, seed=0) for r in (0, 1)]
    order, shards = list(one), [list(s) for s in two]
    for k in range(16):
        assert sorted(shards[0][32 * k:32 * k + 32] + shards[1][32 * k:32 * k + 32]) == sorted(order[64 * k:64 * k + 64])


# --- the real run under torchrun ---


def test_ddp_run_printed_what_the_page_says(ns) -> None:
    clean_output = ns["clean"]
    assert os.path.exists(clean_output)
    state = torch.load(clean_output)
    assert state["epoch"] == 1 and set(state) == {"model", "optimizer", "epoch"}


def test_ddp_matches_one_process_within_1e_5(ns, capsys) -> None:
    difference = ns["max_difference"](ns["ddp_weights"])
    assert difference < 1e-5  # the bar the page states
    change = ns["max_difference"](ns["start"])
    assert f"{change:.2f}" == "0.04"  # "training moved some weights by 0.04"
    assert difference < change / 1000  # "thousands of times more"


def test_single_process_prints_the_same_losses_as_ddp(ns, tmp_path, capsys) -> None:
    run = ns["run"]  # the clean launch
    assert run.returncode == 0 and not run.timed_out, run.output[-4000:]
    assert run.lines("[rank ")[0] == "[rank 0] started, world size 2"
    capsys.readouterr()
    ns["train"](str(tmp_path / "again.pt"), batch_size=64)
    single_lines = [l for l in capsys.readouterr().out.splitlines() if "epoch" in l]
    assert single_lines == run.lines("[rank 0] epoch") and len(single_lines) == 2
    assert all("over 1024 images" in l for l in single_lines)  # "all 1,024 images were seen once per epoch"
    losses = [float(l.split("mean loss ")[1].split()[0]) for l in single_lines]
    assert losses[1] < losses[0]


def test_recovered_run_equals_uninterrupted_run(ns) -> None:
    run = ns["restarted"]
    assert run.returncode == 0 and not run.timed_out
    lines = run.lines("[rank ")
    assert lines.count("[rank 0] started, world size 2") == 2  # two attempts
    assert "[rank 0] resuming from faulty.pt at epoch 1" in lines
    assert any(l.startswith("[rank1]: RuntimeError: rank 1 fails on purpose in epoch 1") for l in run.output.splitlines())
    recovered = torch.load(ns["faulty"])["model"]
    uninterrupted = torch.load(ns["clean"])["model"]
    assert all(torch.equal(recovered[k], uninterrupted[k]) for k in recovered)


def test_no_process_and_no_temporary_file_is_left(ns) -> None:
    assert tsd.processes_running(ns["folder"]) == []
    assert tsd.processes_running(ns["tag"]) == []
    files = sorted(os.listdir(ns["folder"]))
    assert "clean.pt" in files and "faulty.pt" in files
    assert not [f for f in files if f.endswith(".tmp")]
    for name in files:
        torch.load(os.path.join(ns["folder"], name))  # every checkpoint is whole


def test_no_warnings_in_the_workers_output(ns) -> None:
    assert "Warning" not in ns["run"].output and "Warning" not in ns["restarted"].output


def test_busy_port_raises_eaddrinuse() -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        with pytest.raises(dist.DistNetworkError, match="EADDRINUSE"):
            dist.TCPStore("127.0.0.1", squatter.getsockname()[1], is_master=True)
    port = tsd.free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))  # free_port's port really is free


def test_kill_group_left_nothing(ns) -> None:
    assert ns["proc"].returncode == -9
    assert ns["count_when"](lambda n: n == 0) == 0


# --- the package: save_atomic, resume, torchrun ---


def test_save_atomic_writes_and_loads(tmp_path) -> None:
    path = tsd.save_atomic({"w": torch.arange(3)}, tmp_path / "ck.pt")
    assert torch.equal(torch.load(path)["w"], torch.arange(3))
    assert os.listdir(tmp_path) == ["ck.pt"]


def test_save_atomic_never_leaves_a_half_written_file(tmp_path, monkeypatch) -> None:
    path = tmp_path / "ck.pt"
    tsd.save_atomic({"epoch": 0}, path)

    def crash(obj, f):
        f.write(b"half a checkpoint")
        raise KeyboardInterrupt("killed while saving")

    monkeypatch.setattr(tsd.torch, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        tsd.save_atomic({"epoch": 1}, path)
    monkeypatch.undo()
    assert torch.load(path) == {"epoch": 0}  # the old checkpoint, whole
    assert os.listdir(tmp_path) == ["ck.pt"]  # no temporary file left


def test_save_atomic_and_resume_reject_bad_input(tmp_path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        tsd.save_atomic({}, tmp_path / "missing" / "ck.pt")
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    assert tsd.resume(tmp_path / "none.pt", model, optimizer) == 0
    tsd.save_atomic({"model": model.state_dict()}, tmp_path / "partial.pt")
    with pytest.raises(ValueError, match="lacks"):
        tsd.resume(tmp_path / "partial.pt", model, optimizer)


def test_torchrun_rejects_bad_arguments(tmp_path) -> None:
    with pytest.raises(ValueError, match="is not a file"):
        tsd.torchrun(tmp_path / "nope.py")
    script = tmp_path / "s.py"
    script.write_text("print('hi')\n")
    with pytest.raises(ValueError, match="nproc"):
        tsd.torchrun(script, nproc=0)
    with pytest.raises(ValueError, match="needle"):
        tsd.processes_running("")


def test_torchrun_timeout_kills_the_launcher_and_its_workers(tmp_path) -> None:
    script = tmp_path / "hang_forever.py"
    script.write_text(
        "import os, pathlib, time\n"
        f"pathlib.Path({str(tmp_path)!r}, f'started-{{os.getpid()}}').touch()\n"
        "time.sleep(600)\n"
    )
    result = tsd.torchrun(script, nproc=2, timeout=8)
    assert result.timed_out and result.returncode != 0
    time.sleep(0.2)
    assert tsd.processes_running(str(script)) == []
    for marker in tmp_path.glob("started-*"):  # the workers that had started are gone too
        pid = int(marker.name.split("-")[1])
        assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] == "Z"


def test_init_distributed_without_torchrun_is_one_process(monkeypatch) -> None:
    monkeypatch.delenv("RANK", raising=False)
    assert tsd.init_distributed() == (0, 1)


# --- exercises ---


def test_exercise_unequal_shards() -> None:
    ns = run("exercise_unequal")
    assert ns["g_rank0"] == pytest.approx(-2.0) and ns["g_rank1"] == pytest.approx(-20.0)
    assert (ns["g_rank0"] + ns["g_rank1"]) / 2 == pytest.approx(-11.0)
    assert (1 * ns["g_rank0"] + 3 * ns["g_rank1"]) / 4 == pytest.approx(ns["g_global"]) == pytest.approx(-15.5)


def test_exercise_batchnorm_breaks_the_identity() -> None:
    ns = page_globals(PAGE)
    from torchsteps.cnn import CNN, ClassicCNN

    results = {}
    for model_class in (ClassicCNN, CNN):
        torch.manual_seed(0)
        results[model_class.__name__] = ns["largest_difference"](model_class().train())
    assert results["ClassicCNN"] < 1e-6  # rounding, "about 1e-7"
    assert 0.01 < results["CNN"] < 0.1  # "about 0.03"
    assert results["CNN"] / results["ClassicCNN"] > 1e5  # "more than a hundred thousand times larger"


def test_exercise_sampler_padding_and_dropping() -> None:
    dataset = TensorDataset(torch.arange(10))
    padded = [list(DistributedSampler(dataset, num_replicas=3, rank=r, shuffle=False)) for r in range(3)]
    dropped = [list(DistributedSampler(dataset, num_replicas=3, rank=r, shuffle=False, drop_last=True)) for r in range(3)]
    flat = sorted(i for s in padded for i in s)
    assert len(flat) == 12 and len(set(flat)) == 10 and flat.count(0) == 2 and flat.count(1) == 2
    assert all(len(s) == 4 for s in padded) and all(len(s) == 3 for s in dropped)
    assert sorted(i for s in dropped for i in s) == list(range(9))
