"""torchsteps.conv refuses impossible shapes with a ValueError that names the argument (chapter: Convolution from the ground up)."""
import torch
import torch.nn.functional as F

# --8<-- [start:errors]
import textwrap

from torchsteps.conv import conv2d, output_size

for bad in [dict(n=4, kernel_size=5), dict(n=28, kernel_size=3, stride=0)]:
    try:
        output_size(**bad)
    except ValueError as error:
        arguments = ", ".join(f"{k}={v}" for k, v in bad.items())
        print(f"output_size({arguments}) raises ValueError:\n{textwrap.indent(textwrap.fill(str(error), 76), '    ')}")
print("with padding=1 the kernel fits: output_size(4, 5, padding=1) =", output_size(4, 5, padding=1))
try:
    conv2d(torch.randn(1, 3, 8, 8), torch.randn(4, 1, 3, 3))  # an RGB image, filters made for one channel
except ValueError as error:
    print(f"conv2d(X with 3 channels, weight for 1) raises ValueError:\n{textwrap.indent(textwrap.fill(str(error), 76), '    ')}")
X_ok, weight_ok = torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3, 3)  # (B, C_in, H, W), (C_out, C_in, k, k)
Y_ok = conv2d(X_ok, weight_ok, stride=2, padding=1)
print("valid input:", tuple(Y_ok.shape), "allclose to F.conv2d:",
      torch.allclose(Y_ok, F.conv2d(X_ok, weight_ok, stride=2, padding=1), atol=1e-5))
# --8<-- [end:errors]
