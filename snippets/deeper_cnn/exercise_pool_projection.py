"""Exercise: why the pool branch needs its 1x1 projection, over all nine blocks of GoogLeNet (chapter: Wider and deeper: Inception and residual blocks)."""
# --8<-- [start:solution]
# in_channels, c1, c3_reduce, c3, c5_reduce, c5, pool_proj: Table 1 of the GoogLeNet paper
googlenet = {
    "3a": (192, 64, 96, 128, 16, 32, 32), "3b": (256, 128, 128, 192, 32, 96, 64),
    "4a": (480, 192, 96, 208, 16, 48, 64), "4b": (512, 160, 112, 224, 24, 64, 64),
    "4c": (512, 128, 128, 256, 24, 64, 64), "4d": (512, 112, 144, 288, 32, 64, 64),
    "4e": (528, 256, 160, 320, 32, 128, 128), "5a": (832, 256, 160, 320, 32, 128, 128),
    "5b": (832, 384, 192, 384, 48, 128, 128),
}
without = None  # channels out of the previous block when pooling passes its input on
for name, (in_channels, c1, _, c3, _, c5, pool_proj) in googlenet.items():
    with_projection = c1 + c3 + c5 + pool_proj
    # the pool branch keeps every input channel
    without = c1 + c3 + c5 + (in_channels if without is None else without)
    print(f"block {name}: {with_projection:4} channels out with the projection, "
          f"{without:5} without")
# --8<-- [end:solution]
