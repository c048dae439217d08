"""Graph breaks: where torch.compile must hand control back to Python, and how to see them (chapter: torch.compile)."""
import torch

# --8<-- [start:explain]
def normalise(x: torch.Tensor) -> torch.Tensor:
    x = x - x.mean()
    print("mean removed")  # Python side effect: the compiler cannot put it in a graph
    return x / x.std()


def clip_if_large(x: torch.Tensor) -> torch.Tensor:
    if x.abs().max().item() > 3:  # .item() turns a tensor into a Python number: the branch needs its value
        x = x.clamp(-3, 3)
    return x * 2


x = torch.linspace(-5, 5, 8)  # (8,)
for fn in (normalise, clip_if_large):
    report = torch._dynamo.explain(fn)(x)  # traces fn once and reports; compiles nothing
    print(f"{fn.__name__}: {report.graph_count} graphs, {report.graph_break_count} graph break")
    for reason in report.break_reasons:
        print("   reason:", reason.reason.splitlines()[0])
# --8<-- [end:explain]

# --8<-- [start:fullgraph]
strict = torch.compile(normalise, fullgraph=True, backend="eager")  # backend="eager": trace only, no code generation
try:
    strict(x)
except torch._dynamo.exc.Unsupported as error:
    print(type(error).__name__ + ":", str(error).splitlines()[0])
# --8<-- [end:fullgraph]
