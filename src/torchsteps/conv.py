"""Convolution from scratch: the output-size formula and a 2-D convolution built on unfold (im2col)
(chapter: Convolution from the ground up).

Both check their arguments and raise a ``ValueError`` (a ``TypeError`` for a value of the wrong type)
that names the argument at fault,
instead of letting a bad shape surface as a deep torch traceback.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F


def _positive_int(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r} of type {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {name}={value}")
    return value


def output_size(n: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Length of a convolution's or pooling's output along one axis of length ``n`` (chapter: Convolution from the ground up).

    The formula is ``(n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1``,
    which for ``dilation=1`` is the familiar ``(n + 2p - k) // s + 1``. It is what
    ``nn.Conv2d`` and ``nn.MaxPool2d`` (with ``ceil_mode=False``) compute for each axis.
    """
    _positive_int("n", n, 1)
    _positive_int("kernel_size", kernel_size, 1)
    _positive_int("stride", stride, 1)
    _positive_int("padding", padding, 0)
    _positive_int("dilation", dilation, 1)
    span = dilation * (kernel_size - 1) + 1  # how many input positions one window covers
    if span > n + 2 * padding:
        raise ValueError(
            f"kernel_size={kernel_size} (spanning {span} positions with dilation={dilation}) is larger than the padded input "
            f"n + 2*padding = {n} + 2*{padding} = {n + 2 * padding}; use a smaller kernel_size or more padding"
        )
    return (n + 2 * padding - span) // stride + 1


def _check_conv_args(X: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> None:
    if not isinstance(X, torch.Tensor) or X.dim() != 4:
        raise ValueError(f"X must be a 4-D tensor (B, C_in, H, W), got shape {tuple(getattr(X, 'shape', ()))}")
    if not isinstance(weight, torch.Tensor) or weight.dim() != 4:
        raise ValueError(f"weight must be a 4-D tensor (C_out, C_in, k_h, k_w), got shape {tuple(getattr(weight, 'shape', ()))}")
    if weight.shape[1] != X.shape[1]:
        raise ValueError(f"weight.shape[1] = {weight.shape[1]} input channels, but X.shape[1] = {X.shape[1]}: they must be equal")
    if bias is not None and not isinstance(bias, torch.Tensor):
        raise TypeError(f"bias must be a tensor of shape ({weight.shape[0]},) or None, got {type(bias).__name__}")
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError(f"bias must have shape ({weight.shape[0]},), one entry per output channel, got {tuple(bias.shape)}")


def conv2d(X: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None, stride: int = 1, padding: int = 0) -> torch.Tensor:
    """2-D convolution (cross-correlation, as in ``F.conv2d``) as unfold followed by one matrix product (chapter: Convolution from the ground up).

    ``X`` is (B, C_in, H, W), ``weight`` (C_out, C_in, k_h, k_w), ``bias`` (C_out,) or None;
    the result is (B, C_out, H_out, W_out). Autograd differentiates it like any other tensor code.
    """
    _check_conv_args(X, weight, bias)
    B, C_in, H, W = X.shape
    C_out, _, k_h, k_w = weight.shape
    try:  # output_size raises for an impossible shape, naming the argument; add which tensors it came from
        H_out = output_size(H, k_h, stride, padding)
        W_out = output_size(W, k_w, stride, padding)
    except ValueError as error:
        raise ValueError(f"conv2d with X of shape {tuple(X.shape)} and weight of shape {tuple(weight.shape)}: {error}") from None
    cols = F.unfold(X, (k_h, k_w), padding=padding, stride=stride)  # (B, C_in*k_h*k_w, H_out*W_out): one column per window
    Y = weight.flatten(1) @ cols  # (C_out, C_in*k_h*k_w) @ (B, C_in*k_h*k_w, L) -> (B, C_out, L)
    if bias is not None:
        Y = Y + bias[:, None]  # (C_out, 1) broadcasts over the L positions
    return Y.view(B, C_out, H_out, W_out)
