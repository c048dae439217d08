"""Exercise: flatten a channels-last batch for a linear layer, with view and reshape (chapter: Tensors)."""
import torch

# --8<-- [start:solution]
batch = torch.arange(2 * 4 * 4 * 3).view(2, 4, 4, 3)  # (B, H, W, C): channels last
nchw = batch.permute(0, 3, 1, 2)  # (B, C, H, W): a view with reordered strides
print(nchw.shape, nchw.is_contiguous())
flat = nchw.reshape(2, -1)  # (B, C*H*W): reshape copies because view cannot
print(flat.shape)
print(torch.equal(flat, nchw.contiguous().view(2, -1)))  # the same numbers either way
# --8<-- [end:solution]
