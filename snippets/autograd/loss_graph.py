"""Draw the graph of loss = (xw - y)^2, first with its values, then with its gradients (chapter: Backpropagation and autograd)."""
# --8<-- [start:imports]
from torchsteps.graphs import Node, draw_graph
from torchsteps.plotting import svg
# --8<-- [end:imports]

x, w, y = 2.0, 1.0, 4.5  # the numbers and steps of chain_rule_by_hand.py
y_hat, r = x * w, x * w - y
loss = r**2
local_r, local_y_hat, local_w = 2 * r, 1.0, x
grad_loss, grad_r, grad_y_hat, grad_w = 1.0, local_r, local_r, local_r * local_w

# --8<-- [start:forward_figure]
place = {"x": (0, 1), "w": (0, 0), "y_hat": (1.8, 0.5), "y": (1.8, -0.5), "r": (3.6, 0), "loss": (5.4, 0)}
forward = {
    "x": Node("$x$", place["x"], x, leaf=True),
    "w": Node("$w$", place["w"], w, leaf=True),
    "y": Node("$y$", place["y"], y, leaf=True),
    "y_hat": Node(r"$\hat y = xw$", place["y_hat"], y_hat),
    "r": Node(r"$r = \hat y - y$", place["r"], r),
    "loss": Node(r"$\mathrm{loss} = r^2$", place["loss"], loss),
}
arrows = [("x", "y_hat"), ("w", "y_hat"), ("y_hat", "r"), ("y", "r"), ("r", "loss")]
fig = draw_graph(forward, arrows, title="forward pass: values flow left to right")
print(svg(fig, alt="The graph of loss = (xw - y) squared: x = 2 and w = 1 feed y_hat = 2; y_hat and y = 4.5 feed r = -2.5; r feeds loss = 6.25."))
# --8<-- [end:forward_figure]

# --8<-- [start:backward_figure]
backward = dict(forward)  # same nodes, now with their gradients
for key, grad in {"loss": grad_loss, "r": grad_r, "y_hat": grad_y_hat, "w": grad_w}.items():
    backward[key] = forward[key]._replace(grad=grad)
factors = [("x", "y_hat"), ("w", "y_hat", local_w), ("y_hat", "r", local_y_hat), ("y", "r"), ("r", "loss", local_r)]
fig = draw_graph(backward, factors, title="backward pass: gradients flow right to left")
print(svg(fig, alt="The same graph with gradients: loss 1, r -5, y_hat -5, w -10; the arrows carry the local derivatives 2r = -5, 1 and x = 2."))
# --8<-- [end:backward_figure]
