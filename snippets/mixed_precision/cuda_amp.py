"""float16 with GradScaler and bfloat16 on a CUDA GPU: accuracy and speed against float32 (chapter: Mixed precision)."""
# requires: cuda
# --8<-- [start:imports]
import torch
from torch import nn

from torchsteps.accel import training_throughput
from torchsteps.cnn import CNN, mnist_loaders, mnist_tensors
# --8<-- [end:imports]

# --8<-- [start:amp]
def train_cuda(dtype: torch.dtype) -> tuple[float, float | None]:
    """One epoch of the CNN on the GPU; float16 with a GradScaler. Returns test accuracy and the final scale."""
    torch.manual_seed(0)
    train_loader, test_loader = mnist_loaders(batch_size=64, seed=0)
    model = CNN().to("cuda")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    amp_dtype = None if dtype == torch.float32 else dtype
    scaler = torch.amp.GradScaler("cuda", enabled=dtype == torch.float16)  # only float16 needs scaling
    for X, y in train_loader:
        X, y = X.to("cuda", non_blocking=True), y.to("cuda", non_blocking=True)
        with torch.autocast("cuda", dtype=amp_dtype, enabled=amp_dtype is not None):
            loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        scaler.scale(loss).backward()  # loss * scale (a no-op when the scaler is disabled)
        scaler.step(optimizer)  # unscale the gradients; skip the step if any is inf or nan
        scaler.update()  # halve the scale after an overflow, double it after 2000 clean steps
    model.eval()
    correct = torch.zeros((), device="cuda")
    with torch.no_grad(), torch.autocast("cuda", dtype=amp_dtype, enabled=amp_dtype is not None):
        for X, y in test_loader:
            correct += (model(X.to("cuda")).argmax(dim=1) == y.to("cuda")).sum()
    return correct.item() / len(test_loader.dataset), scaler.get_scale() if scaler.is_enabled() else None


amp_results = {dtype: train_cuda(dtype) for dtype in (torch.float32, torch.float16, torch.bfloat16)}
for dtype, (accuracy, final_scale) in amp_results.items():
    print(f"{str(dtype):15s} test accuracy {accuracy:.2%}" + (f", final scale {final_scale:g}" if final_scale else ""))
# --8<-- [end:amp]

# --8<-- [start:speed]
X_train, y_train, X_test, y_test = mnist_tensors()
for dtype in (None, torch.float16, torch.bfloat16):
    torch.manual_seed(0)
    rate = training_throughput(CNN().to("cuda"), X_train, y_train, 512, min_images=8192, dtype=dtype)  # speed only: no scaler
    print(f"{'float32' if dtype is None else str(dtype):15s} {rate:10,.0f} training images/s at batch size 512")
# --8<-- [end:speed]
