"""What the chapter "Generating text: a character language model" claims: the batches continue each other,
truncation cuts the gradient but not the forward pass, the baselines are right, the GRU passes its bar
and beats them, and the sampler draws from softmax(logits / temperature) and refuses bad input."""
from __future__ import annotations

import math
import re

import pytest
import torch
import torch.nn.functional as F

from pagerun import page_globals
from torchsteps.charlm import CharLM, Vocabulary, contiguous_batches, sample
from torchsteps.datasets import load_shakespeare

PAGE = "structure/char-lm.md"


@pytest.fixture(scope="module")
def page() -> dict:
    return page_globals(PAGE)


# --- the worked example and the data ---


def test_worked_example_numbers() -> None:
    loss = -(math.log(1 / 2) + math.log(1 / 4) + math.log(1 / 8)) / 3
    assert loss == pytest.approx(2 * math.log(2)) and round(loss, 3) == 1.386
    assert loss / math.log(2) == pytest.approx(2.0)  # "exactly 2 bits per character"
    assert math.exp(loss) == pytest.approx(4.0)
    assert round(math.log(65), 3) == 4.174


def test_split_and_vocabulary(page) -> None:
    assert len(load_shakespeare()) == 1_115_394
    assert len(page["train_codes"]) == 1_003_854 and len(page["val_codes"]) == 111_540
    vocab = page["vocab"]
    assert len(vocab) == page["V"] == 65
    assert vocab.index["\n"] == 0 and vocab.index[" "] == 1
    assert vocab.decode(page["train_codes"][:14]) == "First Citizen:"
    assert vocab.decode(page["val_codes"]) == page["val_text"]  # the validation text holds no unseen character


def test_vocabulary_round_trip_and_errors() -> None:
    vocab = Vocabulary("hello world")
    assert vocab.characters == " dehlorw" and len(vocab) == 8
    codes = vocab.encode("world hello")
    assert codes.dtype == torch.int64 and codes.shape == (11,)
    assert vocab.decode(codes) == "world hello"
    with pytest.raises(ValueError, match=r"\['z'\]"):
        vocab.encode("zed")
    with pytest.raises(ValueError, match="non-empty"):
        Vocabulary("")


# --- baselines from counts ---


def test_baselines_match_the_page(page) -> None:
    assert page["unigram_loss"] == pytest.approx(3.3473, abs=5e-5)
    assert page["bigram_loss"] == pytest.approx(2.4819, abs=5e-5)
    assert round(math.exp(page["unigram_loss"]), 2) == 28.43
    assert round(math.exp(page["bigram_loss"]), 2) == 11.96
    assert len(page["nxt"]) == 111_539  # the (character, next character) pairs of the validation text


def test_baselines_are_distributions_and_match_torch(page) -> None:
    unigram, bigram, V = page["unigram"], page["bigram"], page["V"]
    torch.testing.assert_close(unigram.sum(), torch.tensor(1.0, dtype=torch.float64))
    torch.testing.assert_close(bigram.sum(dim=1), torch.ones(V, dtype=torch.float64))
    assert (bigram > 0).all()  # add-one: no pair gets probability 0
    prev, nxt = page["prev"], page["nxt"]
    assert page["bigram_loss"] == pytest.approx(F.cross_entropy(bigram.log()[prev], nxt).item())  # log-probs as logits
    assert page["unigram_loss"] == pytest.approx(F.cross_entropy(unigram.log().expand(len(nxt), V), nxt).item())


def test_counts_agree_with_the_text(page) -> None:
    text = page["train_text"]
    assert text.count("e") == 85_496 and len(text) == 1_003_854
    assert text[:-1].count("h") == 46_390 and text.count("he") == 16_418
    e, h = page["vocab"].index["e"], page["vocab"].index["h"]
    assert round(page["unigram"][e].item(), 4) == 0.0852 and (85_496 + 1) / (1_003_854 + 65) == pytest.approx(page["unigram"][e].item())
    assert round(page["bigram"][h, e].item(), 4) == 0.3534 and (16_418 + 1) / (46_390 + 65) == pytest.approx(page["bigram"][h, e].item())


# --- contiguous batches ---


def test_batches_are_contiguous_streams_shifted_by_one() -> None:
    codes = torch.arange(103)  # every code is its own position, so the layout can be read off
    batches = contiguous_batches(codes, batch_size=3, seq_len=5)
    stream_len = 102 // 3  # 34
    assert len(batches) == stream_len // 5
    for k, (X, y) in enumerate(batches):
        assert X.shape == y.shape == (3, 5)
        for i in range(3):
            assert X[i].tolist() == list(range(i * stream_len + 5 * k, i * stream_len + 5 * k + 5))
        assert torch.equal(y, X + 1)
        if k:
            assert torch.equal(X[:, 0], batches[k - 1][1][:, -1])  # row i continues row i of the previous batch


def test_toy_batches_on_the_page(page) -> None:
    toy_vocab, toy_batches = page["toy_vocab"], page["toy_batches"]
    rows = [[toy_vocab.decode(X[i]) for i in range(2)] for X, _ in toy_batches]
    assert rows == [["abcd", "mnop"], ["efgh", "qrst"], ["ijkl", "uvwx"]]
    assert toy_vocab.decode(toy_batches[-1][1][1]) == "vwxy"  # 'y' only as a target, 'z' dropped


def test_batcher_refuses_bad_lengths() -> None:
    codes = torch.arange(26)
    with pytest.raises(ValueError, match="seq_len=0"):
        contiguous_batches(codes, batch_size=2, seq_len=0)
    with pytest.raises(ValueError, match="seq_len=26 .*26 characters"):
        contiguous_batches(codes, batch_size=1, seq_len=26)
    assert len(contiguous_batches(codes, batch_size=1, seq_len=25)) == 1  # the longest that fits
    with pytest.raises(ValueError, match="lower batch_size or seq_len"):
        contiguous_batches(codes, batch_size=4, seq_len=7)
    with pytest.raises(ValueError, match="batch_size=0"):
        contiguous_batches(codes, batch_size=0, seq_len=3)
    with pytest.raises(TypeError, match="1-D int64"):
        contiguous_batches(codes.float(), batch_size=2, seq_len=3)
    with pytest.raises(TypeError, match="1-D int64"):
        contiguous_batches(codes.view(2, 13), batch_size=2, seq_len=3)


# --- the model, and what truncation does ---


def test_untrained_model_on_the_page(page) -> None:
    assert page["logits"].shape == (4, 8, 65) and page["h"].shape == (1, 4, 128)
    assert page["initial_loss"].item() == pytest.approx(math.log(65), abs=0.05)  # "close to log 65"
    assert sum(p.numel() for p in page["model"].parameters()) == 72_673


def test_model_is_embedding_gru_linear() -> None:
    torch.manual_seed(0)
    model = CharLM(7, embedding_dim=4, hidden_size=5)
    X = torch.randint(0, 7, (2, 6))
    out, h_ref = model.rnn(model.embedding(X))
    logits, h = model(X)
    torch.testing.assert_close(logits, model.head(out))
    torch.testing.assert_close(h, h_ref)
    torch.testing.assert_close(h[0], out[:, -1])  # the last hidden state is the output after the last character


def test_carrying_the_state_reads_the_whole_past() -> None:
    """Only the gradient is truncated: two chunks with the state carried give the outputs of one long pass."""
    torch.manual_seed(0)
    model = CharLM(7, embedding_dim=4, hidden_size=5)
    X = torch.randint(0, 7, (2, 12))
    whole, _ = model(X)
    first, h = model(X[:, :6])
    second, _ = model(X[:, 6:], h.detach())
    torch.testing.assert_close(torch.cat([first, second], dim=1), whole)


def test_detach_truncates_the_gradient() -> None:
    torch.manual_seed(0)
    model = CharLM(7, embedding_dim=4, hidden_size=5)
    X, y = torch.randint(0, 7, (2, 12)), torch.randint(0, 7, (2, 12))

    def chunk_grad(h0):
        model.zero_grad()
        logits, _ = model(X[:, 6:], h0)
        F.cross_entropy(logits.flatten(0, 1), y[:, 6:].flatten()).backward()
        return model.rnn.weight_hh_l0.grad.clone()

    _, h = model(X[:, :6])
    truncated = chunk_grad(h.detach())
    constant = chunk_grad(h.detach().clone())  # the reference: the state as a plain constant input
    torch.testing.assert_close(truncated, constant)
    model.zero_grad()
    _, h = model(X[:, :6])
    full = chunk_grad(h)  # without detach the gradient runs on into the first chunk
    assert not torch.allclose(full, truncated)


def test_without_detach_the_second_backward_fails(page) -> None:
    two_chunks = page["two_chunks"]
    assert two_chunks(detach=True) == ["chunk 0: backward done", "chunk 1: backward done"]
    without = two_chunks(detach=False)
    assert without[0] == "chunk 0: backward done"
    assert without[1].startswith("chunk 1: RuntimeError: Trying to backward through the graph a second time")


# --- training: the bar and the baselines ---


def test_settings_on_the_page(page) -> None:
    assert len(page["train_batches"]) == 490 and page["train_batches"][0][0].shape == (64, 32)
    assert len(page["val_batches"]) == 1 and page["val_batches"][0][0].shape == (128, 871)


def test_validation_loss_passes_the_bar_and_beats_both_baselines(page) -> None:
    val_loss = page["val_loss"]
    assert val_loss <= 1.9  # the bar
    assert val_loss < page["bigram_loss"] < page["unigram_loss"] < math.log(65)
    history = page["history"]
    assert history["val"][0] == pytest.approx(math.log(65), abs=0.1)
    assert history["val"][1] < page["bigram_loss"]  # "below the bigram within the first 50 steps"
    assert all(b < a for a, b in zip(history["val"], history["val"][1:]))  # "keeps falling"
    assert len(history["train"]) == 200 and history["val_step"] == list(range(0, 201, 50))
    assert abs(sum(history["train"][-50:]) / 50 - val_loss) < 0.2  # the two "stay close"


def test_training_time_bar(page) -> None:
    """The bar is 20 s on one thread; CPU time is what a quiet machine's wall clock would show."""
    assert torch.get_num_threads() == 1
    assert page["cpu_seconds"] <= 20, f"training took {page['cpu_seconds']:.1f} s of CPU time"
    assert page["train_seconds"] > 0


def test_table_claims(page) -> None:
    val_loss, bigram_loss = page["val_loss"], page["bigram_loss"]
    assert round(val_loss / math.log(2), 1) == 2.7  # "about 2.7 bits per character"
    assert round(bigram_loss / math.log(2), 1) == 3.6
    assert 6 < math.exp(val_loss) < 7 and round(math.exp(val_loss), 1) == 6.5  # "below 7", "a choice among 6.5"
    assert round(math.exp(bigram_loss)) == 12


def test_perplexity_is_exp_of_the_loss(page) -> None:
    """exp(mean -log p) is the geometric mean of 1/p, computed here without any log-mean."""
    model, val_batches = page["model"], page["val_batches"]
    assert page["evaluate"](model, val_batches) == pytest.approx(page["val_loss"], abs=1e-6)
    X, y = val_batches[0]
    with torch.no_grad():
        p = F.softmax(model(X)[0].double(), dim=2).gather(2, y.unsqueeze(2))  # (128, 871, 1) p of the true character
    geometric = ((1 / p) ** (1 / p.numel())).prod().item()
    assert geometric == pytest.approx(math.exp(page["val_loss"]), rel=1e-4)


# --- sampling ---


def test_samples_on_the_page(page) -> None:
    samples, start, vocab, model = page["samples"], page["start"], page["vocab"], page["model"]
    for temperature, text in samples.items():
        assert text.startswith(start) and len(text) == len(start) + 300
        again = sample(model, vocab, start, 300, temperature, torch.Generator().manual_seed(0))
        assert again == text  # a seeded generator repeats the sample
    cool = samples[0.5][len(start):]
    assert re.search(r"^[A-Z][A-Z ]+:$", cool, re.M)  # a speaker name in capitals and a colon
    assert "\n\n" in cool  # a blank line between speeches
    known = set(re.findall(r"[a-z]+", page["train_text"].lower()))

    def invented(text: str) -> float:
        words = re.findall(r"[a-z]+", text[len(start):].lower())
        return sum(w not in known for w in words) / len(words)

    assert invented(samples[1.0]) > invented(samples[0.5])  # "more words are invented"
    assert invented(samples[0.5]) < 0.2  # "mostly real English words"


def test_sampler_draws_from_softmax_over_temperature() -> None:
    torch.manual_seed(0)
    vocab = Vocabulary("abcdefg")
    model = CharLM(len(vocab), embedding_dim=4, hidden_size=5)
    with torch.no_grad():
        model.head.bias += torch.arange(7.0)  # unequal logits, so the temperature matters
    for temperature in (0.3, 1.0, 2.5):
        with torch.no_grad():
            logits, h = model(vocab.encode("abc").unsqueeze(0))
            generator = torch.Generator().manual_seed(1)
            first = torch.multinomial(F.softmax(logits[0, -1] / temperature, dim=0), 1, generator=generator)
            logits, _ = model(first.view(1, 1), h)
            second = torch.multinomial(F.softmax(logits[0, -1] / temperature, dim=0), 1, generator=generator)
        expected = "abc" + vocab.decode(torch.cat([first, second]))
        assert sample(model, vocab, "abc", 2, temperature, torch.Generator().manual_seed(1)) == expected


def test_tiny_temperature_is_greedy(page) -> None:
    model, vocab = page["model"], page["vocab"]
    text = "ROMEO:\n"
    with torch.no_grad():
        logits, h = model(vocab.encode(text).unsqueeze(0))
        for _ in range(40):
            code = logits[0, -1].argmax().view(1, 1)
            text += vocab.decode(code[0])
            logits, h = model(code, h)
    assert sample(model, vocab, "ROMEO:\n", 40, 1e-4, torch.Generator().manual_seed(0)) == text


def test_sampler_refuses_bad_input(page) -> None:
    model, vocab = page["model"], page["vocab"]
    with pytest.raises(ValueError, match=r"outside the vocabulary: \['¿', 'é'\]"):
        sample(model, vocab, "ROMEO: ¿qué?", 10)
    for temperature in (0, 0.0, -1.0):
        with pytest.raises(ValueError, match=f"temperature={temperature} must be > 0"):
            sample(model, vocab, "ROMEO:", 10, temperature)
    for length in (0, -3):
        with pytest.raises(ValueError, match=f"length={length} must be at least 1"):
            sample(model, vocab, "ROMEO:", length)
    with pytest.raises(ValueError, match="empty"):
        sample(model, vocab, "", 10)
    assert model.training  # sampling put the model back in training mode


# --- exercises ---


def test_exercise_greedy_loops(page) -> None:
    greedy = page["greedy"][len(page["start"]):]
    assert max(greedy.count(greedy[i : i + 20]) for i in range(len(greedy) - 20)) >= 3  # a phrase repeats
    counts = []
    for temperature in (0.01, 0.5, 1.0):
        words = sample(page["model"], page["vocab"], page["start"], 300, temperature, torch.Generator().manual_seed(0)).split()
        counts.append(len(set(words)) / len(words))
    assert counts[0] < counts[1] < counts[2]


def test_exercise_trigram(page) -> None:
    trigram_loss = page["trigram_loss"]
    losses = {alpha: trigram_loss(alpha) for alpha in (1, 0.1, 0.01)}
    assert losses[0.1] < losses[1] and losses[0.1] < losses[0.01]  # 0.1 is the best of the three
    assert page["val_loss"] < min(losses.values()) and max(losses.values()) < page["bigram_loss"]
    assert 65**3 == 274_625


def test_exercise_gradient_reach(page) -> None:
    reach = page["reach"]
    distances = [1, 2, 4, 8, 16, 32, 64, 128]
    sizes = [reach[128 - d].item() for d in distances]
    assert all(b < a for a, b in zip(sizes, sizes[1:]))  # falls with distance
    assert sizes[5] < sizes[0] / 20  # 32 back: "a small fraction"
    assert sizes[7] < sizes[0] * 1e-4  # 128 back: "practically vanished"
