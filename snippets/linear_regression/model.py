"""Step 2 of the recipe: a model as an nn.Module subclass around nn.Linear (chapter: Linear regression the PyTorch way)."""
import torch
from torch import nn


# --8<-- [start:model]
class LinearRegression(nn.Module):
    def __init__(self):
        super().__init__()  # sets up the bookkeeping that finds parameters
        self.fc = nn.Linear(1, 1)  # y_hat = x w + b, with w and b created for us

    def forward(self, X):  # X (N, 1) -> y_hat (N, 1)
        return self.fc(X)


torch.manual_seed(1)  # the same starting weights on every run
model = LinearRegression()
print(model)
for name, param in model.named_parameters():
    print(f"{name:10} shape {tuple(param.shape)}  value {param.item():+.4f}  requires_grad {param.requires_grad}")
# --8<-- [end:model]

# --8<-- [start:call]
X_demo = torch.tensor([[0.0], [1.0]])  # (2, 1)
y_demo = model(X_demo)  # call the model, not model.forward: the call runs PyTorch's hooks too
print(y_demo)  # at x = 0 the output is b, at x = 1 it is w + b
# --8<-- [end:call]
