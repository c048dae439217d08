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
# # Lab II: a digit classifier with a validation split
#
# Part II went from one input to many, from one output to ten classes with softmax, and from a hand-written loop to
# `fit`, which measures a validation set every epoch. This lab trains a digit classifier the way a project should:
# hold back a validation set, train while watching the **learning curves**, pick the epoch from the validation
# loss, and touch the test set once, at the very end. At the end you will have a model above 93% on 2,000 digits it
# never saw, and curves that say whether more epochs would help.
#
# ## The loss
#
# The network maps an image to ten scores $z_0, \dots, z_9$, the logits. Softmax turns them into probabilities,
# and the loss of an image whose digit is $y$ is the cross-entropy, the negative log of the probability given to
# the right digit:
#
# $$
# \ell(z, y) = -\log \frac{e^{z_y}}{\sum_{k=0}^{9} e^{z_k}} .
# $$
#
# A model that guesses uniformly scores $\log 10 \approx 2.303$ on every image, the number the first epoch has to
# beat.
#
# ## Three splits
#
# The course ships 10,000 MNIST digits split 8,000 / 2,000. The 8,000 are split again: 7,000 to train on and 1,000
# to validate on, with a seeded generator so that every run gets the same split.

# %%
import torch
from IPython.display import HTML, display
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from torchsteps.datasets import load_mnist
from torchsteps.models import MLP
from torchsteps.plotting import figure, svg
from torchsteps.training import evaluate, fit

batch_size = 64
num_val = 1000
lr = 0.05
num_epochs = 10

X, y = load_mnist("train")  # X (8000, 1, 28, 28), y (8000,)
X_test, y_test = load_mnist("test")  # X_test (2000, 1, 28, 28), y_test (2000,)
split_generator = torch.Generator().manual_seed(0)  # the same split on every run
train_set, val_set = random_split(TensorDataset(X, y), [len(X) - num_val, num_val], generator=split_generator)
generator = torch.Generator().manual_seed(0)  # decides each epoch's shuffle
train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=generator)
val_loader = DataLoader(val_set, batch_size=500)
test_loader = DataLoader(TensorDataset(X_test, y_test), batch_size=500)
print(f"train {len(train_set)}, validation {len(val_set)}, test {len(X_test)}")
print(f"{len(train_loader)} batches of {batch_size} per epoch")

# %% [markdown]
# ## Train and watch
#
# A multilayer perceptron from the package, 784 inputs, two hidden layers of 128 and 64 units with ReLU, and ten
# logits. `fit` trains it with SGD and momentum and evaluates the validation set after every epoch.

# %%
torch.manual_seed(0)
model = MLP((784, 128, 64, 10))
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
history = fit(model, train_loader, loss_fn, optimizer, num_epochs,
              val_loader=val_loader, device="cpu", progress=False)
for row in history.epochs:
    print("epoch {epoch:2d}  train loss {train_loss:.4f} acc {train_acc:.3f}"
          "   val loss {val_loss:.4f} acc {val_acc:.3f}".format(**row))

# %% [markdown]
# ## The learning curves
#
# Training loss falls every epoch, because the model keeps fitting the images it trains on. Validation loss is the
# honest one: it falls while the model learns digits and flattens, or rises, once it starts learning the training
# images themselves.

# %%
fig, (left, right) = figure(ncols=2, width=7.2, height=3.0)
for split in ("train", "val"):
    left.plot(history["epoch"], history[f"{split}_loss"], "o-", label=split)
    right.plot(history["epoch"], history[f"{split}_acc"], "o-", label=split)
left.set(xlabel="epoch", title="cross-entropy loss")
right.set(xlabel="epoch", title="accuracy")
left.legend()
alt = ("Learning curves: training loss keeps falling while validation loss flattens after a few epochs; "
       "training accuracy ends above validation accuracy.")
display(HTML(svg(fig, alt=alt)))
gap = history["train_acc"][-1] - history["val_acc"][-1]
print(f"lowest validation loss at epoch {history.best_epoch}; final train-validation accuracy gap {gap:.3f}")

# %% [markdown]
# ## The test set, once
#
# Everything above was decided on the validation set. Now, and only now, the test set measures the model.

# %%
test = evaluate(model, test_loader, loss_fn)
print(f"test loss {test['loss']:.4f}, test accuracy {test['accuracy']:.3f}")
print("the bar is 0.93:", "passed" if test["accuracy"] > 0.93 else "missed")

# %% [markdown]
# ## Your turn 1: stop early
#
# Train a fresh model for up to 30 epochs with `patience=3`: `fit` then stops once the validation loss has not
# improved for three epochs, and keeps the weights of the best epoch. Which epoch does it keep, and how does that
# model do on the test set?

# %% tags=["solution"]
torch.manual_seed(0)
generator.manual_seed(0)  # the same shuffles as above
patient = MLP((784, 128, 64, 10))
patient_optimizer = torch.optim.SGD(patient.parameters(), lr=lr, momentum=0.9)
patient_history = fit(patient, train_loader, loss_fn, patient_optimizer, 30,
                      val_loader=val_loader, patience=3, device="cpu", progress=False)
patient_test = evaluate(patient, test_loader, loss_fn)
print(f"stopped early: {patient_history.stopped_early} after {len(patient_history)} epochs")
print(f"kept the weights of epoch {patient_history.best_epoch}")
print(f"test accuracy of the kept weights {patient_test['accuracy']:.3f}")

# %% [markdown]
# `fit` ran until three epochs in a row failed to beat the best validation loss, then restored that epoch's
# weights. The number of epochs became a decision the validation set makes, not a guess.
#
# ## Your turn 2: which digits does it confuse?
#
# Count, over the test set, how often each true digit is predicted as each other digit, and print the three most
# frequent mistakes.

# %% tags=["solution"]
with torch.inference_mode():
    predicted = model(X_test).argmax(dim=1)  # (2000,)
confusion = torch.zeros(10, 10, dtype=torch.int64)  # rows: true digit, columns: predicted digit
confusion.index_put_((y_test, predicted), torch.ones_like(y_test), accumulate=True)
mistakes = confusion.clone().fill_diagonal_(0)
counts, flat = mistakes.flatten().topk(3)
for count, index in zip(counts.tolist(), flat.tolist()):
    print(f"true {index // 10} predicted as {index % 10}: {count} times")
print(f"{mistakes.sum().item()} mistakes in {len(y_test)} test digits")

# %% [markdown]
# The mistakes cluster on pairs that share strokes; a fully connected network sees pixels, not shapes. Part III's
# convolutional network, which does see shapes, makes far fewer of them.
#
# ## Summary
#
# - Split three ways: train on one part, choose epochs and settings on the validation part, and measure the test
#   part once at the end.
# - The learning curves show when training has stopped helping: validation loss flattens or rises while training
#   loss keeps falling.
# - `fit(..., val_loader=..., patience=...)` stops early and keeps the weights of the epoch with the lowest
#   validation loss.
# - A confusion count says which mistakes the model makes, not only how many.
