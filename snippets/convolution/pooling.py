"""Max and average pooling on the worked example, by reshaping and with F.max_pool2d / F.avg_pool2d (chapter: Convolution from the ground up)."""
import torch
import torch.nn.functional as F

# --8<-- [start:pool]
X = torch.tensor([[1.0, 2.0, 0.0, 3.0],
                  [4.0, 1.0, 2.0, 0.0],
                  [1.0, 3.0, 1.0, 2.0],
                  [2.0, 0.0, 4.0, 5.0]])  # (4, 4): the worked example's input again
blocks = X.view(2, 2, 2, 2)  # (block row, row in block, block column, column in block)
max_pooled = blocks.amax(dim=(1, 3))  # (2, 2): the largest entry of each 2x2 block
avg_pooled = blocks.mean(dim=(1, 3))  # (2, 2): the mean of each 2x2 block
print("max pooling:\n", max_pooled)
print("average pooling:\n", avg_pooled)
# the stride of F.max_pool2d and F.avg_pool2d defaults to kernel_size: blocks that do not overlap
print(torch.equal(max_pooled, F.max_pool2d(X[None, None], kernel_size=2)[0, 0]),
      torch.equal(avg_pooled, F.avg_pool2d(X[None, None], kernel_size=2)[0, 0]))
# --8<-- [end:pool]

# --8<-- [start:gradient]
X_leaf = X.clone().requires_grad_()
F.max_pool2d(X_leaf[None, None], kernel_size=2).sum().backward()
print("gradient of max pooling:\n", X_leaf.grad)  # 1 where each block's maximum sits, 0 elsewhere
X_leaf.grad = None
F.avg_pool2d(X_leaf[None, None], kernel_size=2).sum().backward()
print("gradient of average pooling:\n", X_leaf.grad)  # 1/4 everywhere: every entry counts equally
# --8<-- [end:gradient]
