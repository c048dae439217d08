"""Characters to integer codes and back, for names and other short texts."""
from __future__ import annotations

import string
import unicodedata

import torch

#: Index 0 is kept for padding, so a padded batch never mistakes padding for a letter.
PAD_INDEX = 0
#: Every character that occurs in the bundled surnames: the ASCII letters, a space and an apostrophe.
SURNAME_CHARACTERS = string.ascii_letters + " '"


def to_ascii(text: str) -> str:
    """Strip accents: ``"Müller"`` -> ``"Muller"`` (chapter: Dataset and DataLoader).

    Unicode NFD splits an accented letter into the letter and its accent mark;
    the marks are then dropped.
    """
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


class CharVocab:
    """A character vocabulary: code 0 is padding, the characters get codes 1, 2, ... (chapter: Dataset and DataLoader).

    ``encode("Adsit")`` gives a ``(5,)`` int64 tensor of codes and ``decode`` turns
    codes back into text, skipping padding.
    """

    def __init__(self, characters: str = SURNAME_CHARACTERS):
        unique = list(dict.fromkeys(characters))  # keeps the given order, drops repeats
        if not unique:
            raise ValueError("a vocabulary needs at least one character")
        self.characters = "".join(unique)
        self.index = {c: i for i, c in enumerate(unique, start=PAD_INDEX + 1)}

    def __len__(self) -> int:
        """The number of codes, padding included: the size of a one-hot vector or an embedding table."""
        return len(self.characters) + 1

    def encode(self, text: str) -> torch.Tensor:
        """The codes of ``text`` as a ``(len(text),)`` int64 tensor; accents are stripped first."""
        text = to_ascii(text)
        unknown = sorted(set(text) - self.index.keys())
        if unknown:
            raise ValueError(f"{text!r} holds characters outside the vocabulary: {unknown}")
        return torch.tensor([self.index[c] for c in text], dtype=torch.int64)

    def decode(self, codes: torch.Tensor) -> str:
        """The text for a 1-D tensor (or list) of codes; padding codes are skipped."""
        return "".join(self.characters[int(i) - 1] for i in codes if int(i) != PAD_INDEX)


#: The vocabulary of the bundled surnames: 54 characters plus padding.
SURNAMES = CharVocab()


def encode(name: str) -> torch.Tensor:
    """A surname as a ``(len(name),)`` int64 tensor of character codes (chapter: Dataset and DataLoader)."""
    return SURNAMES.encode(name)


def decode(codes: torch.Tensor) -> str:
    """Character codes back to a surname, padding skipped (chapter: Dataset and DataLoader)."""
    return SURNAMES.decode(codes)
