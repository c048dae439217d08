# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab I: fit and diagnose a regression
#
# Part I built the linear model, gradient descent, autograd and `nn.Linear` one piece at a time. This lab puts them
# together on data you control. You will generate noisy points from a curve you choose, fit a line with the PyTorch
# recipe, and then diagnose the fit: has the loss stopped falling, does the line agree with the exact least-squares
# answer, and do the residuals show a pattern that a line cannot capture? Every verdict below is computed from the
# run, so change the settings in the first code cell, run all cells again, and read what changes.
#
# ## The model and what "fitted" means
#
# The model predicts $\hat{y} = w x + b$, and training minimises the mean squared error over the $N$ points:
#
# $$
# \mathcal{L}(w, b) = \frac{1}{N} \sum_{i=1}^{N} \left(\hat{y}_i - y_i\right)^2 .
# $$
#
# If the data really are a line plus noise of standard deviation $\sigma$, no model can beat
# $\mathcal{L} \approx \sigma^2$: the noise cannot be predicted. That gives the first diagnosis, a loss near
# $\sigma^2$ means the line explains all it can. The second is the **residuals** $r_i = y_i - \hat{y}_i$: for a good
# fit they look like the noise, with no trend left in them.
#
# ## The data you can change
#
# `curvature` adds a term $c x^2$ that a straight line cannot represent. Leave it at 0 first; then try 1.5.

# %%
import torch
from IPython.display import HTML, display
from torch import nn

from torchsteps.plotting import figure, svg

true_w, true_b = 2.0, 1.0  # the line the data come from
curvature = 0.0  # c in y = w x + b + c x^2 + noise: try 1.5
noise = 0.3  # the noise's standard deviation, sigma
N = 100
lr = 0.1
num_epochs = 300

torch.manual_seed(0)
X = torch.rand(N, 1) * 2 - 1  # (100, 1): one feature, uniform in [-1, 1)
y = true_w * X + true_b + curvature * X**2 + noise * torch.randn(N, 1)  # (100, 1)
print(X.shape, y.shape)

# %% [markdown]
# ## Fit a line
#
# The recipe of Part I: a model, a loss function, an optimizer, and a loop of forward pass, `backward()` and
# `step()`. The whole data set is one batch, so one epoch is one step.

# %%
torch.manual_seed(1)
model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=lr)

losses = []
for epoch in range(num_epochs):
    y_hat = model(X)  # (100, 1)
    loss = loss_fn(y_hat, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
w, b = model.weight.item(), model.bias.item()
print(f"learned w = {w:.3f}, b = {b:.3f}   (true w = {true_w}, b = {true_b})")
print(f"loss: first epoch {losses[0]:.3f}, last {losses[-1]:.4f}, noise variance sigma^2 = {noise**2:.4f}")

# %% [markdown]
# ## Diagnosis 1: has training finished?
#
# A loss that is still falling at the last epoch means more epochs (or a larger `lr`) would help. Compare the last
# epoch with the one fifty epochs earlier.

# %%
drop = losses[-51] - losses[-1]
verdict = "converged" if drop < 1e-4 else "still falling: train longer"
print(f"loss fell by {drop:.2g} over the last 50 epochs: {verdict}")

# %% [markdown]
# ## Diagnosis 2: the exact answer
#
# A line has a closed-form least-squares solution. Put a column of ones next to $x$ and solve
# $\min_\theta \|A \theta - y\|^2$ with `torch.linalg.lstsq`; gradient descent should land on the same
# $w$ and $b$.

# %%
A = torch.cat([X, torch.ones_like(X)], dim=1)  # (100, 2): x and a column of ones for b
w_exact, b_exact = torch.linalg.lstsq(A, y).solution.squeeze(1).tolist()
print(f"least squares: w = {w_exact:.3f}, b = {b_exact:.3f}")
print(f"gradient descent is off by {abs(w - w_exact):.1e} in w and {abs(b - b_exact):.1e} in b")

# %% [markdown]
# ## Diagnosis 3: the residuals
#
# Noise has no shape. A curve left in the data shows up as residuals that are positive at both ends of the range
# and negative in the middle. The number below is the mean residual where $|x| > 0.5$ minus the mean where
# $|x| \le 0.5$; for pure noise it stays near 0.

# %%
with torch.no_grad():
    residuals = y - model(X)  # (100, 1)
edges = X.abs() > 0.5  # (100, 1) bool
bend = (residuals[edges].mean() - residuals[~edges].mean()).item()
r2 = 1 - residuals.pow(2).mean().item() / y.var(unbiased=False).item()
verdict = "no pattern left" if abs(bend) < 0.2 else "a curve the line misses"
print(f"R^2 = {r2:.3f}   residual bend = {bend:+.3f}: {verdict}")

fig, (left, right) = figure(ncols=2, width=7.2, height=3.0)
order = X.squeeze(1).argsort()
left.plot(X, y, ".", alpha=0.6, label="data")
left.plot(X[order], (w * X + b)[order], "-", label="fitted line")
left.set(xlabel="x", ylabel="y", title="the fit")
left.legend()
right.plot(X, residuals, ".")
right.axhline(0, color="gray")
right.set(xlabel="x", ylabel="y - y_hat", title="residuals")
alt = "Left: the data and the fitted line. Right: the residuals against x."
display(HTML(svg(fig, alt=alt)))

# %% [markdown]
# ## Your turn 1: a curve the line cannot fit
#
# Make data with `curvature = 1.5` and fit the line again. Then give the model a second input, $x^2$, so that it
# becomes $\hat{y} = w_1 x + w_2 x^2 + b$, still linear in its parameters. Does the residual bend go away?

# %% tags=["solution"]
def fit_linear(features: torch.Tensor, y: torch.Tensor, num_epochs: int = 2000) -> tuple[nn.Linear, float]:
    """Fit nn.Linear to (N, k) features by gradient descent; return the model and its residual bend."""
    torch.manual_seed(1)
    model = nn.Linear(features.shape[1], 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(num_epochs):
        loss = loss_fn(model(features), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        residuals = y - model(features)  # (N, 1)
    outer = features[:, :1].abs() > 0.5  # (N, 1): |x| > 0.5, x being the first column
    return model, (residuals[outer].mean() - residuals[~outer].mean()).item()


torch.manual_seed(0)
X_curved = torch.rand(N, 1) * 2 - 1  # the same x as above
y_curved = true_w * X_curved + true_b + 1.5 * X_curved**2 + noise * torch.randn(N, 1)  # (100, 1)
_, bend_line = fit_linear(X_curved, y_curved)
squared, bend_squared = fit_linear(torch.cat([X_curved, X_curved**2], dim=1), y_curved)  # features (100, 2)
print(f"a line on curved data:    residual bend {bend_line:+.3f}")
w2 = squared.weight[0, 1].item()
print(f"with x^2 as a feature:    residual bend {bend_squared:+.3f}, w2 = {w2:.2f} (true 1.5)")

# %% [markdown]
# The line leaves a bend of about 0.76 in the residuals, the signature of the missing $x^2$ term; with $x^2$ as a
# feature the bend is back at the noise level and $w_2$ lands near 1.5. The model got more expressive without
# becoming anything but linear in $w$: that is linear regression on **features**. More epochs were needed because
# $x$ and $x^2$ pull in different directions and gradient descent zigzags between them.
#
# ## Your turn 2: too large a learning rate
#
# For this loss, gradient descent on $w$ converges only while $\mathrm{lr} < 2 / \lambda_{\max}$, where
# $\lambda_{\max}$ is the largest eigenvalue of the loss's curvature $\frac{2}{N} A^\top A$. Compute that limit for
# your data and train 50 epochs just below and just above it.

# %% tags=["solution"]
lam_max = torch.linalg.eigvalsh(2 / N * A.T @ A).max().item()
lr_limit = 2 / lam_max
for scale in (0.9, 1.1):
    torch.manual_seed(1)
    trial = nn.Linear(1, 1)
    trial_optimizer = torch.optim.SGD(trial.parameters(), lr=scale * lr_limit)
    for epoch in range(50):
        loss = loss_fn(trial(X), y)
        trial_optimizer.zero_grad()
        loss.backward()
        trial_optimizer.step()
    print(f"lr = {scale} x the limit {lr_limit:.3f}: loss after 50 epochs {loss.item():.3g}")

# %% [markdown]
# Just below the limit the loss settles; just above it each step overshoots the minimum by more than the last, and
# the loss grows without bound. The limit comes from the data: scale $x$ up and it shrinks.
#
# ## Summary
#
# - A fit is diagnosed, not assumed: check that the loss has stopped falling, compare it with the noise level
#   $\sigma^2$, and compare the weights with an exact solution where one exists.
# - Residuals that keep a shape, here a bend at both ends, mean the model misses a term; a new feature such as $x^2$
#   can add it while the model stays linear in its parameters.
# - The learning rate has a hard upper limit set by the curvature of the loss, $2 / \lambda_{\max}$; above it
#   gradient descent diverges.
