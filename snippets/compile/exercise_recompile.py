"""Exercise: count how often torch.compile compiles when the batch size changes (chapter: torch.compile)."""
import torch
from torch import nn

# --8<-- [start:solution]
def counting_backend(graph_module: torch.fx.GraphModule, example_inputs: list):
    counting_backend.graphs += 1  # called once per graph that Dynamo captures
    return graph_module.forward  # run the captured graph as it is


torch.manual_seed(0)
layer = nn.Linear(4, 2)
for dynamic in (None, False):  # None: the default; False: every new shape gets code of its own
    torch.compiler.reset()
    counting_backend.graphs = 0
    compiled_layer = torch.compile(layer, backend=counting_backend, dynamic=dynamic)
    for batch_size in (64, 64, 32, 16, 8):
        compiled_layer(torch.randn(batch_size, 4))  # (batch_size, 4)
    print(f"dynamic={dynamic}: 5 calls with batch sizes 64, 64, 32, 16, 8 -> {counting_backend.graphs} compiles")
# --8<-- [end:solution]
