"""Draw the graph of loss = (w2 * sigmoid(w1 * x) - y)^2 with values and gradients (chapter: Backpropagation and autograd)."""
from torchsteps.graphs import Node, draw_graph
from torchsteps.plotting import svg

x, w1, w2, y = 2.0, 0.0, 2.0, 2.0  # the numbers of two_layer.py, and its results
z, h, y_hat, r, loss = 0.0, 0.5, 1.0, -1.0, 1.0
grad_r, grad_y_hat, grad_w2, grad_h, grad_z, grad_w1 = -2.0, -2.0, -1.0, -4.0, -1.0, -2.0

# --8<-- [start:figure]
nodes = {
    "x": Node("$x$", (0, 1.1), x, leaf=True),
    "w1": Node("$w_1$", (0, 0), w1, grad=grad_w1, leaf=True),
    "z": Node("$z = w_1 x$", (2.2, 0.55), z, grad=grad_z),
    "h": Node(r"$h = \sigma(z)$", (4.4, 0.55), h, grad=grad_h),
    "w2": Node("$w_2$", (4.4, -0.55), w2, grad=grad_w2, leaf=True),
    "y_hat": Node(r"$\hat y = w_2 h$", (6.6, 0), y_hat, grad=grad_y_hat),
    "y": Node("$y$", (6.6, -1.1), y, leaf=True),
    "r": Node(r"$r = \hat y - y$", (8.8, -0.55), r, grad=grad_r),
    "loss": Node(r"$\mathrm{loss} = r^2$", (11, -0.55), loss, grad=1.0),
}
arrows = [
    ("x", "z"), ("w1", "z", x), ("z", "h", h * (1 - h)), ("h", "y_hat", w2), ("w2", "y_hat", h),
    ("y_hat", "r", 1.0), ("y", "r"), ("r", "loss", 2 * r),  # each number: the local derivative
]
fig = draw_graph(nodes, arrows, width=7.6, height=2.8, box=(1.3, 0.9), title="two layers: every gradient is a product of the local derivatives on its path")
print(svg(fig, alt="The graph of the two-layer model: x = 2 and w1 = 0 feed z = 0, then h = sigmoid(z) = 0.5; h and w2 = 2 feed y_hat = 1; y_hat and y = 2 feed r = -1 and loss = 1. Gradients: r -2, y_hat -2, w2 -1, h -4, z -1, w1 -2."))
# --8<-- [end:figure]
