"""Exercise: scale every row of a matrix to unit length (chapter: Tensors)."""
import torch

# --8<-- [start:solution]
torch.manual_seed(0)
M = torch.randn(5, 3)  # (5, 3)
norms = M.pow(2).sum(dim=1, keepdim=True).sqrt()  # (5, 1): keepdim lets it broadcast over columns
unit = M / norms  # (5, 3) / (5, 1) -> (5, 3)
print(unit.norm(dim=1))  # every row now has length 1
print(torch.allclose(unit, torch.nn.functional.normalize(M, dim=1)))
# --8<-- [end:solution]
